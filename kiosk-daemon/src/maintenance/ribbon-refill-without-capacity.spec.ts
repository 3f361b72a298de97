/**
 * The fault: the card printer's ribbon had no capacity, as cassettes and the hopper have, so a
 * ribbon "replaced" with 5,000 prints was taken, journaled and told to the printer, and the
 * ribbon's count said ten ribbons' worth. Now a ribbon replacement knows what one ribbon holds: the
 * printer's own answer where it reads the ribbon's tag (`Rrt;capacity`), else the profile's
 * `devices.cardPrinter.ribbonCapacity`; a new ribbon of more prints is refused
 * MAINTENANCE_OVER_CAPACITY before anything is journaled or told, one of no prints is refused coded,
 * and one within it replaces the ribbon. Real journal (SQLite), the Evolis driver over TCP into its
 * byte-level emulator, real maintenance services.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  EvolisCardPrinterDriver,
  EvolisPrinterEmulator,
  tcpPrinterConnector,
  type EvolisPrinterEmulatorOptions,
} from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { staffSuppliesWorld, type StaffSuppliesWorld } from './staff-supplies-world.spec-support.js';

let w: StaffSuppliesWorld | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await w?.close();
  w = undefined;
  for (const close of closers.splice(0).reverse()) await close();
});

async function cardPrinter(options: EvolisPrinterEmulatorOptions) {
  const emulator = new EvolisPrinterEmulator({ hopper: 50, ribbon: 10, ...options });
  const { host, port } = await emulator.listen(0, '127.0.0.1');
  const driver = new EvolisCardPrinterDriver({ connect: tcpPrinterConnector(host, port) });
  await driver.open();
  closers.push(
    () => emulator.close(),
    () => driver.close(),
  );
  return { emulator, driver };
}

const ribbon = (added: number) => ({ device: 'cardPrinter', supply: 'ribbon', added }) as const;

describe('fault: ribbon refill without capacity', () => {
  it.each([
    ['the printer reads it off the ribbon’s tag', { ribbonCapacity: 300 }, 1_000, 300],
    ['the ribbon has no tag: the profile says it', {}, 250, 250],
  ] as const)(
    '%s: past it refused before anything moves, none refused, within it replaced',
    async (_, tag, profile, holds) => {
      const { driver } = await cardPrinter(tag);
      const world = await staffSuppliesWorld({ cardPrinter: driver, ribbonCapacity: profile });
      w = world;
      const token = await world.logIn('FS-0001');

      const [row] = (await world.views.view(token)).supplies.filter((s) => s.supply === 'ribbon');
      expect(row).toMatchObject({ count: 10, capacity: holds, unit: 'prints' });

      await expect(world.supplies.refill(token, ribbon(holds + 1))).rejects.toMatchObject({
        code: ErrorCode.MAINTENANCE_OVER_CAPACITY,
        details: { capacity: holds, mostAdded: holds },
      });
      expect(await world.visitSteps()).toEqual(['maintenance.login:done']);
      expect(driver.status().supplies.find((s) => s.name === 'ribbon')?.count).toBe(10);

      await expect(world.supplies.refill(token, ribbon(0))).rejects.toMatchObject({
        code: ErrorCode.MAINTENANCE_COUNT_MISMATCH,
      });

      expect(await world.supplies.refill(token, ribbon(holds))).toMatchObject({ after: holds });
      expect((await world.visitSteps()).slice(-2)).toEqual([
        'maintenance.refill:intent',
        'maintenance.refill:done',
      ]);
    },
  );

  it('the Evolis driver itself refuses a ribbon past what its tag says, the printer not told', async () => {
    const { driver } = await cardPrinter({ ribbonCapacity: 300 });
    await expect(driver.refillSupply('ribbon', 301)).rejects.toMatchObject({
      code: ErrorCode.MAINTENANCE_OVER_CAPACITY,
      details: { capacity: 300 },
    });
    expect(driver.status().supplies.find((s) => s.name === 'ribbon')).toMatchObject({
      count: 10,
      capacity: 300,
    });
  });
});

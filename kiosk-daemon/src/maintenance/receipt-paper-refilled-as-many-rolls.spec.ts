/**
 * The fault: the receipt printer's paper was a stock of rolls, so a refill of three rolls was
 * accepted, journaled and logged as three rolls loaded, though a printer holds one roll. Now a
 * paper refill is what it is physically, a roll replaced (as a ribbon is: the level back to full):
 * more than one roll is refused MAINTENANCE_OVER_CAPACITY before anything is journaled, a count of
 * none is refused coded, and one roll is the refill, the printer reading paper again. The staff
 * view says a printer holds one roll. Real journal (SQLite), the ESC/POS driver over TCP into its
 * byte-level emulator, real maintenance services.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { staffSuppliesWorldOnEscposPrinter } from './receipt-printer-world.spec-support.js';
import type { StaffSuppliesWorld } from './staff-supplies-world.spec-support.js';

let opened: StaffSuppliesWorld | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

const paper = (added: number) => ({ device: 'receiptPrinter', supply: 'paper', added }) as const;

describe('fault: receipt paper refilled as many rolls', () => {
  it('more than one roll refused, none refused, one roll replaced: the printer reads paper again', async () => {
    const { w, emulator, printer } = await staffSuppliesWorldOnEscposPrinter((e) => e.paperOut());
    opened = w;
    const token = await w.logIn('FS-0001');

    const [row] = (await w.views.view(token)).supplies.filter((s) => s.supply === 'paper');
    expect(row).toMatchObject({ unit: 'rolls', capacity: 1, level: 'empty' });

    // the hands put a roll in; staff say three
    emulator.loadPaper();
    await expect(w.supplies.refill(token, paper(3))).rejects.toMatchObject({
      code: ErrorCode.MAINTENANCE_OVER_CAPACITY,
      details: { capacity: 1, mostAdded: 1 },
    });
    expect(await w.visitSteps()).toEqual(['maintenance.login:done']);

    await expect(w.supplies.refill(token, paper(0))).rejects.toMatchObject({
      code: ErrorCode.MAINTENANCE_COUNT_MISMATCH,
    });

    expect(await w.supplies.refill(token, paper(1))).toMatchObject({ quantity: 1 });
    expect((await w.visitSteps()).slice(-2)).toEqual([
      'maintenance.refill:intent',
      'maintenance.refill:done',
    ]);
    expect(printer.status().supplies.find((s) => s.name === 'paper')?.level).toBe('ok');
  });
});

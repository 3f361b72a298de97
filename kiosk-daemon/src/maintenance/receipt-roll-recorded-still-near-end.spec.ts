/**
 * The fault: a new roll of receipt paper recorded by staff was answered with the device's count
 * only, which a printer that senses its paper does not have (null), so the staff screen could not
 * tell a roll seated from one that was not: the printer still reading its paper near its end (or
 * out) after "new roll in" went unnoticed until receipts stopped. Now the answer carries the level
 * the printer reads right after the act (`levelAfter`), which the screen says. Real journal
 * (SQLite), the ESC/POS driver over TCP into its byte-level emulator, real maintenance services.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { EscposPrinterEmulator } from '@kiosk/device-drivers';
import { staffSuppliesWorldOnEscposPrinter } from './receipt-printer-world.spec-support.js';
import type { StaffSuppliesWorld } from './staff-supplies-world.spec-support.js';

let opened: StaffSuppliesWorld | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

const newRoll = { device: 'receiptPrinter', supply: 'paper', added: 1 } as const;

/** The world on a printer reading its paper near its end; the printer's emulator. */
async function printerNearEnd(): Promise<{ w: StaffSuppliesWorld; emulator: EscposPrinterEmulator }> {
  const world = await staffSuppliesWorldOnEscposPrinter((emulator) => emulator.paperNearEnd());
  opened = world.w;
  return world;
}

describe('fault: receipt roll recorded while the printer still reads it near its end', () => {
  it('the roll not seated: recorded, and answered with the printer still reading its paper low', async () => {
    const { w } = await printerNearEnd();
    const token = await w.logIn('FS-0001');
    expect(await w.supplies.refill(token, newRoll)).toMatchObject({
      quantity: 1,
      after: null,
      levelAfter: 'low',
    });
    expect((await w.visitSteps()).slice(-1)).toEqual(['maintenance.refill:done']);
  });

  it('a new roll seated: answered with the printer reading paper', async () => {
    const { w, emulator } = await printerNearEnd();
    const token = await w.logIn('FS-0001');
    emulator.loadPaper();
    expect(await w.supplies.refill(token, newRoll)).toMatchObject({ quantity: 1, levelAfter: 'ok' });
  });
});

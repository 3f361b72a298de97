/**
 * The fault: a new roll of receipt paper recorded by staff was answered with the device's count
 * only, which a printer that senses its paper does not have (null), so the staff screen could not
 * tell a roll seated from one that was not: the printer still reading its paper near its end (or
 * out) after "new roll in" went unnoticed until receipts stopped. Now the answer carries the level
 * the printer reads right after the act (`levelAfter`), which the screen says. Real journal
 * (SQLite), the ESC/POS driver over TCP into its byte-level emulator, real maintenance services.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { EscposPrinterDriver, EscposPrinterEmulator, tcpPrinterConnector } from '@kiosk/device-drivers';
import { staffSuppliesWorld, type StaffSuppliesWorld } from './staff-supplies-world.spec-support.js';

let w: StaffSuppliesWorld;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await w.close();
  for (const close of closers.splice(0).reverse()) await close();
});

const newRoll = { device: 'receiptPrinter', supply: 'paper', added: 1 } as const;

async function printerNearEnd(): Promise<EscposPrinterEmulator> {
  const emulator = new EscposPrinterEmulator();
  const { host, port } = await emulator.listen(0, '127.0.0.1');
  const printer = new EscposPrinterDriver({ connect: tcpPrinterConnector(host, port) });
  await printer.open();
  closers.push(
    () => emulator.close(),
    () => printer.close(),
  );
  w = await staffSuppliesWorld({ receiptPrinter: printer });
  emulator.paperNearEnd();
  await printer.refreshStatus();
  return emulator;
}

describe('fault: receipt roll recorded while the printer still reads it near its end', () => {
  it('the roll not seated: recorded, and answered with the printer still reading its paper low', async () => {
    await printerNearEnd();
    const token = await w.logIn('FS-0001');
    expect(await w.supplies.refill(token, newRoll)).toMatchObject({
      quantity: 1,
      after: null,
      levelAfter: 'low',
    });
    expect((await w.visitSteps()).slice(-1)).toEqual(['maintenance.refill:done']);
  });

  it('a new roll seated: answered with the printer reading paper', async () => {
    const emulator = await printerNearEnd();
    const token = await w.logIn('FS-0001');
    emulator.loadPaper();
    expect(await w.supplies.refill(token, newRoll)).toMatchObject({ quantity: 1, levelAfter: 'ok' });
  });
});

/**
 * Fault: a receipt printer stopped by an error it clears itself read offline. DLE EOT 3 bit 6 is
 * the auto-recoverable error (ESC/POS: printing stopped while the print head is too hot, until it
 * has cooled; the printer then goes on by itself); the printer, offline meanwhile (DLE EOT 1 bit 3),
 * was published `offline` with DEVICE_OFFLINE as if it did not answer (opened again and again,
 * ADR 0020), and a receipt under way was failed and its rest cleared, though the printer would have
 * finished it. Now the printer reads `busy` with DEVICE_BUSY and says why; a print asked meanwhile
 * is refused DEVICE_BUSY, one under way waits for the printer to go on, and it is back online on
 * its own, on the same connection. The printer is the byte-level emulator over TCP, its head
 * overheated through its control surface; the status bytes are a printer's own.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import { EscposPrinterDriver } from './escpos-printer.driver.js';
import { EscposPrinterEmulator } from './escpos-printer.emulator.js';
import { NORMAL_FLAGS, applyRealtimeStatus } from './escpos.protocol.js';
import { tcpPrinterConnector } from './printer-connectors.js';
import { printerFault, receiptPrinterStatus } from './receipt-printer-status.js';
import { closedAfterEach, zhangsWithdrawalReceipt } from './head-too-hot.spec-support.js';

/** The flags of the printer's answers to DLE EOT 1 to 4. */
const read = (answers: readonly [number, number, number, number]) =>
  answers.reduce((f, b, i) => applyRealtimeStatus((i + 1) as 1 | 2 | 3 | 4, b, f), { ...NORMAL_FLAGS });

/** offline (DLE EOT 1 bit 3), an error occurred (DLE EOT 2 bit 6), the auto-recoverable error, paper there */
const HEAD_TOO_HOT = [0x1a, 0x52, 0x52, 0x12] as const;

const SERIAL = '20261129-000007';
const receipt = zhangsWithdrawalReceipt(SERIAL);
const opened = closedAfterEach();

/** The driver on the emulator over TCP, idle polling off; `connects` counts the connections it made. */
async function printerOnTcp(msPerLine = 0) {
  const printer = (opened.emulator = new EscposPrinterEmulator({ msPerLine }));
  const { host, port } = await printer.listen(0);
  const tcp = tcpPrinterConnector(host, port);
  const counted = { connects: 0 };
  const driver = (opened.driver = new EscposPrinterDriver({
    connect: (signal, what) => {
      counted.connects += 1;
      return tcp(signal, what);
    },
    idlePollMs: 0,
    statusTimeoutMs: 3_000,
  }));
  await driver.open();
  return { printer, driver, counted };
}

function nextStatus(driver: EscposPrinterDriver, match: (s: DeviceStatus) => boolean): Promise<DeviceStatus> {
  return new Promise((resolve) => {
    const off = driver.onStatus((s) => {
      if (!match(s)) return;
      off();
      resolve(s);
    });
  });
}

const faulted = (s: DeviceStatus) => s.fault !== undefined;

describe('fault: escpos-auto-recoverable-error-read-as-offline', () => {
  it('the status bytes of a head too hot read busy, DEVICE_BUSY, with what clears it; a receipt under way is no fault', () => {
    const flags = read(HEAD_TOO_HOT);
    expect(receiptPrinterStatus(flags, false, new Date())).toMatchObject({
      device: 'busy',
      fault: { code: ErrorCode.DEVICE_BUSY, message: expect.stringMatching(/by itself/) },
    });
    expect(printerFault(flags, false)).toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    expect(printerFault(flags, true)).toBeNull(); // the printer goes on with it by itself
  });

  it('guard: the cover opened while printing (bit 6 too) stays PRINTER_COVER_OPEN', () => {
    const flags = read([0x1a, 0x56, 0x52, 0x12]);
    expect(printerFault(flags, true)).toMatchObject({ code: ErrorCode.PRINTER_COVER_OPEN });
  });

  it('head overheated while idle: busy (pushed by the printer), a print refused DEVICE_BUSY with nothing printed; cooled, online again on the same connection', async () => {
    const { printer, driver, counted } = await printerOnTcp();
    const hot = nextStatus(driver, faulted);
    printer.overheatHead();
    expect(await hot).toMatchObject({ device: 'busy', fault: { code: ErrorCode.DEVICE_BUSY } });
    const refused = await driver.print(receipt).catch((e: unknown) => e);
    expect(KioskError.is(refused, ErrorCode.DEVICE_BUSY)).toBe(true);
    expect(printer.receipts).toHaveLength(0);

    const back = nextStatus(driver, (s) => s.device === 'online');
    printer.coolHead();
    expect((await back).fault).toBeUndefined();
    await expect(driver.print(receipt)).resolves.toMatchObject({ printed: true });
    expect(counted.connects).toBe(1);
  });

  it('head overheated mid-receipt: the print waits and the receipt comes out whole once the head has cooled', async () => {
    const { printer, driver, counted } = await printerOnTcp(2);
    const hot = nextStatus(driver, faulted);
    printer.once('fed', () => printer.overheatHead());
    const printing = driver.print(receipt).catch((e: unknown) => e); // its end, whatever it is
    expect(await hot).toMatchObject({ device: 'busy', fault: { code: ErrorCode.DEVICE_BUSY } });
    const cut = printer.nextReceipt();
    printer.coolHead();
    expect(await printing).toMatchObject({ printed: true });
    expect((await cut).text).toContain(SERIAL);
    expect(printer.receipts).toHaveLength(1);
    expect(driver.status()).toMatchObject({ device: 'online' });
    expect(counted.connects).toBe(1);
  });
});

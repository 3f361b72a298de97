/**
 * Fault: a receipt printer that answered its status with a mechanical fault read offline, as if it
 * did not answer. DLE EOT 3 tells a recoverable error (bit 2, a mechanical error) and an
 * unrecoverable one (bit 5) apart from the autocutter's (bit 3); the driver read the unrecoverable
 * one as a cutter error and the recoverable one not at all, so the printer, offline by it (DLE EOT 1
 * bit 3), was published `offline` with DEVICE_OFFLINE: the daemon opened it again and again (ADR
 * 0020) and staff were told of a connection, not of a mechanism to clear. Now both read
 * `hardwareError`, DEVICE_HARDWARE_ERROR, and a print is refused with it. The status bytes are the
 * printer's own, read as the driver reads them.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { NORMAL_FLAGS, applyRealtimeStatus } from './escpos.protocol.js';
import { printerFault, receiptPrinterStatus } from './receipt-printer-status.js';

/** The flags of the printer's answers to DLE EOT 1 to 4. */
const read = (answers: readonly [number, number, number, number]) =>
  answers.reduce((f, b, i) => applyRealtimeStatus((i + 1) as 1 | 2 | 3 | 4, b, f), { ...NORMAL_FLAGS });

const AT = new Date('2026-11-29T12:00:00Z');

describe('fault: escpos-mechanical-error-read-as-offline', () => {
  it.each([
    ['a recoverable (mechanical) error', 0x16],
    ['an unrecoverable error', 0x32],
  ])('%s: hardwareError, DEVICE_HARDWARE_ERROR, the print refused with it', (_, errorCause) => {
    // offline (DLE EOT 1 bit 3), an error occurred (DLE EOT 2 bit 6), paper there
    const flags = read([0x1a, 0x52, errorCause, 0x12]);
    expect(receiptPrinterStatus(flags, false, AT)).toMatchObject({
      device: 'hardwareError',
      fault: { code: ErrorCode.DEVICE_HARDWARE_ERROR },
    });
    expect(printerFault(flags, true)).toMatchObject({ code: ErrorCode.DEVICE_HARDWARE_ERROR });
  });

  it('guard: the autocutter error stays PRINTER_CUTTER_ERROR', () => {
    const flags = read([0x1a, 0x52, 0x1a, 0x12]);
    expect(printerFault(flags, false)).toMatchObject({ code: ErrorCode.PRINTER_CUTTER_ERROR });
  });
});

/**
 * From what the printer says about itself (PrinterFlags) to the kiosk's one status model and
 * to the coded error a print gets. Paper out and cover open need a person (userError); a
 * cutter fault or another of the mechanism needs field staff (hardwareError); an error the printer
 * clears by itself (DLE EOT 3 bit 6, the print head too hot) is busy for a while (DEVICE_BUSY): a
 * receipt under way waits for it, one asked meanwhile is refused; no answer is offline.
 */
import { ErrorCode, KioskError, type DeviceStatus, type SupplyStatus } from '@kiosk/domain';
import type { PrinterFlags } from './escpos.protocol.js';

/** The coded error for the printer's state, or null when it can print. `flags` null: no answer. */
export function printerFault(flags: PrinterFlags | null, midReceipt: boolean): KioskError | null {
  const d = { midReceipt };
  if (!flags) return new KioskError(ErrorCode.DEVICE_OFFLINE, 'The receipt printer does not answer.', d);
  if (flags.cutterError) {
    return new KioskError(
      ErrorCode.PRINTER_CUTTER_ERROR,
      'The receipt cutter failed; field staff must clear it.',
      d,
    );
  }
  if (flags.unrecoverableError || flags.recoverableError) {
    // DLE EOT 3 bits 5 and 2: the printer answers, and stopped on a fault of its mechanism
    return new KioskError(
      ErrorCode.DEVICE_HARDWARE_ERROR,
      'The receipt printer reports a fault of its mechanism; field staff must clear it.',
      d,
    );
  }
  if (flags.coverOpen) {
    return new KioskError(ErrorCode.PRINTER_COVER_OPEN, 'The receipt printer cover is open; close it.', d);
  }
  if (flags.paperOut) {
    return new KioskError(
      ErrorCode.DEVICE_SUPPLY_EMPTY,
      'The receipt printer is out of paper; load a roll.',
      {
        ...d,
        supply: 'paper',
      },
    );
  }
  if (flags.autoRecoverableError) {
    // offline meanwhile (DLE EOT 1 bit 3), yet it answers and goes on by itself: the receipt under
    // way comes out once it has, so it is no fault of that receipt
    if (midReceipt) return null;
    return new KioskError(
      ErrorCode.DEVICE_BUSY,
      'The receipt printer stopped until its print head cools, an error it clears by itself; it prints again on its own.',
      d,
    );
  }
  if (flags.offline) return new KioskError(ErrorCode.DEVICE_OFFLINE, 'The receipt printer is offline.', d);
  return null;
}

/**
 * What a receipt not confirmed by its deadline failed of: the printer's fault mid-receipt; else,
 * the printer still stopped until its print head cools (the wait a receipt under way makes for it
 * outlasted the deadline), DEVICE_BUSY naming the head; else DEVICE_TIMEOUT.
 */
export function printDeadlineFault(flags: PrinterFlags | null): KioskError {
  const fault = printerFault(flags, true);
  if (fault) return fault;
  if (flags?.autoRecoverableError) {
    return new KioskError(
      ErrorCode.DEVICE_BUSY,
      'The receipt printer stopped until its print head cools and did not go on in time; the rest of the receipt was not printed.',
      { midReceipt: true },
    );
  }
  return new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The receipt printer did not confirm the receipt in time.');
}

export function paperLevel(flags: PrinterFlags | null): SupplyStatus['level'] {
  if (!flags) return 'unknown';
  return flags.paperOut ? 'empty' : flags.paperNearEnd ? 'low' : 'ok';
}

export function receiptPrinterStatus(flags: PrinterFlags | null, printing: boolean, at: Date): DeviceStatus {
  const fault = printerFault(flags, false);
  const device: DeviceStatus['device'] = !fault
    ? printing
      ? 'busy'
      : 'online'
    : fault.code === ErrorCode.DEVICE_BUSY
      ? 'busy'
      : fault.code === ErrorCode.PRINTER_CUTTER_ERROR || fault.code === ErrorCode.DEVICE_HARDWARE_ERROR
        ? 'hardwareError'
        : fault.code === ErrorCode.DEVICE_OFFLINE
          ? 'offline'
          : 'userError';
  return {
    kind: 'receiptPrinter',
    device,
    supplies: [{ name: 'paper', level: paperLevel(flags) }],
    ...(fault ? { fault: { code: fault.code, message: fault.message } } : {}),
    driver: 'escpos',
    updatedAt: at.toISOString(),
  };
}

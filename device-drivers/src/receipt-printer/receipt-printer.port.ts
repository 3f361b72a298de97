/**
 * The receipt printer as the daemon sees it: print a small document model, know the paper.
 * A receipt counts as printed only when the printer confirms it after the cut; every other end
 * is a coded KioskError:
 * - DEVICE_OFFLINE: no answer (cable pulled, powered off, connection refused)
 * - DEVICE_SUPPLY_EMPTY: paper out, before or during the receipt (details.midReceipt)
 * - PRINTER_COVER_OPEN: the cover is open (before or during the receipt)
 * - PRINTER_CUTTER_ERROR: the cutter failed (hardware error until serviced)
 * - DEVICE_TIMEOUT: the printer answers status but never confirmed the receipt
 * - DEVICE_BUSY: another receipt is printing, or the printer stopped on an error it clears by
 *   itself (the print head too hot): asked again shortly, it prints (one under way waits for it,
 *   up to the driver's head cool wait, 5 s, or the print's deadline: past it, DEVICE_BUSY naming the
 *   head with details.midReceipt, the rest cleared)
 * - DEVICE_OPERATION_CANCELLED: the caller's signal aborted the print
 * - RECEIPT_INVALID: the receipt itself breaks the model (too many lines, empty title, ...)
 */
import { z } from 'zod';
import { ErrorCode, KioskError, MOST_RECORDS_AT_ONCE } from '@kiosk/domain';
import type { DevicePort } from '../common/device-port.js';
import type { ReplenishablePort } from '../common/supply-replenishment.js';

export const RECEIPT_LOCALES = ['zh-CN', 'en'] as const;
export type ReceiptLocale = (typeof RECEIPT_LOCALES)[number];

/** At most this many label/value lines in one receipt (the most records at once plus headings). */
export const RECEIPT_MAX_LINES = MOST_RECORDS_AT_ONCE + 20;

const printable = (max: number) =>
  z
    .string()
    .max(max)
    .refine(
      (s) => !Array.from(s).some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
      'control characters are not printable',
    );

export const ReceiptLineSchema = z.object({
  /** left column, e.g. "姓名" or a record's date and kind */
  label: printable(64),
  /** right column, e.g. "张*明" or "-100.00"; empty for a heading line */
  value: printable(64).default(''),
  /** printed bold */
  emphasis: z.boolean().optional(),
});

export const ReceiptSchema = z.object({
  locale: z.enum(RECEIPT_LOCALES),
  title: printable(32).min(1),
  /** small centred line under the title (kiosk, date) */
  subtitle: printable(64).optional(),
  lines: z.array(ReceiptLineSchema).max(RECEIPT_MAX_LINES),
  /** payload of the QR code (ASCII), printed by the printer itself with GS ( k */
  qr: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[\x20-\x7e]+$/, 'QR payload must be printable ASCII')
    .optional(),
  /** centred lines after the QR code */
  footer: z.array(printable(64)).max(6).default([]),
});

export type ReceiptLine = z.input<typeof ReceiptLineSchema>;
export type Receipt = z.input<typeof ReceiptSchema>;
export type ValidReceipt = z.output<typeof ReceiptSchema>;

/** Checks a receipt at the border of the device layer; bad input is RECEIPT_INVALID. */
export function parseReceipt(receipt: unknown): ValidReceipt {
  const result = ReceiptSchema.safeParse(receipt);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new KioskError(ErrorCode.RECEIPT_INVALID, 'The receipt cannot be printed as given.', {
      path: issue?.path.join('.') ?? '',
      reason: issue?.message ?? 'invalid',
    });
  }
  return result.data;
}

export interface PrintResult {
  readonly printed: true;
  /** bytes sent to the printer for this receipt */
  readonly bytes: number;
}

/**
 * Paper is sensed, not counted (ESC/POS answers near-end and out): a refill is a roll loaded, the
 * number of rolls is what staff entered, and the printer is asked (DLE EOT) whether it sees paper.
 */
export interface ReceiptPrinterPort extends DevicePort, ReplenishablePort {
  readonly kind: 'receiptPrinter';
  /**
   * Prints, cuts, and resolves only when the printer confirms the receipt after the cut.
   * Supplies in status(): `paper` (ok / low / empty / unknown).
   */
  print(receipt: Receipt, signal?: AbortSignal): Promise<PrintResult>;
}

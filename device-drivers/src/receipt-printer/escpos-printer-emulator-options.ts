/**
 * The emulated ESC/POS printer's options, its faults by the demo panel's names, and a receipt it
 * cut (kept as text and PNG).
 */
import type { PrintedReceipt } from './receipt-paper.js';

export interface EscposPrinterEmulatorOptions {
  /** paper left on the roll, in dots (8 dots = 1 mm); default about 25 m */
  readonly paperLength?: number;
  /** the near-end sensor trips when less than this is left, in dots */
  readonly nearEndAt?: number;
  /** a slow printer: milliseconds per printed line */
  readonly msPerLine?: number;
  /** some Chinese printers start in Chinese mode; Epson-style ones do not */
  readonly chineseByDefault?: boolean;
  /** how many cut receipts to keep */
  readonly keepReceipts?: number;
  /** CJK font for PNG; found in the usual font folders when absent */
  readonly fontPath?: string;
  readonly log?: (line: string) => void;
}

export const RECEIPT_PRINTER_EMULATOR_FAULTS = [
  'offline',
  'paperOut',
  'paperNearEnd',
  'coverOpen',
  'cutterError',
] as const;
export type ReceiptPrinterEmulatorFault = (typeof RECEIPT_PRINTER_EMULATOR_FAULTS)[number];

export interface EmulatedReceipt {
  readonly index: number;
  readonly printedAt: Date;
  readonly paper: PrintedReceipt;
  readonly text: string;
  png(): Buffer;
}

/**
 * The emulated ESC/POS printer's options, its faults by the demo panel's names, and a receipt it
 * cut (kept as text and PNG).
 */
import { noSuchEmulatedFault } from '../common/emulated-fault.js';
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
  'headOverheat',
] as const;
export type ReceiptPrinterEmulatorFault = (typeof RECEIPT_PRINTER_EMULATOR_FAULTS)[number];

/** The emulated printer's control surface the demo panel's faults are set through. */
export interface EmulatedPrinterControls {
  disconnect(): void;
  reconnect(): void;
  paperOut(): void;
  paperNearEnd(): void;
  openCover(): void;
  closeCover(): void;
  jamCutter(): void;
  repairCutter(): void;
  overheatHead(): void;
  coolHead(): void;
}

/**
 * A demo panel's fault set on the printer by name; null is field staff putting things right (cable,
 * cover, cutter) and the head left to cool. Paper that ran out comes back only by loading it.
 */
export function setEmulatedPrinterFault(
  printer: EmulatedPrinterControls,
  fault: ReceiptPrinterEmulatorFault | null,
): void {
  if (fault === null) {
    printer.reconnect();
    printer.closeCover();
    printer.repairCutter();
    printer.coolHead();
  } else if (fault === 'offline') printer.disconnect();
  else if (fault === 'paperOut') printer.paperOut();
  else if (fault === 'paperNearEnd') printer.paperNearEnd();
  else if (fault === 'coverOpen') printer.openCover();
  else if (fault === 'cutterError') printer.jamCutter();
  else if (fault === 'headOverheat') printer.overheatHead();
  else throw noSuchEmulatedFault(fault);
}

export interface EmulatedReceipt {
  readonly index: number;
  readonly printedAt: Date;
  readonly paper: PrintedReceipt;
  readonly text: string;
  png(): Buffer;
}

/**
 * The receipt printer's supply for field staff: paper, its one refillable supply. A printer holds
 * one roll: a refill is that roll replaced (the level back to full, as a ribbon replaced is), never
 * rolls added to a stock, so a count of more than one is refused (MAINTENANCE_OVER_CAPACITY). The
 * printer senses paper but counts nothing, so the roll is staff's count; it has no bin.
 */
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import {
  assertLoadedCount,
  replenishableSupply,
  type ReplenishableSupply,
  type ReplenishResult,
} from '../common/supply-replenishment.js';

/** the rolls a receipt printer holds */
export const ROLLS_HELD = 1;

export const RECEIPT_PAPER: readonly ReplenishableSupply[] = [
  { supply: 'paper', role: 'stock', unit: 'rolls', countedBy: 'staff', replaces: true, capacity: ROLLS_HELD },
];

/** A roll replaced: one roll, no more; the printer's paper sensor must see paper now. */
export async function refillPaper(
  supply: string,
  added: number,
  refreshStatus: () => Promise<DeviceStatus>,
): Promise<ReplenishResult> {
  replenishableSupply('receiptPrinter', RECEIPT_PAPER, supply, 'stock');
  assertLoadedCount(added);
  if (added > ROLLS_HELD) {
    throw new KioskError(
      ErrorCode.MAINTENANCE_OVER_CAPACITY,
      'A receipt printer holds one roll: a refill is one roll replaced.',
      { capacity: ROLLS_HELD, mostAdded: ROLLS_HELD, added },
    );
  }
  const status = await refreshStatus();
  if (status.supplies.find((s) => s.name === 'paper')?.level === 'empty') {
    throw new KioskError(ErrorCode.DEVICE_SUPPLY_EMPTY, 'The printer still senses no paper; seat the roll.');
  }
  return { supply, before: null, after: null };
}

/** A receipt printer has no bin: always MAINTENANCE_SUPPLY_UNKNOWN. */
export async function emptyPrinterBin(supply: string): Promise<ReplenishResult> {
  replenishableSupply('receiptPrinter', RECEIPT_PAPER, supply, 'bin');
  return Promise.reject(new Error('unreachable'));
}

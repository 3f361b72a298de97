/**
 * The receipt printer's supply for field staff: paper, its one refillable supply. The printer
 * senses paper but counts nothing, so the count of rolls is staff's; it has no bin.
 */
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import {
  assertLoadedCount,
  replenishableSupply,
  type ReplenishableSupply,
  type ReplenishResult,
} from '../common/supply-replenishment.js';

export const RECEIPT_PAPER: readonly ReplenishableSupply[] = [
  { supply: 'paper', role: 'stock', unit: 'rolls', countedBy: 'staff' },
];

/** A roll loaded: the count is staff's (rolls); the printer's paper sensor must see paper now. */
export async function refillPaper(
  supply: string,
  added: number,
  refreshStatus: () => Promise<DeviceStatus>,
): Promise<ReplenishResult> {
  replenishableSupply('receiptPrinter', RECEIPT_PAPER, supply, 'stock');
  assertLoadedCount(added);
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

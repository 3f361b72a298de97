/**
 * Field staff's refills and bin emptying, as a device port takes them. A device either counts a
 * supply itself (a counting feeder, the dispenser's note counters, a ribbon's prints) or only
 * senses it (paper near-end and out): then the count is the one staff entered, and the port says
 * so (`countedBy: 'staff'`). Every port re-reads the device after the act, so `after` is what the
 * device says now, never an echo of the request.
 */
import { ErrorCode, KioskError, type DeviceKind } from '@kiosk/domain';

export type SupplyUnit = 'notes' | 'cards' | 'prints' | 'rolls';

export interface ReplenishableSupply {
  /** the supply's name in the status model: 'paper', 'cardHopper', 'ribbon', 'cassette:upper', 'rejectBin' */
  readonly supply: string;
  /** stock is refilled, a bin is emptied */
  readonly role: 'stock' | 'bin';
  readonly unit: SupplyUnit;
  /** notes of a cassette: their denomination */
  readonly denominationFen?: number;
  /** who knows the count: the device, or only the staff who loaded it */
  readonly countedBy: 'device' | 'staff';
  /** a refill replaces the whole supply (a ribbon, a roll of paper) instead of adding to it */
  readonly replaces?: boolean;
  /**
   * what the device itself says one of this supply holds, where it does: a receipt printer holds
   * one roll; a ribbon the panels its tag reads. A refill past it is refused
   * (MAINTENANCE_OVER_CAPACITY); absent: the profile says it, or nothing does.
   */
  readonly capacity?: number;
}

export interface ReplenishResult {
  readonly supply: string;
  /** the device's count before the act (null: it cannot count this supply) */
  readonly before: number | null;
  /** the device's count after it (a bin emptied: 0; null: it cannot count) */
  readonly after: number | null;
}

/** What a port with refillable supplies or bins offers field staff. */
export interface ReplenishablePort {
  /** The supplies staff may refill and the bins they may empty, immediately. */
  replenishableSupplies(): readonly ReplenishableSupply[];
  /**
   * Staff loaded `added` units of a stock supply (a ribbon: one with `added` prints). Refuses with
   * MAINTENANCE_SUPPLY_UNKNOWN, a bad count with MAINTENANCE_COUNT_MISMATCH, and with the device's
   * own code when it still reports the supply empty (DEVICE_SUPPLY_EMPTY) or cannot be reached.
   */
  refillSupply(supply: string, added: number, signal?: AbortSignal): Promise<ReplenishResult>;
  /** Staff emptied a bin: the device's counter for it back to 0 (`before` is what it held). */
  emptySupplyBin(supply: string, signal?: AbortSignal): Promise<ReplenishResult>;
}

/** The named supply of the list, of the role asked; else MAINTENANCE_SUPPLY_UNKNOWN. */
export function replenishableSupply(
  kind: DeviceKind,
  supplies: readonly ReplenishableSupply[],
  supply: string,
  role: 'stock' | 'bin',
): ReplenishableSupply {
  const found = supplies.find((s) => s.supply === supply && s.role === role);
  if (!found) {
    throw new KioskError(
      ErrorCode.MAINTENANCE_SUPPLY_UNKNOWN,
      role === 'stock' ? 'This device has no such supply to refill.' : 'This device has no such bin.',
      { device: kind, supply: supply.slice(0, 32) },
    );
  }
  return found;
}

/** A count staff loaded: a whole number from 1 to 100,000; else MAINTENANCE_COUNT_MISMATCH. */
export function assertLoadedCount(added: number): void {
  if (!Number.isInteger(added) || added < 1 || added > 100_000) {
    throw new KioskError(
      ErrorCode.MAINTENANCE_COUNT_MISMATCH,
      'A loaded count is a whole number, 1 or more.',
      {
        added: Number.isFinite(added) ? added : null,
      },
    );
  }
}

/** The count of a named supply in a status, when the device counts it. */
export function countOf(
  supplies: readonly { readonly name: string; readonly count?: number }[],
  supply: string,
): number | null {
  return supplies.find((s) => s.name === supply)?.count ?? null;
}

/** What staff ask of a supply (refill, bin emptying) and what they are answered (`maintenance-supplies.service.ts`). */
import type { SupplyLevel } from '@kiosk/domain';

export const REPLENISHABLE_DEVICES = [
  'receiptPrinter',
  'cardPrinter',
  'cashDispenser',
  'cardReader',
] as const;
export type ReplenishableDevice = (typeof REPLENISHABLE_DEVICES)[number];

export interface RefillRequest {
  readonly device: ReplenishableDevice;
  readonly supply: string;
  /** units loaded: notes, blank cards, rolls of paper, or the prints of the new ribbon */
  readonly added: number;
  /** what staff counted in it before loading (cassettes, the hopper); checked against the journal */
  readonly countedBefore?: number;
  /** a cassette's notes: their denomination, which must be the cassette's */
  readonly denominationFen?: number;
}

export interface EmptyBinRequest {
  readonly device: ReplenishableDevice;
  readonly supply: string;
  /** what staff took out of the bin; checked against the journal */
  readonly counted: number;
}

export interface SupplyActResult {
  readonly device: ReplenishableDevice;
  readonly supply: string;
  /** the journal's count before (null: nothing counted it) */
  readonly journalBefore: number | null;
  readonly quantity: number;
  /** the device's count after (null: it does not count this supply) */
  readonly after: number | null;
  /**
   * the supply's level as the device reads it right after the act (null: it does not list the
   * supply): a roll of paper put in whose printer still reads near its end or out was not seated
   */
  readonly levelAfter: SupplyLevel | null;
}

/**
 * What the LCDM driver counts itself, since the device knows no note values and no counts: the
 * notes in each cassette (as field staff loaded them, less what each answer says left it), the
 * cassettes' presence and near-end as STATUS last read them, and the reject and retract bins.
 */
import { ErrorCode, KioskError, type SupplyStatus } from '@kiosk/domain';
import { cashDispenserSupplies } from './cash-dispenser-supplies.js';
import type { Cassette, RestoredCashCounts } from './cash-dispenser.port.js';
import type { LcdmCassettes } from './lcdm-dispense-result.js';

export type LcdmCassetteSlot = 'upper' | 'lower';
export type LcdmCassetteConfig = Omit<Cassette, 'id' | 'present'>;
type CassetteState = { -readonly [K in keyof Cassette]: Cassette[K] } & { nearEnd: boolean };

/** A cassette as the STATUS sensors see it. */
export interface LcdmCassetteSensors {
  readonly present: boolean;
  readonly nearEnd: boolean;
}

const SLOTS = ['upper', 'lower'] as const;

export class LcdmNoteStock {
  readonly #cassettes: Record<LcdmCassetteSlot, CassetteState>;
  readonly rejectBinCapacity: number;
  readonly retractBinCapacity: number;
  #rejectBin = 0;
  #retractBin = 0;

  constructor(
    cassettes: Readonly<Record<LcdmCassetteSlot, LcdmCassetteConfig>>,
    bins: { readonly rejectBinCapacity: number; readonly retractBinCapacity: number },
  ) {
    const make = (id: LcdmCassetteSlot) => ({ id, ...cassettes[id], present: true, nearEnd: false });
    this.#cassettes = { upper: make('upper'), lower: make('lower') };
    this.rejectBinCapacity = bins.rejectBinCapacity;
    this.retractBinCapacity = bins.retractBinCapacity;
  }

  get rejectBin(): number {
    return this.#rejectBin;
  }

  cassettes(): readonly Cassette[] {
    return SLOTS.map((id) => {
      const { nearEnd: _nearEnd, ...c } = this.#cassettes[id];
      return c;
    });
  }

  /** The cassettes a test dispense takes a note from. */
  slotsWithNotes(): LcdmCassetteSlot[] {
    return SLOTS.filter((id) => this.#cassettes[id].present && this.#cassettes[id].count > 0);
  }

  denominations(): LcdmCassettes<number> {
    return { upper: this.#cassettes.upper.denominationFen, lower: this.#cassettes.lower.denominationFen };
  }

  denominationOf(id: LcdmCassetteSlot): number {
    return this.#cassettes[id].denominationFen;
  }

  /** Field staff set the note count of a cassette after loading it. */
  load(id: LcdmCassetteSlot, count: number): void {
    if (!Number.isInteger(count) || count < 0)
      throw new KioskError(ErrorCode.INTERNAL, 'A note count is a whole number.');
    this.#cassettes[id].count = count;
  }

  /** Notes that left a cassette (never below zero: the count is staff's, the pick the device's). */
  take(id: LcdmCassetteSlot, picked: number): void {
    const c = this.#cassettes[id];
    c.count = Math.max(0, c.count - picked);
  }

  reject(notes: number): void {
    this.#rejectBin += notes;
  }

  retract(notes: number): void {
    this.#retractBin += notes;
  }

  /** The counts the kiosk's journal last recorded: cassettes by slot (others ignored) and bins. */
  restore(counts: RestoredCashCounts): void {
    for (const c of counts.cassettes)
      if (c.cassette === 'upper' || c.cassette === 'lower') this.load(c.cassette, c.notes);
    this.restoreBins({
      ...(counts.rejectBin !== undefined && { reject: counts.rejectBin }),
      ...(counts.retractBin !== undefined && { retract: counts.retractBin }),
    });
  }

  /** The bins' counts as the kiosk last recorded them (the device counts nothing). */
  restoreBins(bins: { readonly reject?: number; readonly retract?: number }): void {
    for (const n of [bins.reject, bins.retract])
      if (n !== undefined && (!Number.isInteger(n) || n < 0))
        throw new KioskError(ErrorCode.INTERNAL, 'A note count is a whole number.');
    if (bins.reject !== undefined) this.#rejectBin = bins.reject;
    if (bins.retract !== undefined) this.#retractBin = bins.retract;
  }

  /** Field staff emptied a bin; returns the count the driver had for it. */
  emptyBin(bin: 'reject' | 'retract'): number {
    const count = bin === 'reject' ? this.#rejectBin : this.#retractBin;
    if (bin === 'reject') this.#rejectBin = 0;
    else this.#retractBin = 0;
    return count;
  }

  sense(sensors: LcdmCassettes<LcdmCassetteSensors>): void {
    for (const id of SLOTS) Object.assign(this.#cassettes[id], sensors[id]);
  }

  supplies(): SupplyStatus[] {
    return cashDispenserSupplies(
      [this.#cassettes.upper, this.#cassettes.lower],
      { count: this.#rejectBin, capacity: this.rejectBinCapacity },
      { count: this.#retractBin, capacity: this.retractBinCapacity },
    );
  }
}

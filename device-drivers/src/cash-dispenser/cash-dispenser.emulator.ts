/**
 * In-memory cash dispenser emulator: what `npm start` and the demo panel use, and the model the
 * byte-level emulator wraps. Control surface: load / remove / insert cassettes, empty the bins,
 * take the cash, and faults (offline, jam, double notes); a cassette pulled out is the
 * "cassette missing" fault. Notes are counted one by one, so every note is accounted for:
 * in a cassette, in the presenter, taken, in the reject bin or in the retract bin.
 */
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import {
  cashDispenserSupplies,
  cashReplenishables,
  emptyCashBin,
  refillCassette,
} from './cash-dispenser-supplies.js';
import type { ReplenishableSupply, ReplenishResult } from '../common/supply-replenishment.js';
import type { Unsubscribe } from '../common/device-port.js';
import type {
  Cassette,
  CashDispenserPort,
  DispenseResult,
  NoteCount,
  PresenterContents,
} from './cash-dispenser.port.js';
import { MAX_NOTES_PER_DISPENSE, planNotes } from './note-mix.js';

export type CashDispenserEmulatorFault =
  | { readonly kind: 'offline' }
  /** the next dispense jams after this many notes reached the presenter; stays until `clearJam` */
  | { readonly kind: 'jam'; readonly afterNotes: number }
  /** the next `picks` picks pull two notes at once; each pair goes to the reject bin */
  | { readonly kind: 'doubleNotes'; readonly picks: number };

export type CashDispenserEmulatorFaultName = 'offline' | 'jam' | 'doubleNotes' | 'cassetteMissing';

export interface CashDispenserEmulatorOptions {
  readonly cassettes?: readonly Omit<Cassette, 'present'>[];
  readonly rejectBinCapacity?: number;
  readonly retractBinCapacity?: number;
  /** rejected picks in one dispense before it stops (LCDM-2000 stops after a few) */
  readonly maxRejectsPerDispense?: number;
  /** time one note takes through the transport; 0 yields to the event loop only */
  readonly msPerNote?: number;
  /** what the mechanism held when it was last seen (notes stay where they are when the daemon dies) */
  readonly state?: CashDispenserEmulatorState;
  /** told after every change of what the mechanism holds (to keep it in a file, say) */
  readonly onChange?: (state: CashDispenserEmulatorState) => void;
}

/** Where every note is: in a cassette, in the presenter, in a bin; and whether the transport is jammed. */
export interface CashDispenserEmulatorState {
  readonly cassettes: readonly { readonly id: string; readonly count: number; readonly present: boolean }[];
  readonly rejectBin: number;
  readonly retractBin: number;
  readonly presenter: { readonly state: PresenterContents['state']; readonly notes: readonly NoteCount[] };
  readonly jammed: boolean;
}

export const DEFAULT_CASSETTES: readonly Omit<Cassette, 'present'>[] = [
  { id: 'upper', denominationFen: 10_000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
  { id: 'lower', denominationFen: 5_000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
];

interface Bin {
  count: number;
  readonly capacity: number;
}

const pause = (ms: number) =>
  new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

export class CashDispenserEmulator implements CashDispenserPort {
  readonly kind = 'cashDispenser' as const;
  readonly #cassettes: Cassette[];
  readonly #rejectBin: Bin;
  readonly #retractBin: Bin;
  readonly #maxRejects: number;
  readonly #msPerNote: number;
  #opened = false;
  #offline = false;
  #jam: { afterNotes: number } | null = null;
  #jammed = false;
  #doublePicks = 0;
  #busy = false;
  #presenter: { state: PresenterContents['state']; notes: NoteCount[] } = { state: 'empty', notes: [] };
  readonly #statusListeners = new Set<(s: DeviceStatus) => void>();
  readonly #takenListeners = new Set<(e: { amountFen: number }) => void>();
  #status: DeviceStatus;
  readonly #onChange: ((state: CashDispenserEmulatorState) => void) | undefined;

  constructor(options: CashDispenserEmulatorOptions = {}) {
    this.#cassettes = (options.cassettes ?? DEFAULT_CASSETTES).map((c) => ({ ...c, present: true }));
    this.#rejectBin = { count: 0, capacity: options.rejectBinCapacity ?? 50 };
    this.#retractBin = { count: 0, capacity: options.retractBinCapacity ?? 100 };
    this.#maxRejects = options.maxRejectsPerDispense ?? 4;
    this.#msPerNote = options.msPerNote ?? 0;
    if (options.state) this.#restore(options.state);
    this.#onChange = options.onChange;
    this.#status = this.#makeStatus();
  }

  /** What the mechanism holds now, note by note. */
  snapshot(): CashDispenserEmulatorState {
    return {
      cassettes: this.#cassettes.map((c) => ({ id: c.id, count: c.count, present: c.present })),
      rejectBin: this.#rejectBin.count,
      retractBin: this.#retractBin.count,
      presenter: { state: this.#presenter.state, notes: this.#presenter.notes.map((n) => ({ ...n })) },
      jammed: this.#jammed,
    };
  }

  #restore(state: CashDispenserEmulatorState): void {
    for (const saved of state.cassettes) {
      const c = this.#cassettes.find((x) => x.id === saved.id) as
        { count: number; present: boolean } | undefined;
      if (c) Object.assign(c, { count: saved.count, present: saved.present });
    }
    this.#rejectBin.count = state.rejectBin;
    this.#retractBin.count = state.retractBin;
    this.#presenter = { state: state.presenter.state, notes: state.presenter.notes.map((n) => ({ ...n })) };
    this.#jammed = state.jammed;
  }

  async open(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.#opened = true;
    this.#publish();
  }

  async close(): Promise<void> {
    this.#opened = false;
    this.#publish();
  }

  status(): DeviceStatus {
    return this.#status;
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  onCashTaken(listener: (event: { readonly amountFen: number }) => void): Unsubscribe {
    this.#takenListeners.add(listener);
    return () => this.#takenListeners.delete(listener);
  }

  cassettes(): readonly Cassette[] {
    return this.#cassettes.map((c) => ({ ...c }));
  }

  presenter(): PresenterContents {
    return {
      state: this.#presenter.state,
      amountFen: sumFen(this.#presenter.notes),
      notes: sumNotes(this.#presenter.notes),
    };
  }

  async dispense(amountFen: number, signal?: AbortSignal): Promise<DispenseResult> {
    this.#assertReady();
    if (this.#jammed)
      throw new KioskError(ErrorCode.CASH_JAM, 'The note transport is jammed; call field staff.');
    if (this.#presenter.state !== 'empty') {
      throw new KioskError(
        ErrorCode.DEVICE_BUSY,
        'Notes are still in the presenter; present or retract them first.',
      );
    }
    const missing = this.#cassettes.filter((c) => !c.present);
    const plan = planNotes(amountFen, this.#cassettes, MAX_NOTES_PER_DISPENSE);
    if (!plan.ok) {
      throw new KioskError(
        missing.length > 0 ? ErrorCode.CASH_CASSETTE_MISSING : ErrorCode.CASH_AMOUNT_NOT_PAYABLE,
        missing.length > 0
          ? 'A cassette is missing and the rest cannot pay this amount; no note was moved.'
          : 'The notes loaded cannot pay this amount; no note was moved.',
        {
          reason: plan.reason,
          ...(missing.length > 0 ? { cassette: missing.map((c) => c.id).join(',') } : {}),
        },
      );
    }
    if (this.#rejectBin.count >= this.#rejectBin.capacity) {
      throw new KioskError(
        ErrorCode.DEVICE_BIN_FULL,
        'The reject bin is full; call field staff to empty it.',
      );
    }
    if (signal?.aborted) {
      throw new KioskError(
        ErrorCode.DEVICE_OPERATION_CANCELLED,
        'The dispense was cancelled before a note moved.',
      );
    }

    this.#busy = true;
    this.#publish();
    const delivered = new Map<string, NoteCount>();
    let rejects = 0;
    let stop: { code: ErrorCode; message: string } | null = null;
    try {
      outer: for (const item of plan.notes) {
        const cassette = this.#cassettes.find((c) => c.id === item.cassetteId);
        for (let n = 0; n < item.count; n += 1) {
          await pause(this.#msPerNote);
          if (!cassette || !cassette.present || cassette.count === 0) {
            stop = {
              code: ErrorCode.CASH_CASSETTE_MISSING,
              message: 'A cassette ran out or was pulled during the dispense.',
            };
            break outer;
          }
          if (this.#jam && sumNotes([...delivered.values()]) >= this.#jam.afterNotes) {
            this.#take(cassette, 1); // the stuck note left the cassette; staff will find it
            this.#jam = null;
            this.#jammed = true;
            stop = { code: ErrorCode.CASH_JAM, message: 'Notes jammed in the transport; call field staff.' };
            break outer;
          }
          while (this.#doublePicks > 0 && cassette.count > 0) {
            this.#doublePicks -= 1;
            rejects += 1;
            this.#rejectBin.count += this.#take(cassette, 2);
            if (rejects > this.#maxRejects || this.#rejectBin.count >= this.#rejectBin.capacity) {
              stop = {
                code: ErrorCode.CASH_DOUBLE_NOTES,
                message: 'Too many double notes were rejected; dispense stopped.',
              };
              break outer;
            }
          }
          if (cassette.count === 0) {
            stop = {
              code: ErrorCode.CASH_DOUBLE_NOTES,
              message: 'Double notes emptied the cassette; dispense stopped.',
            };
            break outer;
          }
          this.#take(cassette, 1);
          const soFar = delivered.get(cassette.id);
          delivered.set(cassette.id, { ...item, count: (soFar?.count ?? 0) + 1 });
        }
      }
    } finally {
      this.#busy = false;
      const notes = [...delivered.values()];
      this.#presenter = { state: notes.length > 0 ? 'staged' : 'empty', notes };
      this.#publish();
    }
    const notes = this.#presenter.notes;
    const presented = sumFen(notes);
    if (stop) return { result: 'partial', ...stop, requestedFen: amountFen, amountFen: presented, notes };
    return { result: 'dispensed', requestedFen: amountFen, amountFen: presented, notes };
  }

  async present(signal?: AbortSignal): Promise<{ readonly amountFen: number }> {
    this.#assertReady();
    signal?.throwIfAborted();
    if (this.#presenter.state === 'empty') {
      throw new KioskError(ErrorCode.CASH_NOTHING_TO_PRESENT, 'There are no notes in the presenter.');
    }
    await pause(0);
    this.#presenter.state = 'presented';
    this.#publish();
    return { amountFen: sumFen(this.#presenter.notes) };
  }

  async retract(signal?: AbortSignal): Promise<{ readonly retractedFen: number; readonly notes: number }> {
    this.#assertReady();
    signal?.throwIfAborted();
    await pause(0);
    const notes = this.#presenter.notes;
    this.#retractBin.count += sumNotes(notes);
    this.#presenter = { state: 'empty', notes: [] };
    this.#publish();
    return { retractedFen: sumFen(notes), notes: sumNotes(notes) };
  }

  // ---- control surface -------------------------------------------------------------------

  /** The resident takes the presented notes; false when nothing is presented. */
  takeCash(): boolean {
    if (this.#presenter.state !== 'presented') return false;
    const amountFen = sumFen(this.#presenter.notes);
    this.#presenter = { state: 'empty', notes: [] };
    this.#publish();
    for (const listener of this.#takenListeners) listener({ amountFen });
    return true;
  }

  /**
   * A fault object, or its name alone for the demo panel: 'offline', 'jam' (after one note),
   * 'doubleNotes' (two double picks), 'cassetteMissing' (the upper cassette pulled out).
   */
  setFault(fault: CashDispenserEmulatorFault | CashDispenserEmulatorFaultName | null): void {
    if (fault === 'cassetteMissing') return this.removeCassette(this.#cassettes[0]?.id ?? 'upper');
    const f: CashDispenserEmulatorFault | null =
      fault === 'offline'
        ? { kind: 'offline' }
        : fault === 'jam'
          ? { kind: 'jam', afterNotes: 1 }
          : fault === 'doubleNotes'
            ? { kind: 'doubleNotes', picks: 2 }
            : fault;
    if (f === null) {
      this.#offline = false;
      this.#jam = null;
      this.#doublePicks = 0;
      this.#cassettes.forEach((c) => this.insertCassette(c.id));
    } else if (f.kind === 'offline') this.#offline = true;
    else if (f.kind === 'jam' && Number.isInteger(f.afterNotes) && f.afterNotes >= 0) {
      this.#jam = { afterNotes: f.afterNotes };
    } else if (f.kind === 'doubleNotes' && Number.isInteger(f.picks) && f.picks >= 0)
      this.#doublePicks = f.picks;
    else
      throw new KioskError(ErrorCode.INTERNAL, 'This device has no such emulated fault.', {
        fault: String(fault),
      });
    this.#publish();
  }

  /** Field staff cleared the jam; the stuck note goes to the reject bin. */
  clearJam(): void {
    if (this.#jammed) this.#rejectBin.count += 1;
    this.#jammed = false;
    this.#publish();
  }

  /** Field staff pulled a cassette out (the "cassette missing" fault). */
  removeCassette(id: string): void {
    this.#cassette(id).present = false;
    this.#publish();
  }

  insertCassette(id: string): void {
    this.#cassette(id).present = true;
    this.#publish();
  }

  /** Field staff set the note count of a cassette (after loading or counting). */
  loadCassette(id: string, count: number): void {
    if (!Number.isInteger(count) || count < 0)
      throw new KioskError(ErrorCode.INTERNAL, 'A note count is a whole number.');
    this.#cassette(id).count = count;
    this.#publish();
  }

  /** The emulated mechanism's state as it is (a jam stays until cleared). */
  selfTest(): Promise<DeviceStatus> {
    return Promise.resolve(this.status());
  }

  replenishableSupplies(): readonly ReplenishableSupply[] {
    return cashReplenishables(this.#cassettes);
  }

  /** Staff added notes to a cassette: the emulator holds them, its counter moves by as many. */
  refillSupply(supply: string, added: number): Promise<ReplenishResult> {
    return Promise.resolve().then(() => refillCassette(this, supply, added));
  }

  emptySupplyBin(supply: string): Promise<ReplenishResult> {
    return Promise.resolve().then(() => emptyCashBin(this, supply));
  }

  /** One note from each cassette that holds notes, straight into the reject bin. */
  async testDispense(signal?: AbortSignal): Promise<{ readonly notes: readonly NoteCount[] }> {
    this.#assertReady();
    if (this.#jammed)
      throw new KioskError(ErrorCode.CASH_JAM, 'The note transport is jammed; call field staff.');
    if (this.#presenter.state !== 'empty')
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'Notes are in the presenter; retract them first.');
    const from = this.#cassettes.filter((c) => c.present && c.count > 0);
    if (this.#rejectBin.count + from.length > this.#rejectBin.capacity)
      throw new KioskError(ErrorCode.DEVICE_BIN_FULL, 'The reject bin cannot take the test notes; empty it.');
    if (signal?.aborted)
      throw new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The test dispense was cancelled.');
    const notes = from.map((c) => ({
      cassetteId: c.id,
      denominationFen: c.denominationFen,
      count: this.#take(c, 1),
    }));
    this.#rejectBin.count += notes.reduce((sum, n) => sum + n.count, 0);
    this.#publish();
    return { notes };
  }

  /** Empties the reject or the retract bin; returns how many notes staff took out. */
  emptyBin(bin: 'reject' | 'retract'): number {
    const b = bin === 'reject' ? this.#rejectBin : this.#retractBin;
    const count = b.count;
    b.count = 0;
    this.#publish();
    return count;
  }

  // ---- internals -------------------------------------------------------------------------

  #cassette(id: string): { -readonly [K in keyof Cassette]: Cassette[K] } {
    const c = this.#cassettes.find((x) => x.id === id);
    if (!c) throw new KioskError(ErrorCode.INTERNAL, 'No such cassette.', { cassette: id });
    return c as { -readonly [K in keyof Cassette]: Cassette[K] };
  }

  #take(cassette: Cassette, notes: number): number {
    const c = this.#cassette(cassette.id);
    const n = Math.min(notes, c.count);
    c.count -= n;
    return n;
  }

  #assertReady(): void {
    if (!this.#opened || this.#offline)
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser is offline.');
    if (this.#busy)
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'The cash dispenser is busy with a dispense.');
  }

  #makeStatus(): DeviceStatus {
    const supplies = cashDispenserSupplies(this.#cassettes, this.#rejectBin, this.#retractBin);
    const offline = !this.#opened || this.#offline;
    const fault = this.#offline
      ? { code: ErrorCode.DEVICE_OFFLINE, message: 'The cash dispenser is offline.' }
      : this.#jammed
        ? { code: ErrorCode.CASH_JAM, message: 'Notes jammed in the transport.' }
        : undefined;
    return {
      kind: 'cashDispenser',
      device: offline ? 'offline' : this.#jammed ? 'hardwareError' : this.#busy ? 'busy' : 'online',
      supplies,
      ...(fault ? { fault } : {}),
      driver: 'emulator',
      updatedAt: new Date().toISOString(),
    };
  }

  #publish(): void {
    this.#status = this.#makeStatus();
    this.#onChange?.(this.snapshot());
    for (const listener of this.#statusListeners) listener(this.#status);
  }
}

function sumFen(notes: readonly NoteCount[]): number {
  return notes.reduce((sum, n) => sum + n.denominationFen * n.count, 0);
}

function sumNotes(notes: readonly NoteCount[]): number {
  return notes.reduce((sum, n) => sum + n.count, 0);
}

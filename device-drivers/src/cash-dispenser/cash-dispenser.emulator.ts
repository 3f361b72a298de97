/**
 * In-memory cash dispenser emulator: what `npm start` and the demo panel use, and the model the
 * byte-level emulator wraps. Control surface: load / remove / insert cassettes, empty the bins,
 * take the cash, and faults (offline, jam, double notes); a cassette pulled out is the
 * "cassette missing" fault. Notes are counted one by one, so every note is accounted for:
 * in a cassette, in the presenter, taken, in the reject bin or in the retract bin.
 */
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import { cashReplenishables, emptyCashBin, refillCassette } from './cash-dispenser-supplies.js';
import type { ReplenishableSupply, ReplenishResult } from '../common/supply-replenishment.js';
import type { Unsubscribe } from '../common/device-port.js';
import type {
  Cassette,
  CashDispenserPort,
  DispenseResult,
  NoteCount,
  PresenterContents,
} from './cash-dispenser.port.js';
import {
  assertDispenseNotCancelled,
  assertPresenterEmpty,
  assertRejectBinRoom,
  assertTestDispenseAllowed,
  payableNotes,
  sumFen,
  sumNotes,
} from './cash-dispense-refusals.js';
import {
  DEFAULT_CASSETTES,
  emulatorFault,
  type CashDispenserEmulatorFault,
  type CashDispenserEmulatorFaultName,
  type CashDispenserEmulatorOptions,
  type CashDispenserEmulatorState,
} from './cash-dispenser-emulator-state.js';
import {
  EmulatedCashStock,
  emulatorStatus,
  pauseForNote,
  type DispenseStop,
} from './emulated-note-transport.js';
import { planNotes } from './note-mix.js';
import { InMemoryEmulator } from '../common/in-memory-emulator.js';

export {
  DEFAULT_CASSETTES,
  type CashDispenserEmulatorFault,
  type CashDispenserEmulatorFaultName,
  type CashDispenserEmulatorOptions,
  type CashDispenserEmulatorState,
} from './cash-dispenser-emulator-state.js';

export class CashDispenserEmulator extends InMemoryEmulator implements CashDispenserPort {
  readonly kind = 'cashDispenser' as const;
  readonly #stock: EmulatedCashStock;
  readonly #maxRejects: number;
  readonly #msPerNote: number;
  #offline = false;
  #busy = false;
  readonly #takenListeners = new Set<(e: { amountFen: number }) => void>();
  readonly #onChange: ((state: CashDispenserEmulatorState) => void) | undefined;

  constructor(options: CashDispenserEmulatorOptions = {}) {
    super();
    this.#stock = new EmulatedCashStock(
      options.cassettes ?? DEFAULT_CASSETTES,
      options.rejectBinCapacity ?? 50,
      options.retractBinCapacity ?? 100,
    );
    this.#maxRejects = options.maxRejectsPerDispense ?? 4;
    this.#msPerNote = options.msPerNote ?? 0;
    if (options.state) this.#stock.restore(options.state);
    this.#onChange = options.onChange;
  }

  /** What the mechanism holds now, note by note. */
  snapshot(): CashDispenserEmulatorState {
    return this.#stock.snapshot();
  }

  onCashTaken(listener: (event: { readonly amountFen: number }) => void): Unsubscribe {
    this.#takenListeners.add(listener);
    return () => this.#takenListeners.delete(listener);
  }

  cassettes(): readonly Cassette[] {
    return this.#stock.cassettes.map((c) => ({ ...c }));
  }

  presenter(): PresenterContents {
    return {
      state: this.#stock.presenter.state,
      amountFen: sumFen(this.#stock.presenter.notes),
      notes: sumNotes(this.#stock.presenter.notes),
    };
  }

  async dispense(amountFen: number, signal?: AbortSignal): Promise<DispenseResult> {
    this.#assertReady();
    this.#assertNotJammed();
    assertPresenterEmpty(this.#stock.presenter.state);
    const cassettes = this.#stock.cassettes;
    const planned = payableNotes(planNotes(amountFen, cassettes), cassettes, true);
    assertRejectBinRoom(this.#stock.rejectBin.count, this.#stock.rejectBin.capacity);
    assertDispenseNotCancelled(signal);

    this.#busy = true;
    this.publish();
    const delivered = new Map<string, NoteCount>();
    let stop: DispenseStop | null = null;
    try {
      stop = await this.#stock.transport(planned, delivered, {
        msPerNote: this.#msPerNote,
        maxRejects: this.#maxRejects,
      });
    } finally {
      this.#busy = false;
      const notes = [...delivered.values()];
      this.#stock.presenter = { state: notes.length > 0 ? 'staged' : 'empty', notes };
      this.publish();
    }
    const notes = this.#stock.presenter.notes;
    const presented = sumFen(notes);
    if (stop) return { result: 'partial', ...stop, requestedFen: amountFen, amountFen: presented, notes };
    return { result: 'dispensed', requestedFen: amountFen, amountFen: presented, notes };
  }

  async present(signal?: AbortSignal): Promise<{ readonly amountFen: number }> {
    this.#assertReady();
    signal?.throwIfAborted();
    if (this.#stock.presenter.state === 'empty') {
      throw new KioskError(ErrorCode.CASH_NOTHING_TO_PRESENT, 'There are no notes in the presenter.');
    }
    await pauseForNote(0);
    this.#stock.presenter.state = 'presented';
    this.publish();
    return { amountFen: sumFen(this.#stock.presenter.notes) };
  }

  async retract(signal?: AbortSignal): Promise<{ readonly retractedFen: number; readonly notes: number }> {
    this.#assertReady();
    signal?.throwIfAborted();
    await pauseForNote(0);
    const notes = this.#stock.presenter.notes;
    this.#stock.retractBin.count += sumNotes(notes);
    this.#stock.presenter = { state: 'empty', notes: [] };
    this.publish();
    return { retractedFen: sumFen(notes), notes: sumNotes(notes) };
  }

  // ---- control surface -------------------------------------------------------------------

  /** The resident takes the presented notes; false when nothing is presented. */
  takeCash(): boolean {
    if (this.#stock.presenter.state !== 'presented') return false;
    const amountFen = sumFen(this.#stock.presenter.notes);
    this.#stock.presenter = { state: 'empty', notes: [] };
    this.publish();
    for (const listener of this.#takenListeners) listener({ amountFen });
    return true;
  }

  /**
   * The resident takes `notes` of the presented notes, not all (the shutter still open on the rest):
   * no take is reported, the slot is not empty. False when fewer than `notes` + 1 are presented.
   */
  takeSomeCash(notes: number): boolean {
    const { state, notes: held } = this.#stock.presenter;
    if (state !== 'presented' || notes < 1 || sumNotes(held) <= notes) return false;
    let left = notes;
    const kept = held.map((n) => {
      const taken = Math.min(left, n.count);
      left -= taken;
      return { ...n, count: n.count - taken };
    });
    this.#stock.presenter = { state, notes: kept.filter((n) => n.count > 0) };
    this.publish();
    return true;
  }

  /**
   * A fault object, or its name alone for the demo panel: 'offline', 'jam' (after one note),
   * 'doubleNotes' (two double picks), 'cassetteMissing' (the upper cassette pulled out).
   */
  setFault(fault: CashDispenserEmulatorFault | CashDispenserEmulatorFaultName | null): void {
    if (fault === 'cassetteMissing') return this.removeCassette(this.#stock.cassettes[0]?.id ?? 'upper');
    const faults = this.#stock.faults;
    if (fault === null) {
      this.#offline = false;
      faults.jam = null;
      faults.doublePicks = 0;
      this.#stock.cassettes.forEach((c) => this.insertCassette(c.id));
    } else {
      const f = emulatorFault(fault);
      if (f.kind === 'offline') this.#offline = true;
      else if (f.kind === 'jam') faults.jam = { afterNotes: f.afterNotes };
      else faults.doublePicks = f.picks;
    }
    this.publish();
  }

  /** Field staff cleared the jam; the stuck note goes to the reject bin. */
  clearJam(): void {
    if (this.#stock.faults.jammed) this.#stock.rejectBin.count += 1;
    this.#stock.faults.jammed = false;
    this.publish();
  }

  /** Field staff pulled a cassette out (the "cassette missing" fault). */
  removeCassette(id: string): void {
    this.#stock.cassette(id).present = false;
    this.publish();
  }

  insertCassette(id: string): void {
    this.#stock.cassette(id).present = true;
    this.publish();
  }

  /** Field staff set the note count of a cassette (after loading or counting). */
  loadCassette(id: string, count: number): void {
    if (!Number.isInteger(count) || count < 0)
      throw new KioskError(ErrorCode.INTERNAL, 'A note count is a whole number.');
    this.#stock.cassette(id).count = count;
    this.publish();
  }

  /** The emulated mechanism's state as it is (a jam stays until cleared). */
  selfTest(): Promise<DeviceStatus> {
    return Promise.resolve(this.status());
  }

  replenishableSupplies(): readonly ReplenishableSupply[] {
    return cashReplenishables(this.#stock.cassettes);
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
    this.#assertNotJammed();
    if (this.#stock.presenter.state !== 'empty')
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'Notes are in the presenter; retract them first.');
    const from = this.#stock.cassettes.filter((c) => c.present && c.count > 0);
    assertTestDispenseAllowed(this.#stock.rejectBin, from.length, signal);
    const notes = from.map((c) => ({
      cassetteId: c.id,
      denominationFen: c.denominationFen,
      count: this.#stock.take(c, 1),
    }));
    this.#stock.rejectBin.count += sumNotes(notes);
    this.publish();
    return { notes };
  }

  /** Empties the reject or the retract bin; returns how many notes staff took out. */
  emptyBin(bin: 'reject' | 'retract'): number {
    const b = bin === 'reject' ? this.#stock.rejectBin : this.#stock.retractBin;
    const count = b.count;
    b.count = 0;
    this.publish();
    return count;
  }

  // ---- internals -------------------------------------------------------------------------

  #assertReady(): void {
    if (!this.opened || this.#offline)
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser is offline.');
    if (this.#busy)
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'The cash dispenser is busy with a dispense.');
  }

  #assertNotJammed(): void {
    if (this.#stock.faults.jammed)
      throw new KioskError(ErrorCode.CASH_JAM, 'The note transport is jammed; call field staff.');
  }

  protected makeStatus(): DeviceStatus {
    return emulatorStatus(this.#stock, { opened: this.opened, offline: this.#offline, busy: this.#busy });
  }

  /** The mechanism's state is kept (`onChange`) before the listeners are told. */
  protected override publish(): void {
    this.#onChange?.(this.snapshot());
    super.publish();
  }
}

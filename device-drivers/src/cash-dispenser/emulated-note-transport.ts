/**
 * The emulated dispenser's mechanism: the cassettes, presenter and bins it holds note by note
 * (its snapshot and restore), the faults
 * armed on its transport (a jam, double picks), and a dispense moving the planned notes one by
 * one towards the presenter, stopping the way an LCDM-2000 stops (a cassette out or empty, a
 * jam, too many double notes rejected).
 */
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import { cashDispenserSupplies } from './cash-dispenser-supplies.js';
import type { Cassette, NoteCount, PresenterContents } from './cash-dispenser.port.js';
import type { CashDispenserEmulatorState } from './cash-dispenser-emulator-state.js';
import { sumNotes } from './cash-dispense-refusals.js';

type MutableCassette = { -readonly [K in keyof Cassette]: Cassette[K] };

export interface Bin {
  count: number;
  readonly capacity: number;
}

export interface TransportFaults {
  /** armed: the next dispense jams after this many notes */
  jam: { afterNotes: number } | null;
  /** jammed now: no dispense until field staff clear it */
  jammed: boolean;
  doublePicks: number;
}

export type DispenseStop = { code: ErrorCode; message: string };

/** The time one note takes through the transport; 0 yields to the event loop only. */
export const pauseForNote = (ms: number) =>
  new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

export class EmulatedCashStock {
  readonly cassettes: Cassette[];
  readonly rejectBin: Bin;
  readonly retractBin: Bin;
  readonly faults: TransportFaults = { jam: null, jammed: false, doublePicks: 0 };
  presenter: { state: PresenterContents['state']; notes: NoteCount[] } = { state: 'empty', notes: [] };

  constructor(
    cassettes: readonly Omit<Cassette, 'present'>[],
    rejectCapacity: number,
    retractCapacity: number,
  ) {
    this.cassettes = cassettes.map((c) => ({ ...c, present: true }));
    this.rejectBin = { count: 0, capacity: rejectCapacity };
    this.retractBin = { count: 0, capacity: retractCapacity };
  }

  /** What the mechanism holds now, note by note. */
  snapshot(): CashDispenserEmulatorState {
    return {
      cassettes: this.cassettes.map((c) => ({ id: c.id, count: c.count, present: c.present })),
      rejectBin: this.rejectBin.count,
      retractBin: this.retractBin.count,
      presenter: { state: this.presenter.state, notes: this.presenter.notes.map((n) => ({ ...n })) },
      jammed: this.faults.jammed,
    };
  }

  restore(state: CashDispenserEmulatorState): void {
    for (const saved of state.cassettes) {
      const c = this.cassettes.find((x) => x.id === saved.id) as
        { count: number; present: boolean } | undefined;
      if (c) Object.assign(c, { count: saved.count, present: saved.present });
    }
    this.rejectBin.count = state.rejectBin;
    this.retractBin.count = state.retractBin;
    this.presenter = { state: state.presenter.state, notes: state.presenter.notes.map((n) => ({ ...n })) };
    this.faults.jammed = state.jammed;
  }

  cassette(id: string): MutableCassette {
    const c = this.cassettes.find((x) => x.id === id);
    if (!c) throw new KioskError(ErrorCode.INTERNAL, 'No such cassette.', { cassette: id });
    return c as MutableCassette;
  }

  /** Up to `notes` notes out of a cassette; returns how many there were. */
  take(cassette: Cassette, notes: number): number {
    const c = this.cassette(cassette.id);
    const n = Math.min(notes, c.count);
    c.count -= n;
    return n;
  }

  /**
   * Moves the planned notes one by one; each note that reaches the presenter is counted in
   * `delivered` (so a stop, or a throw, leaves it exact). Returns why it stopped early, or null.
   */
  async transport(
    planned: readonly NoteCount[],
    delivered: Map<string, NoteCount>,
    opts: { readonly msPerNote: number; readonly maxRejects: number },
  ): Promise<DispenseStop | null> {
    const faults = this.faults;
    let rejects = 0;
    for (const item of planned) {
      const cassette = this.cassettes.find((c) => c.id === item.cassetteId);
      for (let n = 0; n < item.count; n += 1) {
        await pauseForNote(opts.msPerNote);
        if (!cassette || !cassette.present || cassette.count === 0) {
          return {
            code: ErrorCode.CASH_CASSETTE_MISSING,
            message: 'A cassette ran out or was pulled during the dispense.',
          };
        }
        if (faults.jam && sumNotes([...delivered.values()]) >= faults.jam.afterNotes) {
          this.take(cassette, 1); // the stuck note left the cassette; staff will find it
          faults.jam = null;
          faults.jammed = true;
          return { code: ErrorCode.CASH_JAM, message: 'Notes jammed in the transport; call field staff.' };
        }
        while (faults.doublePicks > 0 && cassette.count > 0) {
          faults.doublePicks -= 1;
          rejects += 1;
          this.rejectBin.count += this.take(cassette, 2);
          if (rejects > opts.maxRejects || this.rejectBin.count >= this.rejectBin.capacity) {
            return {
              code: ErrorCode.CASH_DOUBLE_NOTES,
              message: 'Too many double notes were rejected; dispense stopped.',
            };
          }
        }
        if (cassette.count === 0) {
          return {
            code: ErrorCode.CASH_DOUBLE_NOTES,
            message: 'Double notes emptied the cassette; dispense stopped.',
          };
        }
        this.take(cassette, 1);
        const soFar = delivered.get(cassette.id);
        delivered.set(cassette.id, { ...item, count: (soFar?.count ?? 0) + 1 });
      }
    }
    return null;
  }
}

/** The emulated mechanism in the one status model: offline before a jam, a jam before busy. */
export function emulatorStatus(
  stock: EmulatedCashStock,
  s: { readonly opened: boolean; readonly offline: boolean; readonly busy: boolean },
): DeviceStatus {
  const { cassettes, rejectBin, retractBin, faults } = stock;
  const fault = s.offline
    ? { code: ErrorCode.DEVICE_OFFLINE, message: 'The cash dispenser is offline.' }
    : faults.jammed
      ? { code: ErrorCode.CASH_JAM, message: 'Notes jammed in the transport.' }
      : undefined;
  return {
    kind: 'cashDispenser',
    device: !s.opened || s.offline ? 'offline' : faults.jammed ? 'hardwareError' : s.busy ? 'busy' : 'online',
    supplies: cashDispenserSupplies(cassettes, rejectBin, retractBin),
    ...(fault ? { fault } : {}),
    driver: 'emulator',
    updatedAt: new Date().toISOString(),
  };
}

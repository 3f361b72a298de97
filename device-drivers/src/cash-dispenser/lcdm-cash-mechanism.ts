/**
 * The note-moving mechanics behind the byte-level LCDM emulator: two cassettes (upper, lower),
 * the check / divert sensors that send doubles to the reject tray, the kiosk presenter and its
 * retract bin. Synchronous and free of I/O; every note ends somewhere countable.
 */
import {
  encodeCount,
  LcdmError,
  Sensor0,
  Sensor1,
  type CassetteOutcome,
  type DispenseOutcome,
  type PresenterReport,
} from './cash-dispenser.protocol.js';

export type LcdmCassetteId = 'upper' | 'lower';

export interface LcdmCassetteState {
  count: number;
  present: boolean;
  /** the near-end sensor trips at or under this many notes */
  nearEndAt: number;
}

export interface LcdmMechanismOptions {
  readonly upper?: Partial<LcdmCassetteState>;
  readonly lower?: Partial<LcdmCassetteState>;
  /** rejected picks in one dispense before it stops with "over reject" */
  readonly maxRejects?: number;
  /** where every note was when the mechanism was last seen (it outlives the process) */
  readonly state?: LcdmMechanismState;
}

/** Where every note is: cassettes, presenter, tray and bins, taken, stuck in the transport. */
export interface LcdmMechanismState {
  readonly cassettes: Readonly<Record<LcdmCassetteId, { readonly count: number; readonly present: boolean }>>;
  readonly presenter: { readonly upper: number; readonly lower: number; readonly open: boolean };
  readonly rejectTray: number;
  readonly retractBin: number;
  readonly taken: number;
  readonly stuck: number;
}

export class LcdmCashMechanism {
  readonly cassettes: Record<LcdmCassetteId, LcdmCassetteState>;
  readonly presenter: { upper: number; lower: number; open: boolean } = { upper: 0, lower: 0, open: false };
  rejectTray = 0;
  retractBin = 0;
  taken = 0;
  /** a note stuck in the transport (counted out of its cassette, not yet in a bin) */
  stuck = 0;
  jamAfterNotes: number | null = null;
  doublePicks = 0;
  /**
   * armed: the resident takes this many of the notes at the slot in the instant the next RETRACT
   * arrives (not all: the retract takes back the rest), then disarmed
   */
  takeAtRetract: number | null = null;
  readonly maxRejects: number;

  constructor(options: LcdmMechanismOptions = {}) {
    const make = (o?: Partial<LcdmCassetteState>): LcdmCassetteState => ({
      count: 200,
      present: true,
      nearEndAt: 20,
      ...o,
    });
    this.cassettes = { upper: make(options.upper), lower: make(options.lower) };
    this.maxRejects = options.maxRejects ?? 8;
    if (options.state) this.#restore(options.state);
  }

  snapshot(): LcdmMechanismState {
    const { upper, lower } = this.cassettes;
    return {
      cassettes: {
        upper: { count: upper.count, present: upper.present },
        lower: { count: lower.count, present: lower.present },
      },
      presenter: { ...this.presenter },
      rejectTray: this.rejectTray,
      retractBin: this.retractBin,
      taken: this.taken,
      stuck: this.stuck,
    };
  }

  #restore(state: LcdmMechanismState): void {
    for (const id of ['upper', 'lower'] as const) Object.assign(this.cassettes[id], state.cassettes[id]);
    Object.assign(this.presenter, state.presenter);
    this.rejectTray = state.rejectTray;
    this.retractBin = state.retractBin;
    this.taken = state.taken;
    this.stuck = state.stuck;
  }

  get jammed(): boolean {
    return this.stuck > 0;
  }

  /** Notes anywhere in or out of the machine: what reconciles with what staff loaded. */
  totalNotes(): number {
    const { upper, lower } = this.cassettes;
    return (
      upper.count +
      lower.count +
      this.presenter.upper +
      this.presenter.lower +
      this.rejectTray +
      this.retractBin +
      this.taken +
      this.stuck
    );
  }

  dispense(counts: Record<LcdmCassetteId, number>, test = false): DispenseOutcome {
    const none: CassetteOutcome = { picked: 0, exited: 0, rejected: 0 };
    const refuse = (error: number): DispenseOutcome => ({ error, upper: none, lower: none });
    if (counts.upper > 60 || counts.lower > 60) return refuse(0x3b);
    if (this.jammed) return refuse(LcdmError.JAM_EXIT);
    if (!test && (this.presenter.upper > 0 || this.presenter.lower > 0)) return refuse(0x3b);
    if (counts.upper > 0 && !this.cassettes.upper.present) return refuse(LcdmError.UPPER_CASSETTE_MISSING);
    if (counts.lower > 0 && !this.cassettes.lower.present) return refuse(LcdmError.LOWER_CASSETTE_MISSING);

    let error: number = LcdmError.GOOD;
    let rejects = 0;
    let exitedTotal = 0;
    const outcome: Record<LcdmCassetteId, { picked: number; exited: number; rejected: number }> = {
      upper: { ...none },
      lower: { ...none },
    };
    for (const id of ['upper', 'lower'] as const) {
      const cassette = this.cassettes[id];
      const out = outcome[id];
      while (out.exited < counts[id] && error === LcdmError.GOOD) {
        if (cassette.count === 0) {
          error = id === 'upper' ? LcdmError.UPPER_BILL_END : LcdmError.LOWER_BILL_END;
        } else if (this.jamAfterNotes !== null && exitedTotal >= this.jamAfterNotes) {
          cassette.count -= 1;
          out.picked += 1;
          this.stuck += 1;
          this.jamAfterNotes = null;
          error = LcdmError.JAM_EXIT;
        } else if (this.doublePicks > 0) {
          this.doublePicks -= 1;
          const pair = Math.min(2, cassette.count);
          cassette.count -= pair;
          out.picked += pair;
          out.rejected += pair;
          this.rejectTray += pair;
          rejects += 1;
          if (rejects > this.maxRejects) error = LcdmError.OVER_REJECT;
        } else {
          cassette.count -= 1;
          out.picked += 1;
          out.exited += 1;
          exitedTotal += 1;
          if (test) this.rejectTray += 1;
          else this.presenter[id] += 1;
        }
      }
    }
    return { error, upper: outcome.upper, lower: outcome.lower };
  }

  /** PURGE: clears notes left in the transport path (a real jam needs staff: `clearJam`). */
  purge(): number {
    return this.jammed ? LcdmError.PURGE_ERROR : LcdmError.GOOD;
  }

  /** Staff clear the jam; the stuck note goes to the reject tray. */
  clearJam(): void {
    this.rejectTray += this.stuck;
    this.stuck = 0;
  }

  statusData(): number[] {
    const { upper, lower } = this.cassettes;
    let s0 = 0;
    let s1 = 0;
    if (this.jammed) s0 |= Sensor0.EJT;
    if (upper.present && upper.count <= upper.nearEndAt) s0 |= Sensor0.UPPER_NEAR_END;
    if (!upper.present) s1 |= Sensor1.UPPER_CASSETTE_ABSENT;
    if (!lower.present) s1 |= Sensor1.LOWER_CASSETTE_ABSENT;
    if (lower.present && lower.count <= lower.nearEndAt) s1 |= Sensor1.LOWER_NEAR_END;
    // sensor bytes travel with 0x80 set so that they never look like a control byte
    return [0x30, this.jammed ? LcdmError.JAM_EXIT : LcdmError.GOOD, 0x80 | s0, 0x80 | s1];
  }

  presenterReport(): PresenterReport {
    const { upper, lower, open } = this.presenter;
    return { state: upper + lower === 0 ? 'empty' : open ? 'presented' : 'staged', upper, lower };
  }

  present(): number {
    if (this.presenter.upper + this.presenter.lower === 0) return 0x3b;
    this.presenter.open = true;
    return LcdmError.GOOD;
  }

  retract(): number[] {
    if (this.takeAtRetract !== null) this.take(this.takeAtRetract);
    this.takeAtRetract = null;
    const { upper, lower } = this.presenter;
    this.retractBin += upper + lower;
    this.presenter.upper = 0;
    this.presenter.lower = 0;
    this.presenter.open = false;
    return [LcdmError.GOOD, ...encodeCount(upper), ...encodeCount(lower)];
  }

  /**
   * The resident takes the presented notes, or `notes` of them (lower first; the shutter stays open
   * on the rest); false when the shutter is not open on more notes than that.
   */
  take(notes?: number): boolean {
    const { upper, lower, open } = this.presenter;
    if (!open || upper + lower === 0) return false;
    if (notes !== undefined) {
      if (notes < 1 || notes >= upper + lower) return false;
      const fromLower = Math.min(notes, lower);
      this.presenter.lower -= fromLower;
      this.presenter.upper -= notes - fromLower;
      this.taken += notes;
      return true;
    }
    this.taken += upper + lower;
    this.presenter.upper = 0;
    this.presenter.lower = 0;
    this.presenter.open = false;
    return true;
  }
}

/** The LCDM emulator's options (`lcdm-cash-dispenser.emulator.ts`): its mechanism's, and its line's. */
export interface LcdmCashDispenserEmulatorOptions extends LcdmMechanismOptions {
  /** transport time per note moved */
  readonly msPerNote?: number;
  /** silence after which a half-received command counts as torn */
  readonly interByteTimeoutMs?: number;
  readonly romVersion?: string;
  /** told after every change of where the notes are, before the answer leaves (to keep it in a file) */
  readonly onChange?: (state: LcdmMechanismState) => void;
}

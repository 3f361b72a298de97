/**
 * The kiosk presenter with shutter on the LCDM line, seen from the host: what it holds per
 * cassette, opening it, retracting to the retract bin, and polling it while open so that the
 * resident taking the notes becomes an event (the device speaks only when asked).
 *
 * Notes open at the slot that are gone when the dispenser answers again after it was out of reach
 * (its line down, or silent) were taken by the resident or drawn in by the presenter on its own
 * (its timer): the LCDM line has no command that tells which (no retract counter, no taken flag;
 * ADR 0020), so they are reported gone unseen (`onGoneUnseen`), never taken, and the retract asked
 * for them refuses with what the driver knows (`NOTES_GONE_UNSEEN`) for staff to settle. So are
 * notes whose presentation went unanswered (the shutter may have opened, its answer lost) and that
 * are gone when the presenter is next read or retracted, and notes whose retract was refused as
 * busy (unwatched from the retract's start) that are gone once the dispenser is idle again.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { NOTES_GONE_UNSEEN, type CashGoneUnseen, type PresenterContents } from './cash-dispenser.port.js';
import {
  decodeCount,
  decodePresenterReport,
  LCDM_ERRORS,
  LcdmCommand,
  lcdmErrorCode,
} from './cash-dispenser.protocol.js';
import { presentedNotes, type LcdmCassettes } from './lcdm-dispense-result.js';
import type { LcdmSerialLine } from './lcdm-serial-line.js';
import { OneBeatAtATime } from '../common/one-beat-at-a-time.js';

export interface LcdmPresenterOptions {
  readonly responseTimeoutMs: number;
  readonly takenPollMs: number;
  readonly denominations: () => LcdmCassettes<number>;
  /** called after every change of what the presenter holds */
  readonly onChange: () => void;
  readonly onTaken: (amountFen: number) => void;
  /** notes open at the slot went while the dispenser was out of reach: taken or retracted, unknown */
  readonly onGoneUnseen: (event: CashGoneUnseen) => void;
}

export class LcdmPresenter {
  readonly #line: LcdmSerialLine;
  readonly #opts: LcdmPresenterOptions;
  #state: PresenterContents['state'] = 'empty';
  #notes = { upper: 0, lower: 0 };
  #pollTimer: NodeJS.Timeout | undefined;
  /** since when notes open at the slot were out of sight (the dispenser out of reach) */
  #unseenSince: Date | null = null;
  /** the notes that went unseen, until a retract refuses with them or new notes are staged */
  #goneUnseen: CashGoneUnseen | null = null;
  /** notes whose presentation went unanswered: maybe open at the slot, out of sight since */
  #maybePresented: PresenterContents | null = null;

  constructor(line: LcdmSerialLine, options: LcdmPresenterOptions) {
    this.#line = line;
    this.#opts = options;
  }

  get notes(): LcdmCassettes<number> {
    return { ...this.#notes };
  }

  contents(): PresenterContents {
    const { upper, lower } = this.#notes;
    return { state: this.#state, amountFen: this.#fen(upper, lower), notes: upper + lower };
  }

  /** Notes a dispense moved into the presenter (shutter closed). */
  stage(notes: LcdmCassettes<number>): void {
    this.#unseenSince = null;
    this.#goneUnseen = null;
    this.#maybePresented = null;
    this.#notes = { ...notes };
    this.#state = notes.upper + notes.lower > 0 ? 'staged' : 'empty';
    this.#opts.onChange();
  }

  /**
   * Asks the presenter what it holds (PRESENTER_STATUS). Notes that were open at the slot and are
   * gone were taken: between two polls, or while the line was down.
   */
  async refresh(): Promise<void> {
    const frame = await this.#line
      .transact(LcdmCommand.PRESENTER_STATUS, [], this.#opts.responseTimeoutMs)
      .catch((error: unknown) => {
        this.outOfSight(); // unanswered: what happens at the slot meanwhile is not seen
        throw error;
      });
    const report = decodePresenterReport(frame.data);
    if (!report) {
      this.outOfSight();
      throw new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'The presenter status was unreadable.');
    }
    const presented = this.#presentedOrMaybe();
    this.#notes = { upper: report.upper, lower: report.lower };
    this.#state = report.state;
    if (report.state !== 'empty') {
      this.#goneUnseen = null;
      this.#maybePresented = null; // still there: behind the shutter, or open and watched
    }
    if (report.state === 'presented') this.#unseenSince = null; // in sight again, then watched (watchIfPresented)
    this.#opts.onChange();
    if (presented && presented.amountFen > 0 && this.#state === 'empty') this.#gone(presented);
  }

  /**
   * The dispenser is out of reach (its line down, silent, a presenter read failed): notes open at
   * the slot are out of sight from now until the presenter is read again.
   */
  outOfSight(): void {
    if (this.#state === 'presented' && this.#unseenSince === null) this.#unseenSince = new Date();
  }

  async present(): Promise<{ readonly amountFen: number }> {
    if (this.#state === 'empty') {
      throw new KioskError(ErrorCode.CASH_NOTHING_TO_PRESENT, 'There are no notes in the presenter.');
    }
    const frame = await this.#line
      .transact(LcdmCommand.PRESENT, [], this.#opts.responseTimeoutMs)
      .catch((error: unknown) => {
        // unanswered (not refused busy): the shutter may be open on the notes, out of sight
        if (!KioskError.is(error, ErrorCode.DEVICE_BUSY)) {
          this.#maybePresented = this.contents();
          this.#unseenSince ??= new Date();
        }
        throw error;
      });
    const code = lcdmErrorCode(frame.data[0] ?? 0);
    if (code) {
      throw new KioskError(code, 'The presenter did not open.', {
        device: LCDM_ERRORS[frame.data[0] ?? 0]?.text ?? 'unknown',
      });
    }
    this.#state = 'presented';
    this.#maybePresented = null;
    this.#opts.onChange();
    this.#watchForTaken();
    return { amountFen: this.contents().amountFen };
  }

  /** RETRACT: what went to the retract bin, per cassette too. */
  async retract(): Promise<{
    readonly retractedFen: number;
    readonly notes: number;
    readonly cassettes: LcdmCassettes<number>;
  }> {
    this.stopWatching();
    const gone = this.#goneUnseen;
    if (gone) {
      this.#goneUnseen = null;
      throw goneUnseenError(gone);
    }
    const presented = this.#presentedOrMaybe();
    const startedAt = new Date(); // the take watch stopped: the slot out of sight from now
    const frame = await this.#line
      .transact(LcdmCommand.RETRACT, [], this.#opts.responseTimeoutMs)
      .catch((error: unknown) => {
        // refused as busy (nothing moved): the notes stay, unwatched, while the dispenser is busy
        // (it answers no presenter read), so what then finds them gone did not see them go
        if (KioskError.is(error, ErrorCode.DEVICE_BUSY) && this.#state === 'presented')
          this.#unseenSince ??= startedAt;
        throw error;
      });
    const upper = decodeCount(frame.data, 1);
    const lower = decodeCount(frame.data, 3);
    if (Number.isNaN(upper) || Number.isNaN(lower)) {
      throw new KioskError(
        ErrorCode.DEVICE_PROTOCOL_ERROR,
        'The presenter answered a retract with bad counts.',
      );
    }
    this.#notes = { upper: 0, lower: 0 };
    this.#state = 'empty';
    if (upper + lower > 0) this.#unseenSince = null; // retracted: nothing left out of sight
    this.#opts.onChange();
    // the notes went between the last poll and the retract: taken, unless out of sight meanwhile
    if (upper + lower === 0 && presented && presented.amountFen > 0) {
      const unseen = this.#gone(presented);
      if (unseen) {
        this.#goneUnseen = null;
        throw goneUnseenError(unseen);
      }
    }
    return { retractedFen: this.#fen(upper, lower), notes: upper + lower, cassettes: { upper, lower } };
  }

  stopWatching(): void {
    clearInterval(this.#pollTimer);
  }

  /**
   * Notes found open at the slot (after `refresh`): left there while the line was down, or before
   * a restart. They are watched again, so the resident taking them is reported.
   */
  watchIfPresented(): void {
    if (this.#state === 'presented') this.#watchForTaken();
  }

  #watchForTaken(): void {
    this.stopWatching();
    const polls = new OneBeatAtATime();
    this.#pollTimer = setInterval(() => {
      // a refresh that finds the slot empty reports the notes taken
      polls.run(() => this.refresh());
    }, this.#opts.takenPollMs);
  }

  /** The notes open at the slot, or maybe open there (their presentation unanswered). */
  #presentedOrMaybe(): PresenterContents | null {
    return this.#state === 'presented' ? this.contents() : this.#maybePresented;
  }

  /** Presented notes found gone: taken when in sight all along, else gone unseen (answered). */
  #gone(presented: PresenterContents): CashGoneUnseen | null {
    this.stopWatching();
    this.#maybePresented = null;
    const since = this.#unseenSince;
    this.#unseenSince = null;
    if (since === null) {
      this.#opts.onTaken(presented.amountFen);
      return null;
    }
    const unseen: CashGoneUnseen = {
      amountFen: presented.amountFen,
      notes: presented.notes,
      lostAt: since.toISOString(),
      backAt: new Date().toISOString(),
    };
    this.#goneUnseen = unseen;
    this.#opts.onGoneUnseen(unseen);
    return unseen;
  }

  #fen(upper: number, lower: number): number {
    return presentedNotes({ upper, lower }, this.#opts.denominations()).amountFen;
  }
}

/** The retract of notes gone unseen: nothing to retract, and which way they went is not known. */
function goneUnseenError(gone: CashGoneUnseen): KioskError {
  return new KioskError(
    ErrorCode.DEVICE_OFFLINE,
    'The notes left the slot while the cash dispenser was out of reach: taken or drawn in, it cannot tell.',
    { [NOTES_GONE_UNSEEN]: true, ...gone },
  );
}

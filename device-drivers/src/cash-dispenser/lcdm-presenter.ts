/**
 * The kiosk presenter with shutter on the LCDM line, seen from the host: what it holds per
 * cassette, opening it, retracting to the retract bin, and polling it while open so that the
 * resident taking the notes becomes an event (the device speaks only when asked).
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { PresenterContents } from './cash-dispenser.port.js';
import {
  decodeCount,
  decodePresenterReport,
  LCDM_ERRORS,
  LcdmCommand,
  lcdmErrorCode,
} from './cash-dispenser.protocol.js';
import { presentedNotes, type LcdmCassettes } from './lcdm-dispense-result.js';
import type { LcdmSerialLine } from './lcdm-serial-line.js';

export interface LcdmPresenterOptions {
  readonly responseTimeoutMs: number;
  readonly takenPollMs: number;
  readonly denominations: () => LcdmCassettes<number>;
  /** called after every change of what the presenter holds */
  readonly onChange: () => void;
  readonly onTaken: (amountFen: number) => void;
}

export class LcdmPresenter {
  readonly #line: LcdmSerialLine;
  readonly #opts: LcdmPresenterOptions;
  #state: PresenterContents['state'] = 'empty';
  #notes = { upper: 0, lower: 0 };
  #pollTimer: NodeJS.Timeout | undefined;

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
    this.#notes = { ...notes };
    this.#state = notes.upper + notes.lower > 0 ? 'staged' : 'empty';
    this.#opts.onChange();
  }

  /**
   * Asks the presenter what it holds (PRESENTER_STATUS). Notes that were open at the slot and are
   * gone were taken: between two polls, or while the line was down.
   */
  async refresh(): Promise<void> {
    const frame = await this.#line.transact(LcdmCommand.PRESENTER_STATUS, [], this.#opts.responseTimeoutMs);
    const report = decodePresenterReport(frame.data);
    if (!report)
      throw new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'The presenter status was unreadable.');
    const presentedFen = this.#state === 'presented' ? this.contents().amountFen : 0;
    this.#notes = { upper: report.upper, lower: report.lower };
    this.#state = report.state;
    this.#opts.onChange();
    if (presentedFen > 0 && this.#state === 'empty') {
      this.stopWatching();
      this.#opts.onTaken(presentedFen);
    }
  }

  async present(): Promise<{ readonly amountFen: number }> {
    if (this.#state === 'empty') {
      throw new KioskError(ErrorCode.CASH_NOTHING_TO_PRESENT, 'There are no notes in the presenter.');
    }
    const frame = await this.#line.transact(LcdmCommand.PRESENT, [], this.#opts.responseTimeoutMs);
    const code = lcdmErrorCode(frame.data[0] ?? 0);
    if (code) {
      throw new KioskError(code, 'The presenter did not open.', {
        device: LCDM_ERRORS[frame.data[0] ?? 0]?.text ?? 'unknown',
      });
    }
    this.#state = 'presented';
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
    const wasPresented = this.#state === 'presented' ? this.contents().amountFen : 0;
    const frame = await this.#line.transact(LcdmCommand.RETRACT, [], this.#opts.responseTimeoutMs);
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
    this.#opts.onChange();
    // the resident took the notes between the last poll and the retract
    if (upper + lower === 0 && wasPresented > 0) this.#opts.onTaken(wasPresented);
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
    let polling = false;
    this.#pollTimer = setInterval(() => {
      if (polling) return;
      polling = true;
      // a refresh that finds the slot empty reports the notes taken
      this.refresh()
        .catch(() => undefined)
        .finally(() => (polling = false));
    }, this.#opts.takenPollMs);
  }

  #fen(upper: number, lower: number): number {
    return presentedNotes({ upper, lower }, this.#opts.denominations()).amountFen;
  }
}

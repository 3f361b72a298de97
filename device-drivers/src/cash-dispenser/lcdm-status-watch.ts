/**
 * The dispenser's STATUS on the LCDM line: read when the driver asks (open, self-test, refill,
 * before a dispense) and, with `heartbeatMs` above 0, every `heartbeatMs` while no dispense is
 * under way, so that a pulled cassette or a silent dispenser is seen without a command. The
 * cassettes' sensors go to the note stock; the fault (or none) is kept here, and a dispenser
 * that does not answer reads DEVICE_TIMEOUT until a STATUS is answered again.
 *
 * A STATUS answered after the dispenser was out of reach (silent, or its line down) brings it
 * back only once `readBack` has read what the driver cannot know from STATUS (the presenter):
 * notes taken, retracted or left at the slot meanwhile are seen before the dispenser reads usable
 * again. Until then, and when that read fails, the fault that kept it offline stays.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { LcdmCommand } from './cash-dispenser.protocol.js';
import type { LcdmNoteStock } from './lcdm-note-stock.js';
import type { LcdmSerialLine } from './lcdm-serial-line.js';
import { decodeLcdmStatus, type LcdmFault } from './lcdm-status.js';
import { OneBeatAtATime } from '../common/one-beat-at-a-time.js';

export interface LcdmStatusWatchOptions {
  readonly responseTimeoutMs: number;
  /** 0 or less: no heartbeat */
  readonly heartbeatMs: number;
  /** a dispense is under way: the heartbeat skips its STATUS */
  readonly busy: () => boolean;
  /** called after every change of the fault or the cassettes' sensors */
  readonly onChange: () => void;
  /** the dispenser answers again after it was out of reach: read its presenter */
  readonly readBack: () => Promise<void>;
  /** the dispenser went out of reach (silent): what happens at its slot is not seen until it is back */
  readonly outOfReach: () => void;
}

/** The faults of a dispenser out of reach: silent, or its line down. */
function outOfReach(fault: LcdmFault | null): boolean {
  return fault?.code === ErrorCode.DEVICE_TIMEOUT || fault?.code === ErrorCode.DEVICE_OFFLINE;
}

export class LcdmStatusWatch {
  /** the device's fault from its last STATUS or dispense answer, or the line's */
  fault: LcdmFault | null = null;
  readonly #line: LcdmSerialLine;
  readonly #stock: LcdmNoteStock;
  readonly #opts: LcdmStatusWatchOptions;
  #heartbeat: NodeJS.Timeout | undefined;
  /** a beat's STATUS still running: the next beat is skipped, not queued behind it */
  readonly #beats = new OneBeatAtATime();

  constructor(line: LcdmSerialLine, stock: LcdmNoteStock, options: LcdmStatusWatchOptions) {
    this.#line = line;
    this.#stock = stock;
    this.#opts = options;
  }

  /**
   * STATUS now: the sensors to the note stock, the fault kept. Resolves true when the dispenser
   * came back with it, its presenter read (`readBack`) before the fault that kept it out went.
   */
  async refresh(): Promise<boolean> {
    const frame = await this.#line
      .transact(LcdmCommand.STATUS, [], this.#opts.responseTimeoutMs)
      .catch((error: unknown) => {
        // a silent dispenser reads offline until a STATUS is answered again
        if (KioskError.from(error).code === ErrorCode.DEVICE_TIMEOUT) {
          this.fault = { code: ErrorCode.DEVICE_TIMEOUT, message: 'The cash dispenser does not answer.' };
          this.#opts.outOfReach();
          this.#opts.onChange();
        }
        throw error;
      });
    const { sensors, fault } = decodeLcdmStatus(frame.data);
    const back = outOfReach(this.fault);
    this.#stock.sense(sensors);
    if (back) await this.#opts.readBack(); // throws: still out of reach, the fault stays
    this.fault = fault;
    this.#opts.onChange();
    return back;
  }

  /**
   * A command that moves notes went unanswered: what the dispenser did is unknown, so it reads
   * silent (DEVICE_TIMEOUT) now, not at the next heartbeat, and a STATUS answered later brings it
   * back only with its presenter read again (`readBack`).
   */
  outOfReach(): void {
    this.fault = { code: ErrorCode.DEVICE_TIMEOUT, message: 'The cash dispenser does not answer.' };
    this.#opts.outOfReach();
    this.#opts.onChange();
  }

  /**
   * The heartbeat (again, when on); one still running is replaced. One beat at a time: a beat can
   * outlast the interval (a late answer awaited, then its own answer time), and beats queued behind
   * it would pile up on the line, the STATUS of a dispense waiting behind them all.
   */
  startHeartbeat(): void {
    this.stopHeartbeat();
    if (this.#opts.heartbeatMs <= 0) return;
    this.#heartbeat = setInterval(() => {
      if (!this.#opts.busy()) this.#beats.run(() => this.refresh());
    }, this.#opts.heartbeatMs);
  }

  stopHeartbeat(): void {
    clearInterval(this.#heartbeat);
  }
}

/**
 * When what waits for the dispenser (`dispenser-back-settlement.ts`, ADR 0020) is settled; how the
 * kiosk is held meanwhile, and the dispenser's own self test before: `dispenser-back-wiring.ts`.
 *
 * - **When**: the dispenser comes back (usable after not), the kiosk lands held by a failed self
 *   test with it back, the late sweep leaves something new for it, and after a settlement the
 *   dispenser did not answer (a retract unanswered: it dropped for an instant, maybe never reading
 *   offline, so no comeback follows), one it settled at the host whose close the journal refused
 *   (only the close owed, the host not asked again), or one cut short by a step the journal refused
 *   (an act's done: carried through again, the host's state read by key): tried again with the reopen's backoff (`devices.reopen`), at
 *   most `LATE_SETTLEMENT_TRIES` times from one comeback, each said with the fault's code. One
 *   settlement at a time: a reason to look during a turn looks again after it.
 * - **Never while a resident is at the kiosk**: no session runs or is being started. A look that
 *   finds one (or a visit, a self test) is due still and looks again one interval later.
 */
import { RetryBackoff, type CashDispenserPort } from '@kiosk/device-drivers';
import { DEFAULT_DEVICE_REOPEN, ErrorCode, KioskError, isUsable } from '@kiosk/domain';
import type { DeviceReopenTimings } from '../devices/device-reopen.js';
import type { LateTurn } from './dispenser-back-settlement.js';

/** How many times a settlement the dispenser did not answer is tried again from one comeback. */
export const LATE_SETTLEMENT_TRIES = 5;

/** The faults of a dispenser that did not answer (its line or module gone for a while). */
const DISPENSER_GONE: ReadonlySet<string> = new Set([ErrorCode.DEVICE_OFFLINE, ErrorCode.DEVICE_TIMEOUT]);

export interface DispenserBackWatchDeps {
  readonly dispenser: Pick<CashDispenserPort, 'status' | 'onStatus'>;
  /** no session runs and the kiosk is held by a failed self test, or may be held for it */
  readonly maySettle: () => boolean;
  /** something waits for the dispenser */
  readonly waiting: () => boolean;
  /** settles what waits, called in the turn `maySettle` answered; undefined: it did not */
  readonly settle: () => Promise<LateTurn | undefined>;
  /** nothing the failed self test left is undecided: the kiosk is placed by its devices again */
  readonly allSettled: () => void;
  /** the waits of the tries again (the reopen's); the domain's when absent */
  readonly timings?: DeviceReopenTimings;
  readonly log: { warn(message: string): void; error(message: string): void };
}

/**
 * Watches the dispenser and settles what waits for it, one turn at a time (see above). A status
 * push while it still reads usable is no comeback; a settlement it did not answer is tried again
 * by the bounded backoff only.
 */
export class DispenserBackWatch {
  readonly #deps: DispenserBackWatchDeps;
  readonly #timings: DeviceReopenTimings;
  #turn: Promise<void> | undefined;
  #again = false;
  /** a settlement is due: a reason to look came and no turn has looked since */
  #due = false;
  #usable = false;
  #off: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** the tries again since the last comeback */
  #tries = 0;
  /** the waits between them: the device reopen's backoff (ADR 0020), started over at a comeback that stays up */
  readonly #backoff: RetryBackoff;
  /** stopped (the daemon's shutdown): no turn begins, the kiosk is told nothing more */
  #stopped = false;

  constructor(deps: DispenserBackWatchDeps) {
    this.#deps = deps;
    this.#timings = deps.timings ?? DEFAULT_DEVICE_REOPEN;
    this.#backoff = new RetryBackoff(this.#timings.intervalMs, this.#timings.maxIntervalMs);
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  start(): () => void {
    this.#stopped = false;
    this.#usable = isUsable(this.#deps.dispenser.status());
    this.#off ??= this.#deps.dispenser.onStatus((status) => {
      const back = isUsable(status) && !this.#usable;
      this.#usable = isUsable(status);
      if (!back) return;
      this.#tries = 0;
      // its tries again start over at the first wait only once it stayed up the bound: a
      // dispenser that comes back and drops at once keeps the wait reached (as the reopen does)
      this.#backoff.up();
      void this.check();
    });
    void this.check();
    return () => this.stop();
  }

  /** A turn under way ends as it ends (journaled act by act); none begins after, nor a try again. */
  stop(): void {
    this.#stopped = true;
    this.#again = false;
    this.#due = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#off?.();
    this.#off = undefined;
  }

  /** Resolves once no settlement runs (one asked for during a turn included). */
  async idle(): Promise<void> {
    while (this.#turn) await this.#turn;
  }

  /** A reason to look: settles what waits for the dispenser if it may now; resolves when that turn is over. */
  check(): Promise<void> {
    this.#due = true;
    return this.#look();
  }

  #look(): Promise<void> {
    if (this.#turn) {
      this.#again = true;
      return this.#turn;
    }
    const { dispenser, maySettle, waiting } = this.#deps;
    if (this.#stopped || !this.#due) return Promise.resolve();
    // not usable: its comeback looks again; nothing waiting: nothing to do
    if (!isUsable(dispenser.status()) || !waiting()) {
      this.#due = false;
      return Promise.resolve();
    }
    if (!maySettle()) {
      // a session, a visit, a self test: looked at again one interval later, still due
      if (this.#timer === undefined) this.#schedule(this.#timings.intervalMs);
      return Promise.resolve();
    }
    this.#due = false;
    this.#turn = this.#settle().finally(() => {
      this.#turn = undefined;
      if (this.#again) {
        this.#again = false;
        void this.#look();
      }
    });
    return this.#turn;
  }

  async #settle(): Promise<void> {
    try {
      const done = await this.#deps.settle();
      if (done?.leftForStaff === 0 && !this.#stopped) this.#deps.allSettled();
      // one withdrawal's fault: it still waits where the journal says, the others were settled
      for (const { id, code } of done?.failed ?? []) this.#failed(code, id);
      const gone = done?.failed?.find((f) => DISPENSER_GONE.has(f.code))?.code;
      if (done && done.stillWaiting > 0) this.#tryAgain(done.fault ?? ErrorCode.DEVICE_TIMEOUT);
      else if (gone) this.#tryAgain(gone);
      // settled at the host, its close refused by the journal: no comeback will follow to close it
      else if (done?.unclosed) this.#tryAgain(ErrorCode.JOURNAL_WRITE_FAILED, 'the journal did not close');
      // the journal refused a step of one (an act's done): cut short, no comeback follows to finish it
      else if (done?.failed?.some((f) => f.code === ErrorCode.JOURNAL_WRITE_FAILED))
        this.#tryAgain(ErrorCode.JOURNAL_WRITE_FAILED, 'the journal refused a step of');
    } catch (e) {
      // journal or host faults: the withdrawal stays where the journal says, the next check or boot goes on
      const { code } = KioskError.from(e);
      this.#failed(code);
      if (DISPENSER_GONE.has(code)) this.#tryAgain(code);
    }
  }

  #failed(code: string, serial?: string): void {
    const of = serial ? ` of ${serial}` : '';
    this.#deps.log.error(`recovery: settling${of} once the dispenser answered failed: ${code}`);
  }

  /**
   * The dispenser did not answer the settlement (or the journal did not close one it settled, or
   * refused a step of one):
   * tried again after the backoff's wait, bounded.
   */
  #tryAgain(code: string, who = 'the dispenser did not answer'): void {
    if (this.#stopped) return;
    if (this.#tries >= LATE_SETTLEMENT_TRIES) {
      this.#deps.log.error(
        `recovery: ${who} the late settlement ${this.#tries + 1} times (${code}): left for its next comeback, the next boot or field staff`,
      );
      return;
    }
    const waitMs = this.#backoff.next();
    this.#tries += 1;
    this.#deps.log.warn(
      `recovery: ${who} the late settlement (${code}): tried again in ${waitMs} ms (${this.#tries} of ${LATE_SETTLEMENT_TRIES})`,
    );
    this.#schedule(waitMs, true);
  }

  #schedule(waitMs: number, due = false): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (due) this.#due = true;
      void this.#look();
    }, waitMs);
    this.#timer.unref();
  }
}

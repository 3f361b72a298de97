/**
 * Opening the dispenser again once its line is back (a USB serial adapter plugged back in, the
 * far end up again). The line can come back before the dispenser answers: its power is restored
 * with the adapter's but its firmware still boots, or it is busy finishing a reset. One open that
 * meets that silence used to leave the dispenser offline until the next heartbeat, and with the
 * heartbeat off (its default) until a self-test. Now the open is tried again, `attempts` times
 * in all, `retryMs` apart.
 *
 * Bounded, not endless: a dispenser still silent after that reads offline (the fleet raises it),
 * and the heartbeat, when on, a self-test, or the daemon's own reopen of an offline device with
 * backoff (ADR 0020) asks again. A lost line, a new restore or closing the driver ends the tries at once.
 */
export interface LcdmRestoreTimings {
  /** opens tried once the line is back, the first at once (at least 1) */
  readonly attempts: number;
  /** wait between two of them */
  readonly retryMs: number;
}

export class LcdmRestore {
  readonly #open: () => Promise<void>;
  readonly #gaveUp: () => void;
  readonly #timings: LcdmRestoreTimings;
  #run = 0;
  #timer: NodeJS.Timeout | undefined;

  /** `open` opens the dispenser; `gaveUp` is told when every try failed. */
  constructor(open: () => Promise<void>, gaveUp: () => void, timings: LcdmRestoreTimings) {
    this.#open = open;
    this.#gaveUp = gaveUp;
    this.#timings = { attempts: Math.max(1, Math.floor(timings.attempts)), retryMs: timings.retryMs };
  }

  /** The line is back: open, again on failure; a restore still trying is replaced. */
  start(): void {
    this.stop();
    const run = this.#run;
    const attempt = (left: number): void => {
      this.#open().then(
        () => undefined,
        () => {
          if (run !== this.#run) return;
          if (left <= 1) {
            this.#gaveUp();
            return;
          }
          this.#timer = setTimeout(() => attempt(left - 1), this.#timings.retryMs);
          this.#timer.unref(); // nothing to keep a process alive for
        },
      );
    };
    attempt(this.#timings.attempts);
  }

  /** The line is lost again, or the driver closed: no more tries. */
  stop(): void {
    this.#run += 1;
    clearTimeout(this.#timer);
  }
}

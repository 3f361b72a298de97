/**
 * The printer's answers to real-time status requests (DLE EOT n), one byte each, which name neither
 * the request nor its n: they are paired with the requests by order. A request given up on (no
 * answer in the status time) may still be answered late, and a late byte read as the answer to a
 * later request would put every answer after it one place out (a paper near-end read as a cover
 * open, for good): the answers owed are awaited and dropped before new requests go out (`catchUp`).
 */
import type { KioskError } from '@kiosk/domain';

interface Pending {
  resolve(byte: number): void;
  reject(error: KioskError): void;
}

export class RealtimeAnswers {
  #waiting: Pending[] = [];
  /** answers of requests given up on that the printer may still send */
  #owed = 0;
  /** a catch-up waited in vain and nothing was heard since: the printer is silent, not slow */
  #silent = false;
  #catching: Promise<void> | null = null;
  #caughtUp: (() => void) | null = null;

  /** The answers of `count` requests about to be written, in their order. */
  expect(count: number): Promise<number>[] {
    return Array.from(
      { length: count },
      () => new Promise<number>((resolve, reject) => this.#waiting.push({ resolve, reject })),
    );
  }

  /** A DLE EOT answer read: the first request waiting, else one owed (late, dropped). */
  take(byte: number): void {
    this.#silent = false;
    const waiter = this.#waiting.shift();
    if (waiter) return waiter.resolve(byte);
    if (this.#owed > 0) this.#owed -= 1;
    if (this.#owed === 0) this.#caughtUp?.();
  }

  /**
   * No answer in time (`owe`: the printer may still answer them) or the connection gone (not):
   * every request waiting refused with `error`.
   */
  giveUp(error: KioskError, owe: boolean): void {
    const given = this.#waiting.splice(0);
    for (const waiter of given) waiter.reject(error);
    this.#owed = owe ? this.#owed + given.length : 0;
    if (this.#owed === 0) this.#caughtUp?.();
  }

  /**
   * Before new requests are written: the answers owed awaited up to `waitMs` (those that do not
   * come then never will). At once when none is owed or the printer stayed silent through the last.
   */
  catchUp(waitMs: number): Promise<void> {
    if (this.#silent) this.#owed = 0; // asked while silent: not answered, or not told from new ones
    if (this.#owed === 0) return Promise.resolve();
    this.#catching ??= new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.#caughtUp = null;
        this.#catching = null;
        if (this.#owed > 0) this.#silent = true;
        this.#owed = 0;
        resolve();
      };
      const timer = setTimeout(end, waitMs);
      this.#caughtUp = end;
    });
    return this.#catching;
  }
}

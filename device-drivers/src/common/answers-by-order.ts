/**
 * Answers paired with their requests by order only, for a device whose answers name no request:
 * the receipt printer's real-time status bytes (DLE EOT n) and the card printer's reply lines. A
 * request given up on (no answer in its time) may still be answered late, and a late answer read
 * as a later request's would put every answer after it one place out (a paper near-end read as a
 * cover open, a card printer's "OK" read as its state, for good): the answers owed are awaited and
 * dropped before new requests go out (`catchUp`).
 */
import type { KioskError } from '@kiosk/domain';

interface Pending<Answer> {
  resolve(answer: Answer): void;
  reject(error: KioskError): void;
}

export class AnswersByOrder<Answer> {
  #waiting: Pending<Answer>[] = [];
  /** answers of requests given up on that the device may still send */
  #owed = 0;
  /** a catch-up waited in vain and nothing was heard since: the device is silent, not slow */
  #silent = false;
  #catching: Promise<void> | null = null;
  #caughtUp: (() => void) | null = null;

  /** The answers of `count` requests about to be written, in their order. */
  expect(count: number): Promise<Answer>[] {
    return Array.from(
      { length: count },
      () => new Promise<Answer>((resolve, reject) => this.#waiting.push({ resolve, reject })),
    );
  }

  /** An answer read: the first request waiting, else one owed (late, dropped). */
  take(answer: Answer): void {
    this.#silent = false;
    const waiter = this.#waiting.shift();
    if (waiter) return waiter.resolve(answer);
    if (this.#owed > 0) this.#owed -= 1;
    if (this.#owed === 0) this.#caughtUp?.();
  }

  /**
   * No answer in time (`owe`: the device may still answer them) or the connection gone (not):
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
   * come then never will). At once when none is owed or the device stayed silent through the last.
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

/**
 * Answers paired with their requests by order only, for a device whose answers name no request:
 * the receipt printer's real-time status bytes (DLE EOT n) and the card printer's reply lines. A
 * request given up on (no answer in its time) may still be answered late: its answer is owed and,
 * before new requests go out, awaited and dropped (`catchUp`, the rule of `LateAnswers`), not read
 * as a later request's (a paper near-end read as a cover open, a card printer's "OK" read as its
 * state, for good).
 */
import type { KioskError } from '@kiosk/domain';
import { LateAnswers } from './late-answers.js';

interface Pending<Answer> {
  resolve(answer: Answer): void;
  reject(error: KioskError): void;
}

export class AnswersByOrder<Answer> {
  #waiting: Pending<Answer>[] = [];
  /** answers of requests given up on that the device may still send */
  readonly #late = new LateAnswers<Answer>();

  /** The answers of `count` requests about to be written, in their order. */
  expect(count: number): Promise<Answer>[] {
    return Array.from(
      { length: count },
      () => new Promise<Answer>((resolve, reject) => this.#waiting.push({ resolve, reject })),
    );
  }

  /** An answer read: the first request waiting, else one owed (late, dropped). */
  take(answer: Answer): void {
    this.#late.heard();
    const waiter = this.#waiting.shift();
    if (waiter) return waiter.resolve(answer);
    this.#late.late(answer);
  }

  /**
   * No answer in time (`owe`: the device may still answer them) or the connection gone (not):
   * every request waiting refused with `error`.
   */
  giveUp(error: KioskError, owe: boolean): void {
    const given = this.#waiting.splice(0);
    for (const waiter of given) waiter.reject(error);
    if (owe) this.#late.owe(undefined, given.length);
    else this.#late.forgive();
  }

  /** Before new requests are written: the answers owed awaited up to `waitMs` (`LateAnswers.catchUp`). */
  catchUp(waitMs: number): Promise<void> {
    return this.#late.catchUp(waitMs);
  }
}

/**
 * The late-answer rule of a device whose answers do not say which request they answer (or not
 * enough to tell one from the next of its kind), in one place: the ID card reader's and the PIN
 * pad's serial lines (`SerialAnswerLine`), the receipt printer's real-time status and the card
 * printer's reply lines (`AnswersByOrder`), the cash dispenser's STATUS. A request given up on (no
 * answer in its time) may still be answered late, and a late answer read as the next request's
 * would put every answer after it one place out: its answer is owed (`owe`), and before new
 * requests go out the answers owed are awaited and dropped (`catchUp`). A device silent through a
 * catch-up is not waited on again until it is heard (`heard`): silent, not slow.
 */
import { lineDeadline } from './line-deadline.js';

export class LateAnswers<Answer> {
  /** the answers owed, oldest first: each as the one it would be */
  #owed: ((answer: Answer) => boolean)[] = [];
  /** a catch-up waited in vain and nothing was heard since: the device is silent, not slow */
  #silent = false;
  #catching: Promise<void> | null = null;
  #caughtUp: (() => void) | null = null;

  /** `count` requests given up on whose answers (those `which` takes) the device may still send. */
  owe(which: (answer: Answer) => boolean = anyAnswer, count = 1): void {
    for (let i = 0; i < count; i += 1) this.#owed.push(which);
  }

  /** Nothing owed any more (the connection gone, a new one): a catch-up under way ends now. */
  forgive(): void {
    this.#owed = [];
    this.#caughtUp?.();
  }

  /** The device said something: it is slow at worst, not silent. */
  heard(): void {
    this.#silent = false;
  }

  /** An answer no request waits for: true when it is the oldest owed (late: drop it). */
  late(answer: Answer): boolean {
    if (!this.#owed[0]?.(answer)) return false;
    this.#owed.shift();
    if (this.#owed.length === 0) this.#caughtUp?.();
    return true;
  }

  /**
   * Before new requests are written: the answers owed awaited up to `waitMs` (those that do not
   * come then never will). At once when none is owed or the device stayed silent through the last.
   */
  catchUp(waitMs: number): Promise<void> {
    if (this.#silent) this.#owed = []; // asked while silent: not answered, or not told from new ones
    if (this.#owed.length === 0) return Promise.resolve();
    this.#catching ??= new Promise<void>((resolve) => {
      const end = () => {
        deadline.clear();
        this.#caughtUp = null;
        this.#catching = null;
        if (this.#owed.length > 0) this.#silent = true;
        this.#owed = [];
        resolve();
      };
      const deadline = lineDeadline(waitMs, end);
      this.#caughtUp = end;
    });
    return this.#catching;
  }
}

const anyAnswer = () => true;

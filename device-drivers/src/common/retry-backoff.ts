/**
 * The wait before the next try of something that keeps failing: `firstMs`, then twice as long each
 * time it fails again, never longer than `maxMs`. The backoff of ADR 0020, whose waits the daemon's
 * profile sets (`devices.reopen.firstIntervalMs`, `maxIntervalMs`).
 *
 * It starts over only once the thing has proved itself: `up()` marks it working again, and the
 * failure after it waits `firstMs` again only if it stayed up `provenMs` (by default the bound,
 * as long as the longest wait). A line or link that opens and drops at once (a cable half in, a
 * device rebooting in a loop) keeps the wait it had reached instead of being tried at the first
 * wait's rate forever.
 */
export class RetryBackoff {
  readonly maxMs: number;
  /** how long it must stay up before a failure waits `firstMs` again */
  readonly provenMs: number;
  #nextMs: number;
  /** when it came up again (`up`), until the next failure */
  #upSince: number | undefined;

  constructor(
    readonly firstMs: number,
    maxMs: number,
    provenMs?: number,
  ) {
    this.maxMs = Math.max(firstMs, maxMs); // a bound below the first wait would never be reached
    this.provenMs = provenMs ?? this.maxMs;
    this.#nextMs = firstMs;
  }

  /** It failed (again): the wait before this try; the one after it is twice as long, up to the bound. */
  next(now = Date.now()): number {
    if (this.#upSince !== undefined && now - this.#upSince >= this.provenMs) this.#nextMs = this.firstMs;
    this.#upSince = undefined;
    const wait = this.#nextMs;
    this.#nextMs = Math.min(wait * 2, this.maxMs);
    return wait;
  }

  /** It works again: if it stays up `provenMs`, its next failure waits `firstMs` again. */
  up(now = Date.now()): void {
    this.#upSince = now;
  }

  /** Start over now, whatever came before: the next failure waits `firstMs`. */
  reset(): void {
    this.#upSince = undefined;
    this.#nextMs = this.firstMs;
  }
}

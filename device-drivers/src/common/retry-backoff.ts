/**
 * The wait before the next try of something that keeps failing: `firstMs`, then twice as long each
 * time it fails again, never longer than `maxMs`; a success starts it over. The backoff of ADR 0020,
 * whose waits the daemon's profile sets (`devices.reopen.firstIntervalMs`, `maxIntervalMs`).
 */
export class RetryBackoff {
  readonly maxMs: number;
  #nextMs: number;

  constructor(
    readonly firstMs: number,
    maxMs: number,
  ) {
    this.maxMs = Math.max(firstMs, maxMs); // a bound below the first wait would never be reached
    this.#nextMs = firstMs;
  }

  /** The wait before this try; the one after it is twice as long, up to the bound. */
  next(): number {
    const wait = this.#nextMs;
    this.#nextMs = Math.min(wait * 2, this.maxMs);
    return wait;
  }

  /** It succeeded: the next failure waits `firstMs` again. */
  reset(): void {
    this.#nextMs = this.firstMs;
  }
}

/**
 * When a PC/SC link sets its context up again, and what it says of it (ADR 0020): after pcscd
 * went away or a set-up failed, the first try `reconnectIntervalMs` after, then twice as long each
 * time it fails again, up to `maxReconnectIntervalMs`; a context that held that long starts it over
 * (one lost at once after its set-up, pcscd restarting in a loop, keeps backing off). The link keeps
 * the context's life cycle and says its outages (`PcscOutageLog`); it runs one set-up at a time
 * and ends the one under way when it stops.
 */
import { DEFAULT_DEVICE_REOPEN_MAX_MS } from '@kiosk/domain';
import { RetryBackoff } from '../common/retry-backoff.js';

export interface PcscContextRetryOptions {
  /** the first wait before a new context (default 1000 ms) */
  readonly reconnectIntervalMs?: number;
  /** the bound of those waits (default the domain's 60 s) */
  readonly maxReconnectIntervalMs?: number;
}

export class PcscContextRetry {
  #timer: NodeJS.Timeout | undefined;
  /** the set-up under way (the binding asking pcscd first, `askingPcscdFirst`) */
  #current: { readonly abort: AbortController; readonly done: Promise<void> } | undefined;
  /** the wait before the next set-up, doubling while they fail */
  readonly #backoff: RetryBackoff;

  constructor(options: PcscContextRetryOptions) {
    const { reconnectIntervalMs: first = 1000, maxReconnectIntervalMs: max = DEFAULT_DEVICE_REOPEN_MAX_MS } =
      options;
    this.#backoff = new RetryBackoff(first, max);
  }

  /** How long a context must hold before a failure waits the first wait again (the bound). */
  get provenMs(): number {
    return this.#backoff.provenMs;
  }

  /** What the log says of the tries to come. */
  get waits(): string {
    return `retrying after ${this.#backoff.firstMs} ms, backing off to ${this.#backoff.maxMs} ms`;
  }

  /** `establish` after the next wait of the backoff (the one before it dropped). */
  schedule(establish: () => void): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(establish, this.#backoff.next());
    this.#timer.unref();
  }

  /** A context was set up: the next failure waits the first wait again if it held for the bound. */
  succeeded(): void {
    this.#backoff.up();
  }

  /** Runs `setUp` unless one runs already (then answers that one's end): one set-up at a time. */
  attempt(setUp: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (!this.#current) {
      const abort = new AbortController();
      const done = setUp(abort.signal).finally(() => (this.#current = undefined));
      this.#current = { abort, done };
    }
    return this.#current.done;
  }

  /** The link is closed: no more tries, one under way aborted; resolves once it has ended. */
  stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#current?.abort.abort(new Error('the PC/SC link is closed'));
    return this.#current?.done ?? Promise.resolve();
  }
}

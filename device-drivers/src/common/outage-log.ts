/**
 * What the log says of a link that is down and tried again (the fleet broker, a device's line): the
 * outage once as it starts, with its code; while it lasts at most once every `remindEveryMs` (default
 * an hour), with how long and how many tries; once as it ends, with how long it was down. A fleet
 * broker away for days is not one warning a minute in the kiosk's log, and the engineer who reads
 * it still sees when the outage began, that it went on, and when it was over.
 */
export interface OutageLogOptions {
  /** what is down, as the log names it ("fleet broker") */
  readonly what: string;
  readonly warn: (message: string) => void;
  readonly info: (message: string) => void;
  /** the least time between two lines while the outage lasts (default one hour) */
  readonly remindEveryMs?: number;
  readonly now?: () => number;
}

/** "2 h 5 min", "3 min 12 s", "800 ms": the length of an outage for a person. */
export function outageLength(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.floor(ms / 1_000);
  const [d, h, m] = [Math.floor(s / 86_400), Math.floor(s / 3_600) % 24, Math.floor(s / 60) % 60];
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

export class OutageLog {
  readonly #options: OutageLogOptions;
  readonly #remindEveryMs: number;
  readonly #now: () => number;
  /** when the outage began; undefined while up */
  #since: number | undefined;
  #saidAt = 0;
  #tries = 0;

  constructor(options: OutageLogOptions) {
    this.#options = options;
    this.#remindEveryMs = options.remindEveryMs ?? 3_600_000;
    this.#now = options.now ?? Date.now;
  }

  get down(): boolean {
    return this.#since !== undefined;
  }

  /** A try failed (or the link went): said as the outage starts, then at most once a `remindEveryMs`. */
  failed(code: string, detail = ''): void {
    const now = this.#now();
    const tail = detail ? `; ${detail}` : '';
    this.#tries += 1;
    if (this.#since === undefined) {
      this.#since = now;
      this.#saidAt = now;
      this.#tries = 1;
      this.#options.warn(`${this.#options.what} unreachable (${code})${tail}`);
      return;
    }
    if (now - this.#saidAt < this.#remindEveryMs) return;
    this.#saidAt = now;
    const long = outageLength(now - this.#since);
    this.#options.warn(
      `${this.#options.what} still unreachable (${code}) for ${long}, ${this.#tries} failed tries${tail}`,
    );
  }

  /** It answers again: said once, with how long it was down; nothing when it was not. */
  back(): void {
    if (this.#since === undefined) return;
    const long = outageLength(this.#now() - this.#since);
    this.#options.info(
      `${this.#options.what} reachable again after ${long} down (${this.#tries} failed tries)`,
    );
    this.#since = undefined;
    this.#tries = 0;
  }
}

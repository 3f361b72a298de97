/**
 * The card printer's idle status poll: the status read every `everyMs` while idle, so supply and
 * fault changes reach listeners and a printer that stops answering while idle reads offline with
 * the code, not its last status. A read still waiting for its deadline is not joined by more (nor
 * the bezel's reads held up behind them); none starts while a card job or a supply act holds the
 * printer, and an act waits out a read already under way (`reading`) before its first frame.
 * Started again when the line is opened again after a lost connection (ADR 0020): one poll, not
 * one more per open.
 */
export interface StatusPollHooks {
  /** an act holds the printer: no read starts now */
  readonly held: () => boolean;
  /** the line is up (none is read over a line that is not) */
  readonly connected: () => boolean;
  /** reads the status; a failure is the driver's to tell (this never rejects) */
  readonly read: () => Promise<void>;
}

export class EvolisStatusPoll {
  #timer: NodeJS.Timeout | null = null;
  /** the read under way */
  #reading: Promise<void> | null = null;

  constructor(private readonly hooks: StatusPollHooks) {}

  /** The read under way, which an act waits out before its first frame (null: none). */
  get reading(): Promise<void> | null {
    return this.#reading;
  }

  /** Polls every `everyMs` (0: never), the poll before stopped. */
  start(everyMs: number): void {
    if (this.#timer) clearInterval(this.#timer);
    if (everyMs <= 0) return;
    this.#timer = setInterval(() => {
      if (this.hooks.held() || !this.hooks.connected() || this.#reading) return;
      this.#reading = this.hooks.read().finally(() => (this.#reading = null));
    }, everyMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

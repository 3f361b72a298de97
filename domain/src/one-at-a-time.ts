/**
 * Work that must not overlap under one key (a journal store's counters records, one QR fee order's
 * settlement, one kiosk's messages): each run of a key starts once every run of that key handed in
 * before it has ended, in the order they were handed in; runs of other keys go on side by side.
 *
 * - A run that throws (or rejects) fails its own caller only: the key's next run runs as usual.
 * - A key is forgotten once its last run has ended, so a long-lived queue keyed by serial or order
 *   holds only the keys busy now, never every key it has seen.
 * - A run starts on a later tick, never inside `run` itself, even when its key is idle.
 */
const ended = (): void => undefined;

export class OneAtATime<K> {
  /** per busy key: its last run handed in, settled (resolves when it has ended, never rejects) */
  readonly #last = new Map<K, Promise<void>>();

  /** Runs `work` in its key's turn; resolves or rejects as `work` does. */
  run<T>(key: K, work: () => T | PromiseLike<T>): Promise<T> {
    const turn = (this.#last.get(key) ?? Promise.resolve()).then(() => work());
    const last = turn.then(ended, ended);
    this.#last.set(key, last);
    void last.then(() => {
      if (this.#last.get(key) === last) this.#last.delete(key);
    });
    return turn;
  }

  /** True while a run of `key` runs or waits its turn. */
  busy(key: K): boolean {
    return this.#last.has(key);
  }

  /** How many keys have a run running or waiting (the keys kept). */
  get size(): number {
    return this.#last.size;
  }

  /**
   * Resolves once the runs handed in so far have ended: those of `key`, or of every key when none
   * is given (runs handed in later are not waited for). Never rejects.
   */
  async settled(key?: K): Promise<void> {
    if (key !== undefined) return this.#last.get(key);
    await Promise.all(this.#last.values());
  }
}

/** One line of work (a serial port, a card, a connection): `OneAtATime` of a single key. */
export class OneLine {
  readonly #runs = new OneAtATime<'line'>();

  /** Runs `work` once every run handed in before it has ended; resolves or rejects as `work` does. */
  run<T>(work: () => T | PromiseLike<T>): Promise<T> {
    return this.#runs.run('line', work);
  }

  /** True while a run runs or waits its turn. */
  get busy(): boolean {
    return this.#runs.busy('line');
  }

  /** Resolves once the runs handed in so far have ended. Never rejects. */
  settled(): Promise<void> {
    return this.#runs.settled('line');
  }
}

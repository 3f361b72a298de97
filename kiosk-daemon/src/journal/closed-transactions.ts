/** How many closed transactions are remembered: a late act ends within minutes of its close. */
const REMEMBERED = 1000;

/**
 * The transactions this daemon closed or found closed in the store since it started (the latest
 * `REMEMBERED`; an older one is read from the store again). A write into one of them is late: an
 * act that outlived its journey (a dispense answered after the session moved on, a retry in the
 * background). It is still written to THAT transaction (what happened to money or a card is never
 * lost, nor moved into another transaction), written at once (no next write of a closed
 * transaction will carry it) and logged as late (`late-writes.ts`).
 */
export class ClosedTransactions {
  readonly #closed = new Set<string>();

  /** Remembers `transactionId` as closed; returns the oldest one it forgot to stay in bound. */
  closed(transactionId: string): string | undefined {
    this.#closed.delete(transactionId);
    this.#closed.add(transactionId);
    if (this.#closed.size <= REMEMBERED) return undefined;
    const oldest = this.#closed.values().next().value;
    if (oldest !== undefined) this.#closed.delete(oldest);
    return oldest;
  }

  has(transactionId: string): boolean {
    return this.#closed.has(transactionId);
  }
}

import { Logger } from '@nestjs/common';

/** How many closed transactions are remembered: a late act ends within minutes of its close. */
const REMEMBERED = 1000;

/**
 * The transactions this daemon closed since it started (the latest `REMEMBERED`). A step journaled
 * into one of them after its close is late: an act that outlived its journey (a dispense answered
 * after the session moved on, a retry in the background). It is still written to THAT transaction
 * (what happened to money or a card is never lost, nor moved into another transaction), written
 * at once (no next write of a closed transaction will carry it) and logged as late.
 */
export class ClosedTransactions {
  readonly #closed = new Set<string>();
  readonly #log = new Logger('Journal');

  closed(transactionId: string): void {
    this.#closed.delete(transactionId);
    this.#closed.add(transactionId);
    if (this.#closed.size > REMEMBERED) {
      const oldest = this.#closed.values().next().value;
      if (oldest !== undefined) this.#closed.delete(oldest);
    }
  }

  /** True when `transactionId` was closed: the write is logged as late (step and phase, no detail). */
  late(transactionId: string, what: string): boolean {
    if (!this.#closed.has(transactionId)) return false;
    this.#log.warn(`${transactionId}: ${what} journaled late, after the transaction closed`);
    return true;
  }
}

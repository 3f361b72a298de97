import { ClosedTransactions } from './closed-transactions.js';
import type { DataSource } from './typeorm-runtime.js';

/** A transaction as the journal knows it: `absent` when the store holds no such transaction. */
export type TransactionState = 'open' | 'closed' | 'absent';

interface StoredTransaction {
  readonly status: string | null;
  readonly last: number | string | null;
}

/**
 * What the journal knows in memory of the transactions it writes: each one's last step number
 * (counted here, the daemon being the journal's only writer), and whether it is open or closed.
 * A transaction this run opened is known from its open on: its steps are one insert each, no read
 * before. One this run did not open (recovery after a restart, a background act on a transaction
 * closed in an earlier run, one closed so long ago it is no longer remembered) is read once from
 * the store: its status and last step number in one query, shared by who waits for it.
 */
export class KnownTransactions {
  readonly #lastSeq = new Map<string, number>();
  /** open as far as this run knows: opened here, or read open */
  readonly #open = new Set<string>();
  /** a close being written: what comes now is written at once, not held for a next write */
  readonly #closing = new Set<string>();
  readonly #closed = new ClosedTransactions();
  readonly #reads = new Map<string, Promise<TransactionState>>();
  readonly #sql: string;

  constructor(private readonly db: DataSource) {
    const [a, b] = db.options.type === 'postgres' ? ['$1', '$2'] : ['?', '?'];
    this.#sql = `SELECT (SELECT "status" FROM "journal_transaction" WHERE "id" = ${a}) AS "status", (SELECT COALESCE(MAX("seq"), 0) FROM "journal_step" WHERE "transactionId" = ${b}) AS "last"`;
  }

  /** A transaction opened by this daemon: its steps are counted from 1. */
  opened(transactionId: string): void {
    this.#lastSeq.set(transactionId, 0);
    this.#open.add(transactionId);
  }

  /** Its close is being written: from now on nothing of it waits for a next write. */
  closing(transactionId: string): void {
    this.#open.delete(transactionId);
    this.#closing.add(transactionId);
  }

  /** Its close is written: a write into it from now on is late. */
  closed(transactionId: string): void {
    this.#closing.delete(transactionId);
    this.#open.delete(transactionId);
    this.#lastSeq.delete(transactionId);
    this.remembersClosed(transactionId);
  }

  /**
   * A closed transaction is remembered with its last step number (a late write numbers its step
   * without a read) within the closed ones' bound: one forgotten is read from the store again.
   */
  private remembersClosed(transactionId: string): void {
    const forgotten = this.#closed.closed(transactionId);
    if (forgotten !== undefined) this.#lastSeq.delete(forgotten);
  }

  /** Its close was not written: it is open as before. */
  closeFailed(transactionId: string): void {
    this.#closing.delete(transactionId);
    this.#open.add(transactionId);
  }

  /**
   * The state known in memory (a close under way counts as closed); undefined when this run does
   * not know it: `read` it.
   */
  stateOf(transactionId: string): TransactionState | undefined {
    if (this.#open.has(transactionId)) return 'open';
    if (this.#closing.has(transactionId) || this.#closed.has(transactionId)) return 'closed';
    return undefined;
  }

  /**
   * The transaction's next step number, taken before its write: two steps journaled at the same
   * moment (a background retry beside the session) get two numbers, in call order. Not known in
   * memory (after a restart), it is read once with the transaction's state; callers meanwhile
   * wait on that one read. A write that fails leaves its number unused.
   */
  async nextSeq(transactionId: string): Promise<number> {
    const known = this.#lastSeq.get(transactionId);
    if (known !== undefined) {
      this.#lastSeq.set(transactionId, known + 1);
      return known + 1;
    }
    await this.read(transactionId);
    return this.nextSeq(transactionId);
  }

  /**
   * Reads the transaction's status and last step number from the store, once for all who ask now
   * (only for one `stateOf` does not know).
   */
  read(transactionId: string): Promise<TransactionState> {
    let reading = this.#reads.get(transactionId);
    if (reading === undefined) {
      const done = () => this.#reads.delete(transactionId);
      reading = this.db
        .query<StoredTransaction[]>(this.#sql, [transactionId, transactionId])
        .then((rows) => this.learn(transactionId, rows[0]))
        .finally(done);
      this.#reads.set(transactionId, reading);
    }
    return reading;
  }

  private learn(transactionId: string, row: StoredTransaction | undefined): TransactionState {
    if (!this.#lastSeq.has(transactionId)) this.#lastSeq.set(transactionId, Number(row?.last ?? 0));
    // what this run learned meanwhile (a close written while the read ran) wins over the read
    const now = this.stateOf(transactionId);
    if (now !== undefined) return now;
    if (row?.status === 'open') {
      this.#open.add(transactionId);
      return 'open';
    }
    if (row?.status === 'closed') {
      this.remembersClosed(transactionId);
      return 'closed';
    }
    return 'absent';
  }
}

import { JournalStep } from './journal-step.entity.js';
import type { DataSource } from './typeorm-runtime.js';

/**
 * What the journal knows in memory of the transactions it writes: each one's last step number
 * (counted here, the daemon being the journal's only writer; read once from the store for a
 * transaction this run did not open), so a step is one insert with no read before it.
 */
export class KnownTransactions {
  readonly #lastSeq = new Map<string, number>();
  /** a transaction's last step number being read from the store, shared by who waits for it */
  readonly #seqReads = new Map<string, Promise<void>>();

  constructor(private readonly db: DataSource) {}

  /** A transaction opened by this daemon: its steps are counted from 1. */
  opened(transactionId: string): void {
    this.#lastSeq.set(transactionId, 0);
  }

  /** A transaction closed: its count is dropped (a late step reads it again). */
  closed(transactionId: string): void {
    this.#lastSeq.delete(transactionId);
  }

  /**
   * The transaction's next step number, taken before its write: two steps journaled at the same
   * moment (a background retry beside the session) get two numbers, in call order. Not known in
   * memory (after a restart), it is read once; callers meanwhile wait on that one read. A write
   * that fails leaves its number unused.
   */
  async nextSeq(transactionId: string): Promise<number> {
    const known = this.#lastSeq.get(transactionId);
    if (known !== undefined) {
      this.#lastSeq.set(transactionId, known + 1);
      return known + 1;
    }
    let reading = this.#seqReads.get(transactionId);
    if (reading === undefined) {
      reading = this.lastStepOf(transactionId).then(
        (last) => {
          this.#seqReads.delete(transactionId);
          if (!this.#lastSeq.has(transactionId)) this.#lastSeq.set(transactionId, last);
        },
        (e: unknown) => {
          this.#seqReads.delete(transactionId);
          throw e;
        },
      );
      this.#seqReads.set(transactionId, reading);
    }
    await reading;
    return this.nextSeq(transactionId);
  }

  private async lastStepOf(transactionId: string): Promise<number> {
    const row = await this.db
      .createQueryBuilder(JournalStep, 's')
      .select('COALESCE(MAX(s.seq), 0)', 'last')
      .where('s.transactionId = :transactionId', { transactionId })
      .getRawOne<{ last: number }>();
    return Number(row?.last ?? 0);
  }
}

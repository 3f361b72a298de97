/**
 * What the SQLite and PostgreSQL fleet stores share: one `transaction` (begin, run the work against
 * a store bound to the transaction, commit; roll back on failure and throw, or run it again when the
 * driver says the failure is worth another try), over the three steps each driver supplies in
 * `begin`. The queries stay in each store, in its own SQL.
 */
import type { FleetStore } from './fleet-store.js';

/** One open transaction, as a driver begins it. */
export interface OpenTransaction {
  /** the store whose every call runs inside this transaction */
  readonly store: FleetStore;
  commit(): Promise<void> | void;
  /** undoes what the transaction did, if it is still open */
  rollback(): Promise<void> | void;
  /** gives back what `begin` took (a pooled connection), after commit or rollback */
  release?(): Promise<void> | void;
}

export abstract class SqlFleetStore {
  /** how often a transaction is run when it fails with a retryable error */
  protected readonly transactionAttempts: number = 1;

  /** Starts a transaction, or answers undefined when this store is inside one already (the work joins it). */
  protected abstract begin(): Promise<OpenTransaction | undefined> | OpenTransaction | undefined;

  /** true when the failed transaction may simply be run again (a deadlock lost to another writer) */
  protected retryable(_error: unknown): boolean {
    return false;
  }

  /**
   * Runs `work` in one transaction against the store it is given (use only that one inside);
   * committed when it resolves, rolled back when it rejects.
   */
  async transaction<T>(work: (store: FleetStore) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      // SQLite begins at once: its work follows in the same tick, as the store promises
      const begun = this.begin();
      const open = begun instanceof Promise ? await begun : begun;
      if (!open) return work(this as unknown as FleetStore);
      try {
        const result = await work(open.store);
        await open.commit();
        return result;
      } catch (error) {
        await open.rollback();
        if (attempt >= this.transactionAttempts || !this.retryable(error)) throw error;
      } finally {
        await open.release?.();
      }
    }
  }
}

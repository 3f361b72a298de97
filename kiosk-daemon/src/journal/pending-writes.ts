import { tellWritten, type JournalStatements, type Statement } from './journal-statements.js';

export type { Statement } from './journal-statements.js';

/**
 * Journal writes that wait for the next write of their transaction, to be committed with it: one
 * database transaction, one WAL sync for all (`WriteOptions.withNextWrite`). What waits is lost
 * if the kiosk dies before that next write, as an unwritten step is.
 */
export class PendingWrites {
  readonly #waiting = new Map<string, Statement[]>();

  constructor(private readonly statements: JournalStatements) {}

  defer(transactionId: string, statement: Statement): void {
    const queued = this.#waiting.get(transactionId);
    if (queued) queued.push(statement);
    else this.#waiting.set(transactionId, [statement]);
  }

  /** Transactions with writes waiting. */
  transactions(): string[] {
    return [...this.#waiting.keys()];
  }

  /**
   * Commits what waits for `transactionId`, then `statement`, together; one statement alone runs
   * as before, without a BEGIN around it. On failure nothing is written and what waited waits on.
   * On SQLite the work is done (or has thrown) when this returns `undefined`.
   */
  commit(transactionId: string, statement: Statement | undefined): Promise<void> | undefined {
    const queued = this.#waiting.get(transactionId);
    if (queued === undefined) {
      // the hot path: nothing waits, the statement is its own commit
      if (statement === undefined) return undefined;
      const done = this.statements.run(statement);
      if (done === undefined) {
        tellWritten([statement]);
        return undefined;
      }
      return done.then(() => tellWritten([statement]));
    }
    this.#waiting.delete(transactionId);
    const all = statement ? [...queued, statement] : queued;
    const waitOn = (e: unknown): never => {
      this.#waiting.set(transactionId, [...queued, ...(this.#waiting.get(transactionId) ?? [])]);
      throw e;
    };
    const written = (): void => tellWritten(all);
    let done: Promise<unknown> | undefined;
    try {
      done = all.length === 1 ? this.statements.run(all[0]!) : this.statements.together(all);
    } catch (e) {
      return waitOn(e);
    }
    if (done === undefined) {
      written();
      return undefined;
    }
    return done.then(written, waitOn);
  }
}

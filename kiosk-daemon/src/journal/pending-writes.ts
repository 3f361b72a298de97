import type { DataSource } from './typeorm-runtime.js';

/** One statement of the journal, in the placeholders of the driver. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** called once the statement is on disk (the kill harness's `after:` point of a step) */
  readonly written?: () => void;
}

/** The better-sqlite3 connection under TypeORM: statements run on it synchronously. */
interface SqliteConnection {
  transaction(fn: () => void): () => void;
  prepare(sql: string): PreparedStatement;
}

interface PreparedStatement {
  run(...params: unknown[]): unknown;
}

/**
 * Journal writes that wait for the next write of their transaction, to be committed with it: one
 * database transaction, one WAL sync for all (`WriteOptions.withNextWrite`). What waits is lost
 * if the kiosk dies before that next write, as an unwritten step is.
 */
export class PendingWrites {
  readonly #waiting = new Map<string, Statement[]>();
  /** statements prepared on the SQLite connection, for writes committed together */
  readonly #prepared = new Map<string, PreparedStatement>();

  constructor(private readonly db: DataSource) {}

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
   */
  async commit(
    transactionId: string,
    statement: Statement | undefined,
    guard: (work: () => Promise<unknown>) => Promise<unknown>,
  ): Promise<void> {
    const queued = this.#waiting.get(transactionId) ?? [];
    this.#waiting.delete(transactionId);
    const statements = statement ? [...queued, statement] : queued;
    try {
      if (statements.length === 1) {
        const [only] = statements as [Statement];
        await guard(() => this.db.query(only.sql, [...only.params]));
      } else if (statements.length > 1) await guard(() => this.together(statements));
    } catch (e) {
      if (queued.length > 0) {
        this.#waiting.set(transactionId, [...queued, ...(this.#waiting.get(transactionId) ?? [])]);
      }
      throw e;
    }
    for (const s of statements) s.written?.();
  }

  /**
   * Statements in one database transaction. On SQLite they run synchronously on the connection:
   * TypeORM shares one query runner there, so an awaited BEGIN … COMMIT would take in other
   * writes made meanwhile. On PostgreSQL, a transaction on a connection of its own.
   */
  private async together(statements: readonly Statement[]): Promise<void> {
    if (this.db.options.type === 'better-sqlite3') {
      const sqlite = (this.db.driver as unknown as { databaseConnection: SqliteConnection })
        .databaseConnection;
      const prepared = (sql: string): PreparedStatement => {
        let p = this.#prepared.get(sql);
        if (!p) this.#prepared.set(sql, (p = sqlite.prepare(sql)));
        return p;
      };
      sqlite.transaction(() => {
        for (const s of statements) prepared(s.sql).run(...s.params);
      })();
      return;
    }
    await this.db.transaction(async (m) => {
      for (const s of statements) await m.query(s.sql, [...s.params]);
    });
  }
}

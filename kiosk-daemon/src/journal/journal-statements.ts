import type { DataSource } from './typeorm-runtime.js';

/** One statement of the journal, in the placeholders of the driver. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** called once the statement is on disk (the kill harness's `after:` point of a step) */
  readonly written?: () => void;
}

/**
 * What a statement's `written` hook threw, the statement on disk: no write the store refused, so
 * the journal's writes pass `cause` on as it is, never as JOURNAL_WRITE_FAILED (the kill
 * harness's power cut, taken in-process, reaches the caller as the power cut it is).
 */
export class ThrownOnceWritten extends Error {
  constructor(cause: unknown) {
    super('thrown once written', { cause });
  }
}

/** Runs the `written` hooks of `statements`, written: what one throws goes as ThrownOnceWritten. */
export function tellWritten(statements: readonly Statement[]): void {
  try {
    for (const s of statements) s.written?.();
  } catch (e) {
    throw new ThrownOnceWritten(e);
  }
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
 * Runs the journal's writes. On SQLite each statement is prepared once on the better-sqlite3
 * connection TypeORM opened (with its WAL and synchronous FULL) and run synchronously: a statement
 * alone is one autocommit, one WAL sync, as through `DataSource.query`, without TypeORM's
 * per-query work around it (query runner, broadcaster, logger, several awaits; see
 * bench/RESULTS.md, journal commits). Statements together run in one better-sqlite3 transaction:
 * TypeORM shares one query runner on SQLite, so an awaited BEGIN … COMMIT would take in other
 * writes made meanwhile. On PostgreSQL a statement goes through TypeORM's pool, statements
 * together in a transaction on a connection of their own.
 *
 * The SQLite methods return `undefined` when the work is done and throw when it failed; the
 * PostgreSQL ones return the promise of it.
 */
export class JournalStatements {
  readonly #db: DataSource;
  readonly #sqlite: boolean;
  /** the connection the statements were prepared on; TypeORM opens a new one if re-initialised */
  #connection: SqliteConnection | undefined;
  readonly #prepared = new Map<string, PreparedStatement>();

  constructor(db: DataSource) {
    this.#db = db;
    this.#sqlite = db.options.type === 'better-sqlite3';
  }

  /** One statement, committed alone. */
  run(statement: Statement): Promise<unknown> | undefined {
    if (!this.#sqlite) return this.#db.query(statement.sql, [...statement.params]);
    this.#prepare(statement.sql).run(...statement.params);
    return undefined;
  }

  /** Statements committed together, or none of them. */
  together(statements: readonly Statement[]): Promise<unknown> | undefined {
    if (!this.#sqlite) {
      return this.#db.transaction(async (m) => {
        for (const s of statements) await m.query(s.sql, [...s.params]);
      });
    }
    const connection = this.#connectionNow();
    const prepared = statements.map((s) => this.#prepare(s.sql));
    connection.transaction(() => {
      for (let i = 0; i < statements.length; i += 1) prepared[i]!.run(...statements[i]!.params);
    })();
    return undefined;
  }

  #prepare(sql: string): PreparedStatement {
    const connection = this.#connectionNow();
    let statement = this.#prepared.get(sql);
    if (statement === undefined) {
      statement = connection.prepare(sql);
      this.#prepared.set(sql, statement);
    }
    return statement;
  }

  #connectionNow(): SqliteConnection {
    const connection = (this.#db.driver as unknown as { databaseConnection: SqliteConnection | undefined })
      .databaseConnection;
    if (connection === undefined) throw new Error('the journal is not open');
    if (connection !== this.#connection) {
      this.#prepared.clear();
      this.#connection = connection;
    }
    return connection;
  }
}

/** What specs of the journal's reads share: every query its database runs, as TypeORM's logger hears it. */
import { afterEach } from '@jest/globals';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { JournalService } from './journal.service.js';
import { openMemoryJournal } from './memory-journal.spec-support.js';
import type { DataSource } from './typeorm-runtime.js';

export interface Query {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** A TypeORM logger that pushes every query run (with its parameters) onto `queries`. */
export function countingLogger(queries: Query[]): TypeOrmLogger {
  return {
    logQuery: (sql, parameters) =>
      void queries.push({ sql, parameters: Array.isArray(parameters) ? parameters : [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
}

/**
 * Opens real journals (SQLite in memory, migrated as at boot) whose every query is pushed onto the
 * `queries` given; each is destroyed after its test. Called at a spec file's top level.
 */
export function journalsHeard(): (queries: Query[]) => Promise<{ db: DataSource; journal: JournalService }> {
  const open: DataSource[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.destroy();
  });
  return async (queries) => {
    const opened = await openMemoryJournal(30, { logger: countingLogger(queries) });
    open.push(opened.db);
    return opened;
  };
}

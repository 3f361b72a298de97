import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { InitialJournal1700000000000 } from './1700000000000-initial-journal.migration.js';
import { JournalStep } from './journal-step.entity.js';
import { JournalTransaction } from './journal-transaction.entity.js';

export const JOURNAL_ENTITIES = [JournalTransaction, JournalStep];

/**
 * The journal's SQLite file: WAL so readers never block the writer, synchronous FULL so a
 * committed step survives a power cut, migrations run at boot.
 */
export function sqliteJournalOptions(path: string): DataSourceOptions {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: path,
    entities: JOURNAL_ENTITIES,
    migrations: [InitialJournal1700000000000],
    migrationsRun: true,
    synchronize: false,
    enableWAL: true,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
    },
  };
}

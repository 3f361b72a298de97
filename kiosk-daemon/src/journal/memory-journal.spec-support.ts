/**
 * What the recovery and journey specs share: the real journal of kiosk JZ-0001 in an in-memory
 * SQLite database (or a file, where a spec starts the kiosk again on it), migrated and started as
 * the daemon starts it. The spec destroys `db` at its end.
 */
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { DataSource } from './typeorm-runtime.js';
import { sqliteJournalOptions } from './journal.data-source.js';
import { JournalService } from './journal.service.js';

/** The journal's database alone (in memory, migrated), for the specs of what writes to it beside the journal. */
export async function openMemoryJournalDb(logger?: TypeOrmLogger): Promise<DataSource> {
  const db = new DataSource({ ...sqliteJournalOptions(':memory:'), ...(logger && { logger }) });
  await db.initialize();
  return db;
}

export async function openMemoryJournal(
  retentionDays = 30,
  /**
   * `crashAt`: the kill harness's point (the spec takes its process.kill); `keyFile`: the sealing
   * key kept in a file, for a journal opened again on the same database (a restart); `logger`:
   * hears every query the database runs (`query-log.spec-support.ts`)
   */
  more: { readonly crashAt?: string; readonly keyFile?: string; readonly logger?: TypeOrmLogger } = {},
): Promise<{ db: DataSource; journal: JournalService }> {
  const { logger, ...journalConfig } = more;
  const db = await openMemoryJournalDb(logger);
  const journal = new JournalService(db, {
    kiosk: { id: 'JZ-0001' },
    journal: { retentionDays, ...journalConfig },
  } as KioskConfig);
  await journal.onModuleInit();
  return { db, journal };
}

/** The journal in `journal.sqlite` in `dir` (the kiosk's folder, kept across the spec's restarts). */
export async function openJournalInFolder(dir: string): Promise<{ db: DataSource; journal: JournalService }> {
  const db = new DataSource(sqliteJournalOptions(join(dir, 'journal.sqlite')));
  await db.initialize();
  const journal = new JournalService(db, {
    kiosk: { id: 'JZ-0001' },
    journal: { retentionDays: 30 },
  } as KioskConfig);
  await journal.onModuleInit();
  return { db, journal };
}

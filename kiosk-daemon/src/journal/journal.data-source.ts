import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JournalConfig } from '@kiosk/config';
import type { DataSourceOptions } from 'typeorm';
import { DeviceCountersRecord } from './device-counters.entity.js';
import { JournalPersonalData } from './journal-personal-data.entity.js';
import { JournalStep } from './journal-step.entity.js';
import { JournalTransaction } from './journal-transaction.entity.js';
import { InitialJournalPostgres1700000000000 } from './migrations/postgres/1700000000000-initial-journal.migration.js';
import { DeviceCountersPostgres1764150000000 } from './migrations/postgres/1764150000000-device-counters.migration.js';
import { SealedPersonalDataPostgres1764150001000 } from './migrations/postgres/1764150001000-sealed-personal-data.migration.js';
import { InitialJournal1700000000000 } from './migrations/sqlite/1700000000000-initial-journal.migration.js';
import { DeviceCounters1764150000000 } from './migrations/sqlite/1764150000000-device-counters.migration.js';
import { SealedPersonalData1764150001000 } from './migrations/sqlite/1764150001000-sealed-personal-data.migration.js';
import { MaintenanceSupplyRecord } from './maintenance-supply.entity.js';
import { MaintenanceSupply1764230000000 } from './migrations/sqlite/1764230000000-maintenance-supply.migration.js';
import { MaintenanceSupplyPostgres1764230000000 } from './migrations/postgres/1764230000000-maintenance-supply.migration.js';
import { StepNameIndex1764300000000 } from './migrations/sqlite/1764300000000-step-name-index.migration.js';
import { StepNameIndexPostgres1764300000000 } from './migrations/postgres/1764300000000-step-name-index.migration.js';

export const JOURNAL_ENTITIES = [
  JournalTransaction,
  JournalStep,
  DeviceCountersRecord,
  JournalPersonalData,
  MaintenanceSupplyRecord,
];

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
    migrations: [
      InitialJournal1700000000000,
      DeviceCounters1764150000000,
      SealedPersonalData1764150001000,
      MaintenanceSupply1764230000000,
      StepNameIndex1764300000000,
    ],
    migrationsRun: true,
    synchronize: false,
    enableWAL: true,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
    },
  };
}

/**
 * The journal on PostgreSQL: the same entities, their own migrations, run at boot. Commits are
 * durable with the server's defaults (synchronous_commit on); a small pool, the daemon being the
 * only writer.
 */
export function postgresJournalOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: JOURNAL_ENTITIES,
    migrations: [
      InitialJournalPostgres1700000000000,
      DeviceCountersPostgres1764150000000,
      SealedPersonalDataPostgres1764150001000,
      MaintenanceSupplyPostgres1764230000000,
      StepNameIndexPostgres1764300000000,
    ],
    migrationsRun: true,
    synchronize: false,
    extra: { max: 4, connectionTimeoutMillis: 5000 },
  };
}

/**
 * Loads the TypeORM driver of a journal on PostgreSQL; call it before making the data source. It
 * changes nothing as tsc writes the daemon (TypeORM's factory requires its drivers itself); the
 * bundle keeps the driver (some 140 kB) out of the boot chunk, in a lazy chunk loaded here, so that
 * a SQLite journal's start does not compile it (kiosk-daemon/scripts/build-bundle.mjs).
 */
export async function loadJournalDriver(journal: JournalConfig): Promise<void> {
  if (journal.driver === 'postgres') await import('typeorm/driver/postgres/PostgresDriver.js');
}

/** The data source the configuration asks for. */
export function journalDataSourceOptions(journal: JournalConfig): DataSourceOptions {
  if (journal.driver === 'postgres') {
    // the schema refuses driver postgres without a url; this is the type's proof of it
    if (journal.url === undefined) throw new Error('journal.url is required with journal.driver postgres');
    return postgresJournalOptions(journal.url);
  }
  return sqliteJournalOptions(journal.path);
}

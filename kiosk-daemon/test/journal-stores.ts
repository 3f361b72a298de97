/**
 * The journal's two stores for specs that must pass on both: SQLite files in a temp folder, and
 * PostgreSQL (a fresh database per call on the server named by KIOSK_TEST_POSTGRES_URL). With
 * CI=true a missing server fails the suite; on a workstation without the variable the PostgreSQL
 * half is left out with a warning.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { postgresJournalOptions, sqliteJournalOptions } from '../src/journal/journal.data-source.js';
import { TEST_PG_WAIT_MS } from '@kiosk/domain/testing';

export interface JournalStore {
  /** options for a journal that starts empty (migrations run when it is initialised) */
  fresh(): Promise<DataSourceOptions>;
  close(): Promise<void>;
}

function sqliteStore(): JournalStore {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-journal-store-'));
  let n = 0;
  return {
    fresh: () => Promise.resolve(sqliteJournalOptions(join(dir, `journal-${++n}.sqlite`))),
    close: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

function postgresStore(url: string): JournalStore {
  const admin = new DataSource({
    type: 'postgres',
    url,
    extra: { max: 1, connectionTimeoutMillis: TEST_PG_WAIT_MS },
  });
  const made: string[] = [];
  return {
    async fresh() {
      if (!admin.isInitialized) await admin.initialize();
      const name = `kiosk_store_${process.pid}_${made.length + 1}_${Date.now()}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      made.push(name);
      const at = new URL(url);
      at.pathname = `/${name}`;
      return postgresJournalOptions(at.toString());
    },
    async close() {
      if (!admin.isInitialized) return;
      for (const name of made) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

/** [name, make] for each store this machine can run; registers the failing spec CI needs. */
export function journalStores(suite: string): [string, () => JournalStore][] {
  const url = process.env.KIOSK_TEST_POSTGRES_URL;
  const stores: [string, () => JournalStore][] = [['SQLite', sqliteStore]];
  if (url !== undefined && url !== '') stores.push(['PostgreSQL', () => postgresStore(url)]);
  else if (process.env.CI === 'true') {
    describe(`${suite} on PostgreSQL`, () => {
      it('has a PostgreSQL server to run on', () => {
        throw new Error('CI=true but KIOSK_TEST_POSTGRES_URL is not set: .ci/run starts one and exports it');
      });
    });
  } else {
    console.warn(
      `\n*** ${suite}: KIOSK_TEST_POSTGRES_URL is not set, the PostgreSQL half is NOT run here ***\n`,
    );
  }
  return stores;
}

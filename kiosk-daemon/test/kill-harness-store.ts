/**
 * Where the kill harness keeps a kiosk's journal: a SQLite file in the kiosk's folder, or a
 * database of its own on the PostgreSQL server named by KIOSK_TEST_POSTGRES_URL (one per kiosk
 * world, dropped at the end, so runs never see each other's rows). Either way the harness reads
 * the journal with the same SQL (quoted identifiers, `$1` parameters) while no daemon writes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { TEST_PG_WAIT_MS } from '@kiosk/domain/testing';

/** Read access to one kiosk's journal. */
export interface JournalReader {
  /** every row of a query; `$1`, `$2`… are the parameters in order */
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>;
}

export interface KioskJournal {
  readonly reader: JournalReader;
  /** `--set` pairs that put the daemon's journal here (nothing for the default SQLite file) */
  readonly args: readonly string[];
  dispose(): Promise<void>;
}

export interface JournalStore {
  readonly name: 'SQLite' | 'PostgreSQL';
  /** an empty journal for the kiosk whose folder is `dir` */
  fresh(dir: string): Promise<KioskJournal>;
  close(): Promise<void>;
}

export function sqliteStore(): JournalStore {
  return {
    name: 'SQLite',
    fresh(dir) {
      // the daemon's default: `journal.sqlite` in its folder (daemon-process.ts)
      const path = join(dir, 'journal.sqlite');
      return Promise.resolve({
        args: [],
        reader: {
          all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
            const db = new Database(path, { readonly: true, fileMustExist: true });
            try {
              return Promise.resolve(db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as T[]);
            } finally {
              db.close();
            }
          },
        },
        dispose: () => Promise.resolve(),
      });
    },
    close: () => Promise.resolve(),
  };
}

export function postgresStore(url: string): JournalStore {
  const admin = new DataSource({
    type: 'postgres',
    url,
    extra: { max: 1, connectionTimeoutMillis: TEST_PG_WAIT_MS },
  });
  let made = 0;
  return {
    name: 'PostgreSQL',
    async fresh() {
      if (!admin.isInitialized) await admin.initialize();
      const name = `kiosk_kill_${process.pid}_${++made}_${Date.now().toString(36)}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const at = new URL(url);
      at.pathname = `/${name}`;
      const db = new DataSource({
        type: 'postgres',
        url: at.toString(),
        extra: { max: 1, connectionTimeoutMillis: TEST_PG_WAIT_MS },
      });
      return {
        args: ['--set', 'journal.driver=postgres', '--set', `journal.url=${at.toString()}`],
        reader: {
          async all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
            if (!db.isInitialized) await db.initialize();
            return (await db.query(sql, params)) as T[];
          },
        },
        async dispose() {
          if (db.isInitialized) await db.destroy();
          await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        },
      };
    },
    async close() {
      if (admin.isInitialized) await admin.destroy();
    },
  };
}

/**
 * The store a spec file runs on. PostgreSQL without KIOSK_TEST_POSTGRES_URL: with CI=true that is
 * a failure (CI starts a server and sets it, see `.ci/run`), on a workstation the file says loudly
 * that it ran nothing.
 */
export function postgresFromEnvironment(): JournalStore | { missing: string } {
  const url = process.env.KIOSK_TEST_POSTGRES_URL;
  if (url !== undefined && url !== '') return postgresStore(url);
  return {
    missing:
      process.env.CI === 'true'
        ? 'CI=true but KIOSK_TEST_POSTGRES_URL is not set: .ci/run starts PostgreSQL and exports it'
        : '',
  };
}

/**
 * Registers `register`'s tests on the PostgreSQL store in the calling describe. Without
 * KIOSK_TEST_POSTGRES_URL: with CI=true one failing test says so; on a workstation one skipped test
 * and a loud warning say that `what` ran nothing here.
 */
export function onPostgres(what: string, register: (store: JournalStore) => void): void {
  const store = postgresFromEnvironment();
  if (!('missing' in store)) {
    register(store);
  } else if (store.missing !== '') {
    const missing = store.missing;
    it('has a PostgreSQL server to run on', () => {
      throw new Error(missing);
    });
  } else {
    it.skip('needs KIOSK_TEST_POSTGRES_URL (CI sets it; set it to run the PostgreSQL half here)', () => {});
    console.warn(
      `\n*** ${what}: KIOSK_TEST_POSTGRES_URL is not set, the PostgreSQL half is NOT run here ***\n`,
    );
  }
}

/**
 * The store `store()` makes, for the calling describe's tests: made in its `beforeAll`, closed in
 * its `afterAll`; a test reads it with the function answered.
 */
export function storeForSuite(store: () => JournalStore): () => JournalStore {
  let opened: JournalStore | undefined;
  beforeAll(() => {
    opened = store();
  });
  afterAll(async () => {
    await opened?.close();
  });
  return () => {
    if (opened === undefined) throw new Error('the journal store has not been made (its beforeAll failed)');
    return opened;
  };
}

/**
 * An empty journal in `store` for the daemon of one describe: made in its `beforeAll` for a kiosk
 * folder of its own (`dir`), disposed with the store and the folder in its `afterAll` (after an
 * inner describe's daemon has stopped, so a database is dropped with no one on it).
 */
export function journalForSuite(
  store: JournalStore,
  folderPrefix: string,
): { readonly dir: string; journal(): KioskJournal | undefined } {
  let journal: KioskJournal | undefined;
  const dir = mkdtempSync(join(tmpdir(), folderPrefix));
  beforeAll(async () => {
    journal = await store.fresh(dir);
  }, 30_000);
  afterAll(async () => {
    await journal?.dispose();
    await store.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 }); // a killed daemon may still be writing in it (ENOTEMPTY)
  }, 30_000);
  return { dir, journal: () => journal };
}

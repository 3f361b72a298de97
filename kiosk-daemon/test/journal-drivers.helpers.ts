/**
 * The world of journal-drivers, per store: the store made before its cases and closed after them,
 * a folder for the journal's key files, and a JournalService started on a data source the world
 * destroys after each case (a case may destroy it first to play a restart).
 */
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { JournalStore } from './journal-stores.js';
import { JournalService } from '../src/journal/journal.service.js';

export interface JournalWorld {
  /** the store of the running describe */
  readonly store: JournalStore;
  /** the folder of its key files */
  readonly dir: string;
  /** a journal (kiosk JZ-0001) started on `options`, with its key in `keyFile` */
  journalOn(
    options: DataSourceOptions,
    keyFile?: string,
    retentionDays?: number,
  ): Promise<{ db: DataSource; journal: JournalService }>;
}

/** The world of the calling describe, on the store `makeStore` makes. */
export function journalWorld(makeStore: () => JournalStore): JournalWorld {
  let store: JournalStore | undefined;
  let dir = '';
  const open: DataSource[] = [];
  beforeAll(() => {
    store = makeStore();
    dir = mkdtempSync(join(tmpdir(), 'kiosk-journal-keys-'));
  });
  afterEach(async () => {
    for (const db of open.splice(0)) if (db.isInitialized) await db.destroy();
  });
  // a database dropped takes most of a second on a loaded machine, and there is one per test
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const config = (keyFile: string, retentionDays: number) =>
    ({
      profile: 'test',
      kiosk: { id: 'JZ-0001' },
      journal: { driver: 'sqlite', path: ':memory:', retentionDays, keyFile },
    }) as KioskConfig;

  return {
    get store() {
      if (!store) throw new Error('the journal store is not made yet');
      return store;
    },
    get dir() {
      return dir;
    },
    async journalOn(options, keyFile = join(dir, 'journal.key'), retentionDays = 30) {
      const db = new DataSource(options);
      await db.initialize();
      open.push(db);
      const journal = new JournalService(db, config(keyFile, retentionDays));
      await journal.onModuleInit();
      return { db, journal };
    },
  };
}

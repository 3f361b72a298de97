/**
 * The world of the journal's stop specs (a read, a counters record or a session's close under way
 * as the daemon stops): the real journal (JournalModule in a Nest application context, as the
 * daemon has it) on the describe's store, a fresh one a case, and on PostgreSQL another
 * connection's lock that holds a statement at the server (the interleaving forced, not left to
 * timing) while the stop begins. `journalStopWorld` registers the describe's hooks: after each
 * case the lock is let go first (a statement held by it would keep the stop waiting), then the
 * application closed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamicModule, type INestApplicationContext, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { JournalConfig, KioskConfig } from '@kiosk/config';
import { jest } from '@jest/globals';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { JournalStore } from './journal-stores.js';
import { KioskConfigModule } from '../src/config/kiosk-config.module.js';
import { JournalModule } from '../src/journal/journal.module.js';

@Module({})
class JournalStopSpecModule {}

function journalConfigOf(options: DataSourceOptions): JournalConfig {
  if (options.type === 'postgres') return { driver: 'postgres', url: options.url } as JournalConfig;
  return { driver: 'sqlite', path: options.database } as JournalConfig;
}

/** A promise resolved once the journal's stop says what it waits for (or never). */
export function stopWaiting(): Promise<string> {
  return new Promise((resolve) => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
      if (String(message).startsWith('the journal closes once')) resolve(String(message));
    });
  });
}

/** what a call came to: its answer, or the error it failed with */
export const outcome = <T>(p: Promise<T>): Promise<T | unknown> => p.catch((e: unknown) => e);

/** A statement held at the server: `waits` until it waits for the lock, `unlock` lets it go. */
export interface HeldAtServer {
  waits(): Promise<void>;
  unlock(): Promise<void>;
}

export interface JournalStopWorld {
  readonly store: JournalStore;
  /** the journal's application context, as the daemon's (a fresh store's journal, opened by `daemonJournal`) */
  daemonJournal(options: DataSourceOptions): Promise<INestApplicationContext>;
  /** the daemon's stop: the application closed (the case's `afterEach` closes it otherwise) */
  stop(): Promise<void>;
  /**
   * On PostgreSQL: another connection takes `lock` (a statement, with `params`) in a transaction
   * of its own, so the statements it blocks wait at the server until `unlock`; on SQLite nothing.
   */
  holdAtServer(options: DataSourceOptions, lock: string, params?: unknown[]): Promise<HeldAtServer>;
}

export function journalStopWorld(makeStore: () => JournalStore, dirPrefix: string): JournalStopWorld {
  let store: JournalStore | undefined;
  let dir = '';
  let app: INestApplicationContext | undefined;
  let locker: DataSource | undefined;
  beforeAll(() => {
    store = makeStore();
    dir = mkdtempSync(join(tmpdir(), dirPrefix));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    if (locker?.isInitialized) await locker.destroy();
    locker = undefined;
    await app?.close();
    app = undefined;
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  return {
    get store() {
      if (store === undefined) throw new Error('the journal store is not open (its beforeAll has not run)');
      return store;
    },
    async daemonJournal(options) {
      const config = {
        profile: 'test',
        kiosk: { id: 'JZ-9001' },
        journal: { ...journalConfigOf(options), retentionDays: 30, keyFile: join(dir, 'journal.key') },
      } as KioskConfig;
      const root: DynamicModule = {
        module: JournalStopSpecModule,
        imports: [KioskConfigModule.forRoot(config), JournalModule],
      };
      app = await NestFactory.createApplicationContext(root, { logger: false });
      return app;
    },
    async stop() {
      const closing = app;
      app = undefined;
      await closing?.close();
    },
    async holdAtServer(options, lock, params = []) {
      if (options.type !== 'postgres')
        return { waits: () => Promise.resolve(), unlock: () => Promise.resolve() };
      const held = new DataSource({ ...options, migrationsRun: false, extra: { max: 2 } });
      locker = held;
      await held.initialize();
      const runner = held.createQueryRunner();
      await runner.startTransaction();
      await runner.query(lock, params);
      return {
        waits: async () => {
          for (;;) {
            const [row] = await held.query<{ n: string }[]>(
              `SELECT count(*) AS "n" FROM pg_stat_activity WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`,
            );
            if (Number(row?.n) > 0) return;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        },
        unlock: async () => {
          await runner.rollbackTransaction();
          await runner.release();
        },
      };
    },
  };
}

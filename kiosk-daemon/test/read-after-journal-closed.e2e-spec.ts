/**
 * Fault: a read of the journal once its connection had closed (a journey, a settlement or a staff
 * screen still reading as the daemon stopped) failed with the driver's uncoded error (TypeORM's
 * QueryFailedError "The database connection is not open" on SQLite, "Driver not Connected" on
 * PostgreSQL), where a write is refused coded (JOURNAL_WRITE_FAILED, `stopping`: f893731,
 * 42818e9, 8efe242). On PostgreSQL a read sent before the close was cut by it ("Connection
 * terminated"), the stop not waiting for it. Now every statement on the journal's data source goes
 * through its stop (`journal-stop.ts`): a read is counted while under way and waited for before
 * the connection closes, and one asked for once the close began is refused with
 * JOURNAL_READ_FAILED (`stopping`).
 *
 * Here the real journal (JournalModule in a Nest application context, on a SQLite file and on
 * PostgreSQL), read through its services and on the data source directly. On PostgreSQL the read
 * under way is held at the server by another connection's lock on its table (the interleaving
 * forced, not left to timing); the stop begins while it waits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { JournalConfig, KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { jest } from '@jest/globals';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { journalStores, type JournalStore } from './journal-stores.js';
import { KioskConfigModule } from '../src/config/kiosk-config.module.js';
import { JournalStep } from '../src/journal/journal-step.entity.js';
import { JournalModule } from '../src/journal/journal.module.js';
import { JournalService } from '../src/journal/journal.service.js';
import { MaintenanceSupplyLog } from '../src/journal/maintenance-supply-log.service.js';

const stores = journalStores('read after the journal closed');

@Module({})
class ReadAfterCloseSpecModule {}

function journalConfigOf(options: DataSourceOptions): JournalConfig {
  if (options.type === 'postgres') return { driver: 'postgres', url: options.url } as JournalConfig;
  return { driver: 'sqlite', path: options.database } as JournalConfig;
}

/** A promise resolved once the journal's stop says what it waits for (or never). */
function stopWaiting(): Promise<string> {
  return new Promise((resolve) => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
      if (String(message).startsWith('the journal closes once')) resolve(String(message));
    });
  });
}

/** what a read came to: its answer, or the error it failed with */
const outcome = <T>(p: Promise<T>): Promise<T | unknown> => p.catch((e: unknown) => e);

const refusedRead = { code: ErrorCode.JOURNAL_READ_FAILED, details: { stopping: true } };

describe.each(stores)('read after the journal closed, journal on %s', (name, makeStore) => {
  let store: JournalStore;
  let dir: string;
  let app: INestApplicationContext | undefined;
  let locker: DataSource | undefined;
  beforeAll(() => {
    store = makeStore();
    dir = mkdtempSync(join(tmpdir(), 'kiosk-read-closed-'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    // the lock first: a read held by it would keep the stop waiting
    if (locker?.isInitialized) await locker.destroy();
    locker = undefined;
    await app?.close();
    app = undefined;
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  async function daemonJournal(options: DataSourceOptions): Promise<INestApplicationContext> {
    const config = {
      profile: 'test',
      kiosk: { id: 'JZ-9001' },
      journal: { ...journalConfigOf(options), retentionDays: 30, keyFile: join(dir, 'journal.key') },
    } as KioskConfig;
    const root: DynamicModule = {
      module: ReadAfterCloseSpecModule,
      imports: [KioskConfigModule.forRoot(config), JournalModule],
    };
    app = await NestFactory.createApplicationContext(root, { logger: false });
    return app;
  }

  /** On PostgreSQL: reads of `table` held at the server by another connection's lock until `unlock`. */
  async function holdReadsAtServer(options: DataSourceOptions, table: string) {
    if (options.type !== 'postgres')
      return { readWaits: () => Promise.resolve(), unlock: () => Promise.resolve() };
    locker = new DataSource({ ...options, migrationsRun: false, extra: { max: 2 } });
    await locker.initialize();
    const runner = locker.createQueryRunner();
    await runner.startTransaction();
    // the one lock a plain SELECT waits for
    await runner.query(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
    return {
      /** until the read waits for the lock at the server */
      readWaits: async () => {
        for (;;) {
          const [row] = await locker!.query<{ n: string }[]>(
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
  }

  it("read after the journal's connection closed: refused with JOURNAL_READ_FAILED (stopping), not the driver's uncoded error", async () => {
    const options = await store.fresh();
    const journal = (await daemonJournal(options)).get(JournalService);
    const supplies = app!.get(MaintenanceSupplyLog);
    const db = app!.get(DataSource);
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.recordStep(tx, 'card.read', 'done');
    await app!.close();
    app = undefined;

    // through the journal's services, and on the data source directly (a reader of its own)
    const reads: Record<string, () => Promise<unknown>> = {
      'the steps of a transaction': () => journal.stepsOf(tx),
      'the open transactions': () => journal.openTransactions(),
      'the last step named': () => journal.lastStepNamed('card.read'),
      'the health ping': () => journal.ping(),
      "staff's supply acts": () => supplies.since('2020-01-01T00:00:00.000Z'),
      'the last device counters record': () => journal.counters.lastRecord(),
      'a query on the data source': () => db.query('SELECT 1'),
      'a repository of the data source': () => db.getRepository(JournalStep).find(),
    };
    for (const [what, read] of Object.entries(reads)) {
      expect({ what, error: await outcome(read()) }).toMatchObject({ what, error: refusedRead });
    }
    // a write after the close: refused as before, whatever it reads first
    await expect(journal.recordStep(tx, 'card.eject', 'intent')).rejects.toMatchObject({
      code: ErrorCode.JOURNAL_WRITE_FAILED,
      details: { stopping: true },
    });
  });

  it('a read sent before the stop began is answered before the connection closes; the close then refuses the next', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const waiting = stopWaiting();
    const options = await store.fresh();
    const journal = (await daemonJournal(options)).get(JournalService);
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(tx, 'cash.dispense', 'intent');
    const held = await holdReadsAtServer(options, 'journal_step');

    const reading = outcome(journal.stepsOf(tx));
    await held.readWaits();
    const stopping = app!.close();
    await Promise.race([stopping, waiting]);
    await held.unlock();
    const [read] = await Promise.all([reading, stopping]);
    app = undefined;

    expect(errors.mock.calls.map(([m]) => String(m))).toEqual([]);
    // the steps read, or what the read failed with
    const answer = Array.isArray(read)
      ? (read as JournalStep[]).map((s) => `${s.step}:${s.phase}`)
      : String(read);
    expect(answer).toEqual(['cash.dispense:intent']);
    expect(await outcome(journal.stepsOf(tx))).toMatchObject(refusedRead);
    if (name === 'PostgreSQL') expect(await waiting).toContain('a read of the journal');
  });
});

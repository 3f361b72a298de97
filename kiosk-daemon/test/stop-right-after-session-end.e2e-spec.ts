/**
 * Fault: the daemon stopped gracefully (SIGTERM) right after a session ended lost the session's
 * close on PostgreSQL. The sessions service settles an ended session detached (`session-end.ts`):
 * its close, committed with the steps held for it (`card.eject:done`), was still on its way to the
 * server when the stop began; the journal's stop wrote only what waited for a next write, and the
 * connection was closed under the close (JOURNAL_WRITE_FAILED, "journal close failed"): the
 * transaction stayed open for the next boot's recovery, its held step lost. Seen in the withdrawal
 * kill harness's reference runs, which then killed 24 points instead of 26.
 *
 * Here the real journal (JournalModule in a Nest application context, on a SQLite file and on
 * PostgreSQL) and the real session end. On PostgreSQL the close is held at the server by a row
 * lock another connection takes (the interleaving forced, not left to timing); the stop begins
 * while it waits. On SQLite a write is done when it returns: the same stop, nothing to wait for.
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
import { JournalModule } from '../src/journal/journal.module.js';
import { JournalService } from '../src/journal/journal.service.js';
import { SessionEnds } from '../src/sessions/session-end.js';
import type { RunningSession } from '../src/sessions/running-session.js';
import type { SlotCardRecovery } from '../src/sessions/slot-card-recovery.js';
import { MetricsService } from '../src/telemetry/metrics.service.js';

const stores = journalStores('stop right after a session ends');
const withNextWrite = { withNextWrite: true } as const;

@Module({})
class StopSpecModule {}

function journalConfigOf(options: DataSourceOptions): JournalConfig {
  if (options.type === 'postgres') return { driver: 'postgres', url: options.url } as JournalConfig;
  return { driver: 'sqlite', path: options.database } as JournalConfig;
}

/** A promise resolved once the journal's stop says it waits for writes under way (or never). */
function stopWaiting(): Promise<string> {
  return new Promise((resolve) => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
      if (String(message).startsWith('the journal closes once')) resolve(String(message));
    });
  });
}

describe.each(stores)('stop right after a session ends, journal on %s', (name, makeStore) => {
  let store: JournalStore;
  let dir: string;
  let app: INestApplicationContext | undefined;
  let locker: DataSource | undefined;
  beforeAll(() => {
    store = makeStore();
    dir = mkdtempSync(join(tmpdir(), 'kiosk-stop-'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    // the lock first: a close held by it would keep the stop waiting
    if (locker?.isInitialized) await locker.destroy();
    locker = undefined;
    await app?.close();
    app = undefined;
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  async function daemonJournal(options: DataSourceOptions): Promise<JournalService> {
    const config = {
      profile: 'test',
      kiosk: { id: 'JZ-9001' },
      journal: { ...journalConfigOf(options), retentionDays: 30, keyFile: join(dir, 'journal.key') },
    } as KioskConfig;
    const root: DynamicModule = {
      module: StopSpecModule,
      imports: [KioskConfigModule.forRoot(config), JournalModule],
    };
    app = await NestFactory.createApplicationContext(root, { logger: false });
    return app.get(JournalService);
  }

  /** The session's end as the sessions service runs it: detached, its close the journal's last write. */
  function sessionEnds(journal: JournalService): SessionEnds {
    return new SessionEnds({
      journal,
      metrics: new MetricsService(),
      slotCard: { afterSession: () => Promise.resolve('none') } as unknown as SlotCardRecovery,
      log: new Logger('Sessions'),
      sessionRuns: () => false,
    });
  }

  /** On PostgreSQL: the transaction's row locked by another connection until `unlock`. */
  async function holdCloseAtServer(options: DataSourceOptions, transactionId: string) {
    if (options.type !== 'postgres')
      return { closeWaits: () => Promise.resolve(), unlock: () => Promise.resolve() };
    locker = new DataSource({ ...options, migrationsRun: false, extra: { max: 2 } });
    await locker.initialize();
    const runner = locker.createQueryRunner();
    await runner.startTransaction();
    await runner.query(`SELECT 1 FROM "journal_transaction" WHERE "id" = $1 FOR UPDATE`, [transactionId]);
    return {
      /** until the close's update waits for the lock at the server */
      closeWaits: async () => {
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

  async function readBack(options: DataSourceOptions, transactionIds: string[]) {
    const reader = new DataSource({ ...options, migrationsRun: false });
    await reader.initialize();
    try {
      const read = async (id: string) => {
        const p = options.type === 'postgres' ? '$1' : '?';
        const [tx] = await reader.query<{ status: string; outcome: string | null }[]>(
          `SELECT "status", "outcome" FROM "journal_transaction" WHERE "id" = ${p}`,
          [id],
        );
        const steps = await reader.query<{ step: string; phase: string }[]>(
          `SELECT "step", "phase" FROM "journal_step" WHERE "transactionId" = ${p} ORDER BY "seq"`,
          [id],
        );
        return `${tx?.status ?? '-'} ${tx?.outcome ?? '-'}: ${steps.map((s) => `${s.step}:${s.phase}`).join(' ')}`;
      };
      const all: string[] = [];
      for (const id of transactionIds) all.push(await read(id));
      return all;
    } finally {
      await reader.destroy();
    }
  }

  it("stop right after a session ends: the session's transaction closes with its held steps", async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const waiting = stopWaiting();
    const options = await store.fresh();
    const journal = await daemonJournal(options);
    const tx = await journal.openTransaction('s1', 'withdraw');
    const other = await journal.openTransaction('s2', 'balance');
    await journal.recordStep(tx, 'card.eject', 'intent');
    // the card handed back: its done step waits for the close, to be committed with it
    await journal.recordStep(tx, 'card.eject', 'done', undefined, new Date(), withNextWrite);
    const held = await holdCloseAtServer(options, tx);

    const running = {
      transactionId: tx,
      journey: 'withdraw',
      startedAt: Date.now(),
      release: () => undefined,
    };
    const output = { sessionId: 's1', journey: 'withdraw', outcome: 'completed' } as const;
    const settled = sessionEnds(journal).settle(running as unknown as RunningSession, output as never);
    await held.closeWaits();
    const stopping = app!.close();
    await Promise.race([stopping, waiting]);
    // a write asked for once the stop began, outside the session's end: refused, coded
    const refused = await journal.recordStep(other, 'cash.dispense', 'intent').then(
      () => 'written',
      (e: unknown) => e,
    );
    await held.unlock();
    await Promise.all([settled, stopping]);
    app = undefined;

    expect(errors.mock.calls.map(([m]) => String(m))).toEqual([]);
    expect(await readBack(options, [tx, other])).toEqual([
      'closed completed: card.eject:intent card.eject:done',
      'open -: ',
    ]);
    expect(refused).toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED, details: { stopping: true } });
    if (name === 'PostgreSQL') expect(await waiting).toContain(`the close of ${tx}`);
  });

  it('a write asked for after the stop began is refused with a coded error; the end the stop waits for is written whole', async () => {
    const waiting = stopWaiting();
    const options = await store.fresh();
    const journal = await daemonJournal(options);
    const tx = await journal.openTransaction('s1', 'withdraw');
    const other = await journal.openTransaction('s2', 'withdraw');
    await journal.recordStep(tx, 'card.eject', 'intent');
    let go!: () => void;
    const ready = new Promise<void>((resolve) => (go = resolve));
    // an end begun before the stop, its writes still to come when the stop begins
    const ending = journal.stopWaitsFor(`the close of ${tx}`, async () => {
      await ready;
      await journal.recordStep(tx, 'card.eject', 'done', undefined, new Date(), withNextWrite);
      await journal.closeTransaction(tx, 'completed', null);
    });
    const stopping = app!.close();
    expect(await waiting).toContain(`the close of ${tx}`);

    const refused = await journal.recordStep(other, 'cash.dispense', 'intent').then(
      () => 'written',
      (e: unknown) => e,
    );
    // an act begun after the stop began is not waited for: its writes are refused as well
    const late = await journal
      .stopWaitsFor('a late end', () => journal.closeTransaction(other, 'failed', null))
      .then(
        () => 'written',
        (e: unknown) => e,
      );
    go();
    await Promise.all([ending, stopping]);
    app = undefined;

    expect(refused).toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED, details: { stopping: true } });
    expect(late).toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED, details: { stopping: true } });
    expect(await readBack(options, [tx, other])).toEqual([
      'closed completed: card.eject:intent card.eject:done',
      'open -: ',
    ]);
  });
});

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
import { Logger } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import { jest } from '@jest/globals';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { journalStopWorld, stopWaiting } from './journal-stop-world.js';
import { journalStores } from './journal-stores.js';
import { JournalService } from '../src/journal/journal.service.js';
import { SessionEnds } from '../src/sessions/session-end.js';
import type { RunningSession } from '../src/sessions/running-session.js';
import type { SlotCardRecovery } from '../src/sessions/slot-card-recovery.js';
import { MetricsService } from '../src/telemetry/metrics.service.js';

const stores = journalStores('stop right after a session ends');
const withNextWrite = { withNextWrite: true } as const;

describe.each(stores)('stop right after a session ends, journal on %s', (name, makeStore) => {
  const world = journalStopWorld(makeStore, 'kiosk-stop-');
  const daemonJournal = async (options: DataSourceOptions) =>
    (await world.daemonJournal(options)).get(JournalService);

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
  const holdCloseAtServer = (options: DataSourceOptions, transactionId: string) =>
    world.holdAtServer(options, `SELECT 1 FROM "journal_transaction" WHERE "id" = $1 FOR UPDATE`, [
      transactionId,
    ]);

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
    const options = await world.store.fresh();
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
    await held.waits();
    const stopping = world.stop();
    await Promise.race([stopping, waiting]);
    // a write asked for once the stop began, outside the session's end: refused, coded
    const refused = await journal.recordStep(other, 'cash.dispense', 'intent').then(
      () => 'written',
      (e: unknown) => e,
    );
    await held.unlock();
    await Promise.all([settled, stopping]);

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
    const options = await world.store.fresh();
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
    const stopping = world.stop();
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

    expect(refused).toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED, details: { stopping: true } });
    expect(late).toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED, details: { stopping: true } });
    expect(await readBack(options, [tx, other])).toEqual([
      'closed completed: card.eject:intent card.eject:done',
      'open -: ',
    ]);
  });
});

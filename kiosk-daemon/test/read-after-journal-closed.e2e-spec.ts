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
import { Logger } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import { jest } from '@jest/globals';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { journalStopWorld, outcome, stopWaiting } from './journal-stop-world.js';
import { journalStores } from './journal-stores.js';
import { JournalStep } from '../src/journal/journal-step.entity.js';
import { JournalService } from '../src/journal/journal.service.js';
import { MaintenanceSupplyLog } from '../src/journal/maintenance-supply-log.service.js';

const stores = journalStores('read after the journal closed');

const refusedRead = { code: ErrorCode.JOURNAL_READ_FAILED, details: { stopping: true } };

describe.each(stores)('read after the journal closed, journal on %s', (name, makeStore) => {
  const world = journalStopWorld(makeStore, 'kiosk-read-closed-');
  /** On PostgreSQL: reads of `table` held at the server by another connection's lock (the one a plain SELECT waits for) until `unlock`. */
  const holdReadsAtServer = (options: DataSourceOptions, table: string) =>
    world.holdAtServer(options, `LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);

  it("read after the journal's connection closed: refused with JOURNAL_READ_FAILED (stopping), not the driver's uncoded error", async () => {
    const options = await world.store.fresh();
    const context = await world.daemonJournal(options);
    const journal = context.get(JournalService);
    const supplies = context.get(MaintenanceSupplyLog);
    const db = context.get(DataSource);
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.recordStep(tx, 'card.read', 'done');
    await world.stop();

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
    const options = await world.store.fresh();
    const journal = (await world.daemonJournal(options)).get(JournalService);
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(tx, 'cash.dispense', 'intent');
    const held = await holdReadsAtServer(options, 'journal_step');

    const reading = outcome(journal.stepsOf(tx));
    await held.waits();
    const stopping = world.stop();
    await Promise.race([stopping, waiting]);
    await held.unlock();
    const [read] = await Promise.all([reading, stopping]);

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

/**
 * Fault: a device counters record (notes dispensed, the reject bin, cards issued: the figures staff
 * reconcile cash and blanks with) or a field staff's supply act written at the moment of a graceful
 * stop was lost on PostgreSQL. Their services wrote to the data source directly, outside the
 * journal's stop (`journal-stop.ts`, f893731): the stop did not wait for them, and the connection
 * was closed under the insert still at the server (JOURNAL_WRITE_FAILED, the record gone). A record
 * asked for once the stop began was not refused either, only cut.
 *
 * Here the real journal (JournalModule in a Nest application context, on a SQLite file and on
 * PostgreSQL) and the real services. On PostgreSQL the insert is held at the server by a lock on
 * its table that another connection takes (an insert waits on no row of another: the table's lock
 * forces the interleaving, not timing); the stop begins while it waits. On SQLite a write is done
 * when it returns: the same stop, nothing to wait for, and a later record refused.
 */
import { Logger } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import { jest } from '@jest/globals';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { journalStopWorld, stopWaiting } from './journal-stop-world.js';
import { journalStores } from './journal-stores.js';
import { DeviceCountersRecord } from '../src/journal/device-counters.entity.js';
import { DeviceCountersService } from '../src/journal/device-counters.service.js';
import { MaintenanceSupplyLog, type SupplyAct } from '../src/journal/maintenance-supply-log.service.js';

const stores = journalStores('stop while a counters record is being written');

const refill: SupplyAct = {
  transactionId: 'JZ-9001-000001',
  staffId: 'S-17',
  kind: 'cardPrinter',
  supply: 'cardHopper',
  action: 'refill',
  quantity: 50,
  journalBefore: 3,
  countedByStaff: 3,
  deviceBefore: 3,
  deviceAfter: 53,
};

describe.each(stores)('stop while a counters record is being written, journal on %s', (name, makeStore) => {
  const world = journalStopWorld(makeStore, 'kiosk-counters-stop-');
  /** On PostgreSQL: inserts into `table` held at the server by another connection's lock until `unlock` (reads go on: the last record, for a count carried). */
  const holdInsertAtServer = (options: DataSourceOptions, table: string) =>
    world.holdAtServer(options, `LOCK TABLE "${table}" IN SHARE MODE`);

  async function rowsOf(options: DataSourceOptions, sql: string): Promise<Record<string, unknown>[]> {
    const reader = new DataSource({ ...options, migrationsRun: false });
    await reader.initialize();
    try {
      return await reader.query<Record<string, unknown>[]>(sql);
    } finally {
      await reader.destroy();
    }
  }

  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'written',
      (e: unknown) => e,
    );

  it('stop while a counters record is being written: the record is kept', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const waiting = stopWaiting();
    const options = await world.store.fresh();
    const counters = (await world.daemonJournal(options)).get(DeviceCountersService);
    await counters.recordCounters('cashDispenser', {
      cassettes: [{ cassette: 'upper', denominationFen: 10_000, notes: 500 }],
      rejectBin: 0,
    });
    const held = await holdInsertAtServer(options, 'device_counters');

    // the notes of a withdrawal counted as the stop comes
    const recording = outcome(
      counters.recordCounters('cashDispenser', {
        cassettes: [{ cassette: 'upper', denominationFen: 10_000, notes: 497 }],
        rejectBin: 1,
      }),
    );
    await held.waits();
    const stopping = world.stop();
    await Promise.race([stopping, waiting]);
    // a record asked for once the stop began: refused, coded, not cut unsaid
    const refused = await outcome(counters.recordIssued(8));
    await held.unlock();
    const [recorded] = await Promise.all([recording, stopping]);

    expect(recorded).toBe('written');
    expect(refused).toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED, details: { stopping: true } });
    expect(errors.mock.calls.map(([m]) => String(m))).toEqual([]);
    const rows = await rowsOf(options, `SELECT "kind", "counters" FROM "device_counters" ORDER BY "id"`);
    expect(rows.map((r) => `${String(r.kind)} ${String(r.counters)}`)).toEqual([
      'cashDispenser {"cassettes":[{"cassette":"upper","denominationFen":10000,"notes":500}],"rejectBin":0}',
      'cashDispenser {"cassettes":[{"cassette":"upper","denominationFen":10000,"notes":497}],"rejectBin":1}',
    ]);
    if (name === 'PostgreSQL') expect(await waiting).toContain('a counters record');
  });

  it("stop while a staff's supply act is being written: the act is kept, a later one refused", async () => {
    const waiting = stopWaiting();
    const options = await world.store.fresh();
    const context = await world.daemonJournal(options);
    const supplies = context.get(MaintenanceSupplyLog);
    const held = await holdInsertAtServer(options, 'maintenance_supply');

    const appending = outcome(supplies.append(refill));
    await held.waits();
    const stopping = world.stop();
    await Promise.race([stopping, waiting]);
    const refused = await outcome(supplies.append({ ...refill, supply: 'ribbon', quantity: 1 }));
    await held.unlock();
    const [appended] = await Promise.all([appending, stopping]);

    expect(appended).toBe('written');
    expect(refused).toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED, details: { stopping: true } });
    const rows = await rowsOf(options, `SELECT "supply", "quantity" FROM "maintenance_supply" ORDER BY "id"`);
    expect(rows.map((r) => `${String(r.supply)} ${String(r.quantity)}`)).toEqual(['cardHopper 50']);
    if (name === 'PostgreSQL') expect(await waiting).toContain('a supply act');
  });

  it('stop while a record is inserted on the data source directly (a writer of its own): the record is kept, a later one refused', async () => {
    const waiting = stopWaiting();
    const options = await world.store.fresh();
    const db = (await world.daemonJournal(options)).get(DataSource);
    const held = await holdInsertAtServer(options, 'device_counters');
    const record = (notes: number) => ({
      kind: 'cashDispenser',
      at: new Date().toISOString(),
      counters: JSON.stringify({ cassettes: [{ cassette: 'upper', denominationFen: 10_000, notes }] }),
    });

    const inserting = outcome(db.manager.insert(DeviceCountersRecord, record(497)));
    await held.waits();
    const stopping = world.stop();
    await Promise.race([stopping, waiting]);
    const refused = await outcome(db.getRepository(DeviceCountersRecord).insert(record(496)));
    await held.unlock();
    const [inserted] = await Promise.all([inserting, stopping]);

    expect(inserted).toBe('written');
    expect(refused).toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED, details: { stopping: true } });
    const rows = await rowsOf(options, `SELECT "counters" FROM "device_counters" ORDER BY "id"`);
    expect(rows.map((r) => String(r.counters))).toEqual([
      '{"cassettes":[{"cassette":"upper","denominationFen":10000,"notes":497}]}',
    ]);
    if (name === 'PostgreSQL') expect(await waiting).toContain('a write on the data source (insert)');
  });
});

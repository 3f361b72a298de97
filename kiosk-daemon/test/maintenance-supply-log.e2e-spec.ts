/**
 * Field staff's supply acts and the reconciliation on both journal stores (SQLite file and
 * PostgreSQL, each migrated from empty): acts appended and read back in order, counters read since
 * a moment, a refill that explains a rise reconciles and one that is missing does not; a bad act
 * is refused with JOURNAL_BAD_RECORD and nothing written.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { DataSource } from 'typeorm';
import { DeviceCountersService } from '../src/journal/device-counters.service.js';
import { MaintenanceSupplyLog, type SupplyAct } from '../src/journal/maintenance-supply-log.service.js';
import { reconcileSupplies } from '../src/maintenance/supply-reconciliation.js';
import { journalStores, type JournalStore } from './journal-stores.js';

const act = (over: Partial<SupplyAct>): SupplyAct => ({
  transactionId: 'JZ-0001-000009',
  staffId: 'FS-0002',
  kind: 'cashDispenser',
  supply: 'cassette:upper',
  action: 'refill',
  quantity: 50,
  journalBefore: 98,
  countedByStaff: 98,
  deviceBefore: 98,
  deviceAfter: 148,
  ...over,
});

const cash = (notes: number, rejectBin: number) => ({
  cassettes: [{ cassette: 'upper', denominationFen: 10000, notes }],
  rejectBin,
});

describe.each(journalStores('maintenance supply log'))('maintenance supply log on %s', (_name, make) => {
  let store: JournalStore;
  let db: DataSource;
  beforeAll(async () => {
    store = make();
    db = new DataSource(await store.fresh());
    await db.initialize();
  });
  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
    await store.close();
  }, 30_000);

  it('acts and counters read back in order; the rise explained by the refill reconciles, an unexplained one does not', async () => {
    const log = new MaintenanceSupplyLog(db);
    const counters = new DeviceCountersService(db);
    const t0 = new Date('2026-11-27T08:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    await counters.recordCounters('cashDispenser', cash(100, 0), at(0));
    await counters.recordCounters('cashDispenser', cash(98, 2), at(1)); // two test notes
    await log.append(
      act({ action: 'empty', supply: 'rejectBin', quantity: 2, deviceBefore: 2, deviceAfter: 0 }),
      at(2),
    );
    await counters.recordCounters('cashDispenser', cash(98, 0), at(2));
    await log.append(act({}), at(3));
    await counters.recordCounters('cashDispenser', cash(148, 0), at(3));

    const acts = await log.since(t0.toISOString());
    expect(acts.map((a) => `${a.action}:${a.supply}:${a.quantity}`)).toEqual([
      'empty:rejectBin:2',
      'refill:cassette:upper:50',
    ]);
    const history = await log.countersSince(t0.toISOString());
    expect(history).toHaveLength(4);
    const now = new Map([
      [
        'cashDispenser' as const,
        new Map([
          ['cassette:upper', 148],
          ['rejectBin', 0],
        ]),
      ],
    ]);
    const lines = reconcileSupplies(history, acts, now);
    expect(
      lines.map((l) => `${l.supply}:${l.before}+${l.byStaff}-${l.byKiosk}=${l.after}:${l.reconciles}`),
    ).toEqual(['cassette:upper:100+50-2=148:true', 'rejectBin:0+2-2=0:true']);
    // without the refill's record, the same rise does not reconcile
    const unexplained = reconcileSupplies(history, acts.slice(0, 1), now);
    expect(unexplained.find((l) => l.supply === 'cassette:upper')?.reconciles).toBe(false);
    expect(await log.since(at(10).toISOString())).toEqual([]);
  });

  it('an act of an unknown device: JOURNAL_BAD_RECORD, nothing written', async () => {
    const log = new MaintenanceSupplyLog(db);
    const before = (await log.since('2000-01-01T00:00:00.000Z')).length;
    let code: string | undefined;
    try {
      await log.append(act({ kind: 'coinHopper' }));
    } catch (e) {
      code = e instanceof KioskError ? e.code : 'not coded';
    }
    expect(code).toBe(ErrorCode.JOURNAL_BAD_RECORD);
    expect(await log.since('2000-01-01T00:00:00.000Z')).toHaveLength(before);
  });
});

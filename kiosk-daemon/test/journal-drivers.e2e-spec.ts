/**
 * The journal on both of its stores (`journal-stores.ts`): SQLite (a file, WAL, synchronous FULL) and PostgreSQL (a
 * fresh database per test on the server named by KIOSK_TEST_POSTGRES_URL). With CI=true a missing
 * or unreachable PostgreSQL fails the suite; on a workstation without the variable the PostgreSQL
 * half is left out with a warning.
 */
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import { codeOf } from '@kiosk/domain/testing';
import { Logger } from '@nestjs/common';
import { jest } from '@jest/globals';
import { journalStores } from './journal-stores.js';
import { journalWorld } from './journal-drivers.helpers.js';
import { DeviceCountersService } from '../src/journal/device-counters.service.js';
import type { KnownTransactions } from '../src/journal/known-transactions.js';
import { MaintenanceSupplyLog } from '../src/journal/maintenance-supply-log.service.js';
import { WITHDRAWAL_LEFT_ENDS } from '../src/journeys/withdrawal-staff-settlement.js';

const stores = journalStores('journal');

describe.each(stores)('journal on %s', (_name, makeStore) => {
  const world = journalWorld(makeStore);
  const { journalOn } = world;

  it('numbers transactions and steps, and carries on after a restart', async () => {
    const options = await world.store.fresh();
    const { db, journal } = await journalOn(options);
    const a = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(a, 'cash.dispense', 'intent', { amountFen: 50000 });
    await db.destroy();

    const { journal: again } = await journalOn(options);
    await again.recordStep(a, 'cash.dispense', 'done', { amountFen: 50000 });
    expect(await again.openTransaction('s2', 'balance')).toBe('JZ-0001-000002');
    expect((await again.openTransactions()).map((t) => t.id)).toEqual([a, 'JZ-0001-000002']);
    expect((await again.stepsOf(a)).map((s) => `${s.seq}:${s.step}:${s.phase}:${s.detail}`)).toEqual([
      '1:cash.dispense:intent:{"amountFen":50000}',
      '2:cash.dispense:done:{"amountFen":50000}',
    ]);
  });

  it("reads the steps of a transaction's session, its transactions open or closed, by serial", async () => {
    const options = await world.store.fresh();
    const { db, journal } = await journalOn(options);
    const balance = await journal.openTransaction('s1', 'balance');
    await journal.recordStep(balance, 'card.read', 'event', { card: 'H41******101' });
    const other = await journal.openTransaction('s2', 'reportLoss');
    await journal.recordStep(other, 'idCard.read', 'event');
    const records = await journal.openTransaction('s1', 'records');
    await journal.closeTransaction(balance, 'completed', null);
    await journal.recordStep(records, 'card.eject', 'intent');
    await db.destroy();

    const { journal: again } = await journalOn(options);
    const session = async (id: string) =>
      (await again.stepsOf(id, 'session')).map((s) => `${s.transactionId}:${s.step}`);
    const s1 = [`${balance}:card.read`, `${records}:card.eject`];
    expect(await session(records)).toEqual(s1);
    expect(await session(balance)).toEqual(s1);
    expect(await session(other)).toEqual([`${other}:idCard.read`]);
    expect(await again.stepsOf('JZ-0001-999999', 'session')).toEqual([]);
  });

  it('a step into a transaction closed before a restart is known late there: written at once, logged', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const options = await world.store.fresh();
    const { db, journal } = await journalOn(options);
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(tx, 'withdrawal.release', 'intent');
    await journal.closeTransaction(tx, 'failed', 'HOST_TIMEOUT');
    await db.destroy();

    const { journal: again } = await journalOn(options);
    await again.recordStep(tx, 'withdrawal.release', 'done', undefined, new Date(), { withNextWrite: true });
    expect((await again.stepsOf(tx)).map((s) => `${s.seq}:${s.step}:${s.phase}`)).toEqual([
      '1:withdrawal.release:intent',
      '2:withdrawal.release:done',
    ]);
    expect(warn.mock.calls.map(([m]) => String(m)).filter((m) => m.includes('journaled'))).toEqual([
      `${tx}: withdrawal.release done journaled late, after the transaction closed`,
    ]);
    warn.mockRestore();
  });

  it('closes a transaction once, keeps its masked card number, and exports the day', async () => {
    const { journal } = await journalOn(await world.store.fresh());
    const tx = await journal.openTransaction('s1', 'balance', new Date('2026-11-26T08:00:00Z'));
    await journal.setMaskedCardNumber(tx, 'H41******101');
    await journal.closeTransaction(tx, 'completed', null, new Date('2026-11-26T08:01:00Z'));
    await journal.closeTransaction(tx, 'interrupted', 'SESSION_INTERRUPTED');
    const [row] = await journal.exportRange('2026-11-26', '2026-11-26');
    expect(row?.transaction).toMatchObject({ id: tx, status: 'closed', outcome: 'completed' });
    expect(row?.transaction.maskedCardNumber).toBe('H41******101');
    expect(await journal.exportRange('2026-11-27', '2026-11-30')).toEqual([]);
  });

  it('names the transactions of a journey with a step of given names, open or closed, and those no later step ended', async () => {
    const { journal } = await journalOn(await world.store.fresh());
    const short = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(short, 'cash.retractShort', 'event', { forStaff: true });
    await journal.recordStep(short, 'withdrawal.reverse', 'intent');
    await journal.closeTransaction(short, 'failed', 'CASH_PARTLY_TAKEN');
    const settled = await journal.openTransaction('s5', 'withdraw');
    await journal.recordStep(settled, 'cash.leftInPresenter', 'event');
    await journal.recordStep(settled, 'recovery.withdrawal.confirm', 'done');
    const judged = await journal.openTransaction('s6', 'withdraw');
    await journal.recordStep(judged, 'recovery.staffVerdict', 'event', { verdict: 'paid' });
    await journal.recordStep(judged, 'recovery.needsStaff', 'event');
    const paid = await journal.openTransaction('s2', 'withdraw');
    await journal.recordStep(paid, 'cash.taken', 'event');
    const card = await journal.openTransaction('s3', 'issueCard');
    await journal.recordStep(card, 'recovery.needsStaff', 'event');
    const left = await journal.openTransaction('s4', 'withdraw');
    await journal.recordStep(left, 'recovery.needsStaff', 'event');
    await journal.recordStep(left, 'recovery.needsStaff', 'event');
    const named = ['recovery.needsStaff', 'cash.retractShort', 'cash.leftInPresenter'];
    // ends that end nothing: every one marked (the journal-read bench's baseline)
    const none = { after: [], phase: 'done', anywhere: [] };
    expect(await journal.transactionsWithStepUnended('withdraw', named, none)).toEqual([
      short,
      settled,
      judged,
      left,
    ]);
    const unended = journal.transactionsWithStepUnended('withdraw', named, WITHDRAWAL_LEFT_ENDS);
    expect(await unended).toEqual([short, left]);
    expect(await journal.transactionsWithStepUnended('withdraw', [], none)).toEqual([]);
  });

  it('the migrations at boot index the steps by name, and the last step of a name reads back', async () => {
    const { db, journal } = await journalOn(await world.store.fresh());
    const columns: { name: string }[] =
      db.options.type === 'postgres'
        ? await db.query(
            `SELECT a.attname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE c.relname = 'IDX_journal_step_name' ORDER BY k.n`,
          )
        : await db.query(`SELECT name FROM pragma_index_info('IDX_journal_step_name') ORDER BY seqno`);
    expect(columns.map((c) => c.name)).toEqual(['step', 'id', 'transactionId']);
    const first = await journal.openTransaction('s1', 'issueCard');
    await journal.recordStep(first, 'card.taken', 'done', { issued: 1 });
    const second = await journal.openTransaction('s2', 'issueCard');
    await journal.recordStep(second, 'card.taken', 'done', { issued: 2 });
    await journal.recordStep(second, 'card.eject', 'done');
    expect((await journal.lastStepNamed('card.taken'))?.transactionId).toBe(second);
    expect(await journal.lastStepNamed('card.unaccounted')).toBeNull();
  });

  it('a step numbered twice: the write fails as a journal fault', async () => {
    const options = await world.store.fresh();
    const { journal } = await journalOn(options);
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.recordStep(tx, 'card.read', 'event');
    // a second writer on the same store that does not know the step was written
    const { journal: stale } = await journalOn(options);
    (stale as unknown as { known: KnownTransactions }).known.opened(tx);
    expect(await codeOf(stale.recordStep(tx, 'card.read', 'event'))).toBe(ErrorCode.JOURNAL_WRITE_FAILED);
  });

  it('retention removes old closed transactions with their steps and personal data', async () => {
    const { journal } = await journalOn(await world.store.fresh());
    const old = await journal.openTransaction('s1', 'issueCard', new Date('2026-01-01T00:00:00Z'));
    await journal.recordStep(old, 'card.print', 'done');
    await journal.sealPersonalData(old, 'residentName', '张伟');
    await journal.closeTransaction(old, 'completed', null, new Date('2026-01-01T00:10:00Z'));
    const recent = await journal.openTransaction('s2', 'issueCard', new Date('2026-11-25T00:00:00Z'));
    await journal.sealPersonalData(recent, 'residentName', '李娜');
    expect(await journal.applyRetention(new Date('2026-11-26T00:00:00Z'))).toBe(1);
    expect(await journal.stepsOf(old)).toEqual([]);
    expect(await journal.personalDataOf(old)).toEqual({});
    expect(await journal.personalDataOf(recent)).toEqual({ residentName: '李娜' });
  });

  it('keeps device counters and reads the latest of each device back', async () => {
    const { db } = await journalOn(await world.store.fresh());
    const counters = new DeviceCountersService(db);
    await counters.recordCounters('cashDispenser', {
      cassettes: [{ cassette: 'A', denominationFen: 10000, notes: 500 }],
      rejectBin: 0,
    });
    await counters.recordCounters('cashDispenser', {
      cassettes: [{ cassette: 'A', denominationFen: 10000, notes: 495 }],
      rejectBin: 1,
    });
    await counters.recordCounters('cardPrinter', { blanks: 99, rejectBin: 1 });
    const latest = await counters.latestCounters();
    expect(latest.cashDispenser?.counters).toEqual({
      cassettes: [{ cassette: 'A', denominationFen: 10000, notes: 495 }],
      rejectBin: 1,
    });
    expect(latest.cardPrinter?.counters).toEqual({ blanks: 99, rejectBin: 1 });
  });

  it("retention removes old device counters but keeps each device's latest", async () => {
    const { db, journal } = await journalOn(await world.store.fresh());
    const counters = new DeviceCountersService(db);
    await counters.recordCounters('cardPrinter', { blanks: 100 }, new Date('2026-01-01T00:00:00Z'));
    await counters.recordCounters('cardPrinter', { blanks: 99 }, new Date('2026-01-02T00:00:00Z'));
    await counters.recordCounters('cashDispenser', { rejectBin: 3 }, new Date('2026-01-03T00:00:00Z'));
    await counters.recordCounters('cashDispenser', { rejectBin: 4 }, new Date('2026-11-25T00:00:00Z'));
    await journal.applyRetention(new Date('2026-11-26T00:00:00Z'));
    const left = (await db.query('SELECT "kind", "at" FROM "device_counters" ORDER BY "id"')) as {
      kind: string;
      at: string;
    }[];
    expect(left).toEqual([
      { kind: 'cardPrinter', at: '2026-01-02T00:00:00.000Z' },
      { kind: 'cashDispenser', at: '2026-11-25T00:00:00.000Z' },
    ]);
  });

  it('retention removes old supply acts but keeps those of a maintenance visit still open', async () => {
    const { db, journal } = await journalOn(await world.store.fresh());
    const log = new MaintenanceSupplyLog(db);
    const act = (transactionId: string, supply: string) =>
      ({
        transactionId,
        staffId: 'FS-0007',
        kind: 'cashDispenser',
        supply,
        action: 'refill',
        quantity: 100,
        journalBefore: 20,
        countedByStaff: 20,
        deviceBefore: 20,
        deviceAfter: 120,
      }) as const;
    const closedVisit = await journal.openTransaction('m1', 'maintenance', new Date('2026-01-01T00:00:00Z'));
    await log.append(act(closedVisit, 'cassette:upper'), new Date('2026-01-01T00:05:00Z'));
    await journal.closeTransaction(closedVisit, 'completed', null, new Date('2026-01-01T00:10:00Z'));
    const openVisit = await journal.openTransaction('m2', 'maintenance', new Date('2026-01-02T00:00:00Z'));
    await log.append(act(openVisit, 'cassette:lower'), new Date('2026-01-02T00:05:00Z'));
    const recentVisit = await journal.openTransaction('m3', 'maintenance', new Date('2026-11-25T00:00:00Z'));
    await log.append(act(recentVisit, 'rejectBin'), new Date('2026-11-25T00:05:00Z'));
    await journal.closeTransaction(recentVisit, 'completed', null, new Date('2026-11-25T00:10:00Z'));
    expect(await journal.applyRetention(new Date('2026-11-26T00:00:00Z'))).toBe(1);
    expect((await log.since('2000-01-01T00:00:00.000Z')).map((a) => [a.transactionId, a.supply])).toEqual([
      [openVisit, 'cassette:lower'],
      [recentVisit, 'rejectBin'],
    ]);
  });

  it('seals personal data, opens it after a restart, and rotates the key by re-sealing', async () => {
    const options = await world.store.fresh();
    const oldKey = join(world.dir, `old-${Date.now()}.key`);
    const { db, journal } = await journalOn(options, oldKey);
    const tx = await journal.openTransaction('s1', 'issueCard');
    await journal.sealPersonalData(tx, 'cardNumber', '6214830012345678');
    await journal.sealPersonalData(tx, 'idNumber', '41080219800315131X');
    await journal.sealPersonalData(tx, 'cardNumber', '6214830087654321');
    const before = journal.keyId;

    const newKey = join(world.dir, `new-${Date.now()}.key`);
    expect(await journal.rotateKey(newKey)).toBe(2);
    expect(journal.keyId).not.toBe(before);
    const keyIds = (await db.query('SELECT DISTINCT "keyId" FROM "journal_personal_data"')) as {
      keyId: string;
    }[];
    expect(keyIds).toEqual([{ keyId: journal.keyId }]);
    await db.destroy();

    // the next start names the new key file; the old one no longer opens anything
    const { journal: again } = await journalOn(options, newKey);
    expect(await again.personalDataOf(tx)).toEqual({
      cardNumber: '6214830087654321',
      idNumber: '41080219800315131X',
    });
    const { journal: withOldKey } = await journalOn(options, oldKey);
    expect(await codeOf(withOldKey.personalDataOf(tx))).toBe(ErrorCode.JOURNAL_KEY_MISSING);
  });

  it('tampered sealed value in the store: opening it fails the integrity check', async () => {
    const { db, journal } = await journalOn(await world.store.fresh());
    const tx = await journal.openTransaction('s1', 'issueCard');
    await journal.sealPersonalData(tx, 'residentName', '张伟');
    const [row] = (await db.query('SELECT "id", "sealed" FROM "journal_personal_data"')) as {
      id: number;
      sealed: string;
    }[];
    const raw = Buffer.from(row!.sealed, 'base64');
    raw[raw.length - 1]! ^= 0x01;
    await db
      .createQueryBuilder()
      .update('journal_personal_data')
      .set({ sealed: raw.toString('base64') })
      .where('id = :id', { id: row!.id })
      .execute();
    expect(await codeOf(journal.personalDataOf(tx))).toBe(ErrorCode.JOURNAL_SEAL_BROKEN);
  });
});

/**
 * The withdrawals left for staff as the supervisor's screen reads them (`pendingWithdrawals`), on a
 * real journal (SQLite in a temp folder) and the cash dispenser emulator: the dispenser's counts to
 * count the cash against (each cassette, the reject and retract bins, now and as the journal last
 * recorded them), and personal data that does not open (a tampered seal, a key this kiosk does not
 * hold): the name and card read as null, the view is still given, and nothing is logged in full.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { demoResident } from '@kiosk/domain';
import { reconcileDeviceCounters } from '../journal/device-counters-reconcile.js';
import type { JournalService } from '../journal/journal.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { pendingWithdrawals } from './pending-withdrawals.js';
import { openSpecJournal, staffConfig } from './staff-journal.spec-support.js';

const li = demoResident('li')!;

let dir: string;
let db: DataSource;
let journal: JournalService;
let dispenser: CashDispenserEmulator;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-pending-withdrawals-'));
  ({ db, journal } = await openSpecJournal(staffConfig(dir)));
  // two notes gone from the upper cassette, one note rejected and two retracted since the journal's record
  dispenser = new CashDispenserEmulator({
    state: {
      cassettes: [
        { id: 'upper', count: 198, present: true },
        { id: 'lower', count: 200, present: true },
      ],
      rejectBin: 1,
      retractBin: 2,
      presenter: { state: 'empty', notes: [] },
      jammed: false,
    },
  });
  await dispenser.open();
});

afterEach(async () => {
  jest.restoreAllMocks();
  await dispenser.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** li's withdrawal of 200 yuan, journaled up to the dispense's intent and left for staff by recovery. */
async function undecidedWithdrawal(): Promise<string> {
  const tx = await journal.openTransaction('s1', 'withdraw');
  await journal.sealPersonalData(tx, 'cardNumber', li.cardNumber);
  await journal.sealPersonalData(tx, 'residentName', li.name);
  await journal.recordStep(tx, 'withdrawal.authorise', 'intent', { amountFen: 20_000 });
  await journal.recordStep(tx, 'cash.dispense', 'intent', { amountFen: 20_000 });
  await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'cash whereabouts unknown' });
  return tx;
}

/** What the journal last recorded of the dispenser: full cassettes, empty bins, and a third cassette. */
/**
 * The counters journaled at `at`. The intents here name no counters record (as an older daemon
 * journaled them), so "before the withdrawal" is the record at or before the intent's time (ms): a
 * spec that records after an intent gives the intent an earlier time, so the two never share a
 * millisecond on a fast machine. The journey's own intents name the record (by order: the spec
 * counters-record-in-dispense-intent-millisecond).
 */
const recorded = (at = new Date()) =>
  journal.counters.recordCounters(
    'cashDispenser',
    {
      cassettes: [
        { cassette: 'upper', denominationFen: 10_000, notes: 200 },
        { cassette: 'lower', denominationFen: 5_000, notes: 200 },
        { cassette: 'third', denominationFen: 2_000, notes: 40 },
      ],
      rejectBin: 0,
      retractBin: 0,
    },
    at,
  );
const msAgo = (ms: number) => new Date(Date.now() - ms);
/** one time for records and steps written in the same millisecond */
const NOON = new Date('2026-11-27T12:00:00.000Z');

describe("the dispenser's counts the supervisor counts the cash against", () => {
  it('each cassette and both bins: what the dispenser reports now against what the journal last recorded', async () => {
    await recorded();
    const tx = await undecidedWithdrawal();
    expect(await pendingWithdrawals(journal, dispenser)).toEqual([
      expect.objectContaining({
        transactionId: tx,
        amountFen: 20_000,
        counters: {
          cassettes: [
            { cassette: 'upper', denominationFen: 10_000, device: 198, before: 200, journal: 200 },
            { cassette: 'lower', denominationFen: 5_000, device: 200, before: 200, journal: 200 },
            // journaled, no longer reported by the dispenser (pulled out of the kiosk's config)
            { cassette: 'third', denominationFen: 2_000, device: null, before: 40, journal: 40 },
          ],
          rejectBinDevice: 1,
          rejectBinBefore: 0,
          rejectBinJournal: 0,
          retractBinDevice: 2,
          retractBinBefore: 0,
          retractBinJournal: 0,
        },
      }),
    ]);
  });

  it('no counts journaled yet: the journal side reads null, the dispenser’s are still shown', async () => {
    await undecidedWithdrawal();
    const [pending] = await pendingWithdrawals(journal, dispenser);
    expect(pending?.counters).toEqual({
      cassettes: [
        { cassette: 'upper', denominationFen: 10_000, device: 198, before: null, journal: null },
        { cassette: 'lower', denominationFen: 5_000, device: 200, before: null, journal: null },
      ],
      rejectBinDevice: 1,
      rejectBinBefore: null,
      rejectBinJournal: null,
      retractBinDevice: 2,
      retractBinBefore: null,
      retractBinJournal: null,
    });
  });

  it('a counters record that does not read: the journal side reads null, the withdrawal and the dispenser’s counts still shown', async () => {
    await recorded();
    await db.query(`INSERT INTO device_counters (kind, at, counters) VALUES (?, ?, ?)`, [
      'cashDispenser',
      new Date().toISOString(),
      '{"cassettes": "not a list"}',
    ]);
    const tx = await undecidedWithdrawal();
    expect(await pendingWithdrawals(journal, dispenser)).toMatchObject([
      {
        transactionId: tx,
        amountFen: 20_000,
        counters: {
          cassettes: [
            { cassette: 'upper', device: 198, before: null, journal: null },
            { cassette: 'lower', device: 200, before: null, journal: null },
          ],
          rejectBinDevice: 1,
          rejectBinBefore: null,
          rejectBinJournal: null,
          retractBinDevice: 2,
          retractBinBefore: null,
          retractBinJournal: null,
        },
      },
    ]);
  });

  it('after a crash (boot reconcile recorded the counts now as the journal’s latest): before the withdrawal, from its dispense intent, beside now', async () => {
    await recorded(msAgo(2000));
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(tx, 'withdrawal.authorise', 'intent', { amountFen: 20_000 }, msAgo(1000));
    // the journey journals the dispenser's own counts with its intent, then the kiosk dies mid-count
    await journal.recordStep(
      tx,
      'cash.dispense',
      'intent',
      { amountFen: 20_000, cassettesBefore: 'upper=200,lower=200', retractBinBefore: 0 },
      msAgo(1000),
    );
    await reconcileDeviceCounters(
      journal.counters,
      { statuses: () => [dispenser.status()], cashDispenser: dispenser },
      { log: () => undefined, warn: () => undefined },
    );
    await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'cash whereabouts unknown' });

    const [pending] = await pendingWithdrawals(journal, dispenser);
    expect(pending?.counters).toEqual({
      cassettes: [
        // two notes left the upper cassette: the journal's latest is the boot's, as the dispenser's now
        { cassette: 'upper', denominationFen: 10_000, device: 198, before: 200, journal: 198 },
        { cassette: 'lower', denominationFen: 5_000, device: 200, before: 200, journal: 200 },
        // held before the withdrawal (the record by its intent), no longer reported nor recorded
        { cassette: 'third', denominationFen: 2_000, device: null, before: 40, journal: null },
      ],
      rejectBinDevice: 1,
      rejectBinBefore: 0,
      rejectBinJournal: 1,
      retractBinDevice: 2,
      retractBinBefore: 0,
      retractBinJournal: 2,
    });
  });

  it('a counters record by the withdrawal’s intent that does not read: that record’s counts read null, the intent’s own still shown', async () => {
    await db.query(`INSERT INTO device_counters (kind, at, counters) VALUES (?, ?, ?)`, [
      'cashDispenser',
      new Date(Date.now() - 1000).toISOString(),
      '{"cassettes": "not a list"}',
    ]);
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(
      tx,
      'cash.dispense',
      'intent',
      { amountFen: 20_000, cassettesBefore: 'upper=200' },
      msAgo(500),
    );
    await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'cash whereabouts unknown' });
    await recorded();

    const [pending] = await pendingWithdrawals(journal, dispenser);
    expect(pending?.counters).toMatchObject({
      cassettes: [
        { cassette: 'upper', device: 198, before: 200, journal: 200 },
        { cassette: 'lower', device: 200, before: null, journal: 200 },
        { cassette: 'third', device: null, before: null, journal: 40 },
      ],
      rejectBinBefore: null,
      retractBinBefore: null,
    });
  });

  it('an intent naming the counters record before it: that record, not a later one of the same time', async () => {
    await recorded(NOON);
    const before = await journal.counters.lastRecord();
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(
      tx,
      'cash.dispense',
      'intent',
      { amountFen: 20_000, cassettesBefore: 'upper=200,lower=200', countersRecordBefore: before },
      NOON,
    );
    // recorded as the notes moved, in the intent's millisecond: one note rejected, the third cassette gone
    await journal.counters.recordCounters(
      'cashDispenser',
      {
        cassettes: [{ cassette: 'upper', denominationFen: 10_000, notes: 198 }],
        rejectBin: 1,
        retractBin: 0,
      },
      NOON,
    );
    await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'cash whereabouts unknown' });

    const [pending] = await pendingWithdrawals(journal, dispenser);
    expect(pending?.counters).toMatchObject({
      cassettes: [
        { cassette: 'upper', before: 200 },
        { cassette: 'lower', before: 200 },
        { cassette: 'third', denominationFen: 2_000, before: 40 },
      ],
      rejectBinBefore: 0,
    });
  });

  it('an intent whose counters record does not read as one: that record’s counts read null, the intent’s own still shown', async () => {
    await recorded(msAgo(2000));
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(
      tx,
      'cash.dispense',
      'intent',
      { amountFen: 20_000, cassettesBefore: 'upper=200', countersRecordBefore: 'the first' },
      msAgo(1000),
    );
    await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'cash whereabouts unknown' });

    const [pending] = await pendingWithdrawals(journal, dispenser);
    expect(pending?.counters).toMatchObject({
      cassettes: [
        { cassette: 'upper', before: 200, journal: 200 },
        { cassette: 'lower', before: null, journal: 200 },
        { cassette: 'third', before: null, journal: 40 },
      ],
      rejectBinBefore: null,
      retractBinBefore: null,
    });
  });
});

describe('personal data that does not open', () => {
  /** Everything written to the logs and the console while `work` runs. */
  async function logsOf<T>(work: () => Promise<T>): Promise<{ result: T; logged: string }> {
    const lines: unknown[] = [];
    const keep = (...args: unknown[]) => void lines.push(...args);
    for (const level of ['log', 'warn', 'error', 'debug', 'verbose'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation(keep);
      jest.spyOn(Logger, level).mockImplementation(keep);
    }
    for (const level of ['log', 'warn', 'error', 'info', 'debug'] as const) {
      jest.spyOn(console, level).mockImplementation(keep);
    }
    const result = await work();
    return { result, logged: lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') };
  }

  const sealedRows = (tx: string) =>
    db.query(`SELECT id, sealed FROM journal_personal_data WHERE transactionId = ?`, [tx]) as Promise<
      { id: number; sealed: string }[]
    >;

  it('a tampered seal: the name and card read as null, the amount and step still shown, nothing thrown or logged in full', async () => {
    await recorded();
    const tx = await undecidedWithdrawal();
    const [card] = await sealedRows(tx);
    // one byte of the ciphertext changed: the seal no longer opens (JOURNAL_SEAL_BROKEN)
    const raw = Buffer.from(card!.sealed, 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 0xff;
    await db.query(`UPDATE journal_personal_data SET sealed = ? WHERE id = ?`, [
      raw.toString('base64'),
      card!.id,
    ]);

    const { result, logged } = await logsOf(() => pendingWithdrawals(journal, dispenser));
    expect(result).toEqual([
      expect.objectContaining({
        transactionId: tx,
        verdict: null,
        amountFen: 20_000,
        card: null,
        name: null,
        stoppedAt: 'cash.dispense:intent',
        counters: expect.objectContaining({ rejectBinDevice: 1 }) as unknown,
      }),
    ]);
    const shown = JSON.stringify(result);
    for (const full of [li.cardNumber, li.name, li.idNumber]) {
      expect(shown).not.toContain(full);
      expect(logged).not.toContain(full);
    }
  });

  it('sealed under a key this kiosk does not hold: the name and card read as null, the withdrawal still listed', async () => {
    const tx = await undecidedWithdrawal();
    await db.query(`UPDATE journal_personal_data SET keyId = ? WHERE transactionId = ?`, ['retired-key', tx]);

    const { result, logged } = await logsOf(() => pendingWithdrawals(journal, dispenser));
    expect(result).toMatchObject([
      { transactionId: tx, amountFen: 20_000, card: null, name: null, stoppedAt: 'cash.dispense:intent' },
    ]);
    for (const full of [li.cardNumber, li.name]) {
      expect(JSON.stringify(result)).not.toContain(full);
      expect(logged).not.toContain(full);
    }
  });

  it('the same withdrawal whose data opens shows them masked (the faults above are the seal’s, not the reading’s)', async () => {
    const tx = await undecidedWithdrawal();
    expect(await pendingWithdrawals(journal, dispenser)).toMatchObject([
      { transactionId: tx, card: expect.stringMatching(/^H41\*+102$/) as unknown, name: '李*英' },
    ]);
  });
});

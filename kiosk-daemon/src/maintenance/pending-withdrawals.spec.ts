/**
 * The withdrawals left for staff as the supervisor's screen reads them (`pendingWithdrawals`), on a
 * real journal (SQLite in a temp folder) and the cash dispenser emulator: the dispenser's counts to
 * count the cash against (each cassette, the reject and retract bins, now and as the journal last
 * recorded them). Personal data that does not open: pending-withdrawals-personal-data-unreadable.
 */
import { describe, expect, it } from '@jest/globals';
import { reconcileDeviceCounters } from '../journal/device-counters-reconcile.js';
import { pendingWithdrawals } from './pending-withdrawals.js';
import { pendingWithdrawalsWorld } from './pending-withdrawals.spec-support.js';

const w = pendingWithdrawalsWorld();

const msAgo = (ms: number) => new Date(Date.now() - ms);
/** one time for records and steps written in the same millisecond */
const NOON = new Date('2026-11-27T12:00:00.000Z');

describe("the dispenser's counts the supervisor counts the cash against", () => {
  it('each cassette and both bins: what the dispenser reports now against what the journal last recorded', async () => {
    await w.recorded();
    const tx = await w.undecidedWithdrawal();
    expect(await pendingWithdrawals(w.journal, w.dispenser)).toEqual([
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
    await w.undecidedWithdrawal();
    const [pending] = await pendingWithdrawals(w.journal, w.dispenser);
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
    await w.recorded();
    await w.db.query(`INSERT INTO device_counters (kind, at, counters) VALUES (?, ?, ?)`, [
      'cashDispenser',
      new Date().toISOString(),
      '{"cassettes": "not a list"}',
    ]);
    const tx = await w.undecidedWithdrawal();
    expect(await pendingWithdrawals(w.journal, w.dispenser)).toMatchObject([
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
    await w.recorded(msAgo(2000));
    const tx = await w.journal.openTransaction('s1', 'withdraw');
    await w.journal.recordStep(tx, 'withdrawal.authorise', 'intent', { amountFen: 20_000 }, msAgo(1000));
    // the journey journals the dispenser's own counts with its intent, then the kiosk dies mid-count
    await w.journal.recordStep(
      tx,
      'cash.dispense',
      'intent',
      { amountFen: 20_000, cassettesBefore: 'upper=200,lower=200', retractBinBefore: 0 },
      msAgo(1000),
    );
    await reconcileDeviceCounters(
      w.journal.counters,
      { statuses: () => [w.dispenser.status()], cashDispenser: w.dispenser },
      { log: () => undefined, warn: () => undefined },
    );
    await w.journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'cash whereabouts unknown' });

    const [pending] = await pendingWithdrawals(w.journal, w.dispenser);
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
    await w.db.query(`INSERT INTO device_counters (kind, at, counters) VALUES (?, ?, ?)`, [
      'cashDispenser',
      new Date(Date.now() - 1000).toISOString(),
      '{"cassettes": "not a list"}',
    ]);
    const tx = await w.journal.openTransaction('s1', 'withdraw');
    await w.journal.recordStep(
      tx,
      'cash.dispense',
      'intent',
      { amountFen: 20_000, cassettesBefore: 'upper=200' },
      msAgo(500),
    );
    await w.journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'cash whereabouts unknown' });
    await w.recorded();

    const [pending] = await pendingWithdrawals(w.journal, w.dispenser);
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
    await w.recorded(NOON);
    const before = await w.journal.counters.lastRecord();
    const tx = await w.journal.openTransaction('s1', 'withdraw');
    await w.journal.recordStep(
      tx,
      'cash.dispense',
      'intent',
      { amountFen: 20_000, cassettesBefore: 'upper=200,lower=200', countersRecordBefore: before },
      NOON,
    );
    // recorded as the notes moved, in the intent's millisecond: one note rejected, the third cassette gone
    await w.journal.counters.recordCounters(
      'cashDispenser',
      {
        cassettes: [{ cassette: 'upper', denominationFen: 10_000, notes: 198 }],
        rejectBin: 1,
        retractBin: 0,
      },
      NOON,
    );
    await w.journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'cash whereabouts unknown' });

    const [pending] = await pendingWithdrawals(w.journal, w.dispenser);
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
    await w.recorded(msAgo(2000));
    const tx = await w.journal.openTransaction('s1', 'withdraw');
    await w.journal.recordStep(
      tx,
      'cash.dispense',
      'intent',
      { amountFen: 20_000, cassettesBefore: 'upper=200', countersRecordBefore: 'the first' },
      msAgo(1000),
    );
    await w.journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'cash whereabouts unknown' });

    const [pending] = await pendingWithdrawals(w.journal, w.dispenser);
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

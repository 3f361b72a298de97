import { ErrorCode } from '@kiosk/domain';
import { codeOf } from '@kiosk/domain/testing';
import { DeviceCountersService, type DeviceCounters } from './device-counters.service.js';
import { openMemoryJournalDb } from './memory-journal.spec-support.js';

async function countersOnFreshFile() {
  const db = await openMemoryJournalDb();
  return { db, counters: new DeviceCountersService(db) };
}

const dispenser: DeviceCounters = {
  cassettes: [
    { cassette: 'A', denominationFen: 10000, notes: 500 },
    { cassette: 'B', denominationFen: 5000, notes: 300 },
  ],
  rejectBin: 2,
};

describe('device counters', () => {
  it('keeps the last counters of each device kind and the history before them', async () => {
    const { db, counters } = await countersOnFreshFile();
    await counters.recordCounters('cashDispenser', dispenser, new Date('2026-11-26T08:00:00Z'));
    await counters.recordCounters(
      'cardPrinter',
      { blanks: 200, rejectBin: 0 },
      new Date('2026-11-26T08:01:00Z'),
    );
    const after = {
      ...dispenser,
      cassettes: [{ cassette: 'A', denominationFen: 10000, notes: 495 }, dispenser.cassettes![1]!],
    };
    await counters.recordCounters('cashDispenser', after, new Date('2026-11-26T08:02:00Z'));
    await counters.recordCounters('cardReader', { retractBin: 1, captureBin: 3 });

    const latest = await counters.latestCounters();
    expect(latest.cashDispenser).toEqual({ at: '2026-11-26T08:02:00.000Z', counters: after });
    expect(latest.cardPrinter?.counters).toEqual({ blanks: 200, rejectBin: 0 });
    expect(latest.cardReader?.counters).toEqual({ retractBin: 1, captureBin: 3 });
    expect(latest.pinPad).toBeUndefined();
    expect(await db.query('SELECT COUNT(*) AS n FROM "device_counters"')).toEqual([{ n: 4 }]);
    await db.destroy();
  });

  it("fault: one device kind's latest record does not read: that kind reads as not counted, the others as recorded", async () => {
    const { db, counters } = await countersOnFreshFile();
    await counters.recordCounters('cashDispenser', dispenser, new Date('2026-11-26T08:00:00Z'));
    await counters.recordCounters(
      'cardPrinter',
      { blanks: 200, rejectBin: 1 },
      new Date('2026-11-26T08:01:00Z'),
    );
    // a damaged row, and a counter this release does not know (written by a newer one)
    await db.query(`INSERT INTO "device_counters" ("kind", "at", "counters") VALUES (?, ?, ?)`, [
      'cardPrinter',
      '2026-11-26T08:02:00.000Z',
      '{"blanks": 19',
    ]);
    await db.query(`INSERT INTO "device_counters" ("kind", "at", "counters") VALUES (?, ?, ?)`, [
      'cardReader',
      '2026-11-26T08:03:00.000Z',
      JSON.stringify({ captureBin: 2, laminator: 5 }),
    ]);

    const latest = await counters.latestCounters();
    expect(latest.cashDispenser?.counters).toEqual(dispenser);
    expect(latest.cardPrinter).toBeUndefined();
    expect(latest.cardReader).toBeUndefined();
    // a count the kiosk cannot do without is refused, not taken as never counted
    expect(await codeOf(counters.latestCounters(['cardPrinter']))).toBe(ErrorCode.JOURNAL_BAD_RECORD);
    expect((await counters.latestCounters(['cashDispenser'])).cashDispenser?.counters).toEqual(dispenser);
    // the next record of the kind reads again
    await counters.recordCounters('cardPrinter', { blanks: 198 }, new Date('2026-11-26T08:04:00Z'));
    expect((await counters.latestCounters()).cardPrinter?.counters).toMatchObject({ blanks: 198 });
    await db.destroy();
  });

  it('has nothing to report before any device reported', async () => {
    const { db, counters } = await countersOnFreshFile();
    expect(await counters.latestCounters()).toEqual({});
    await db.destroy();
  });

  it('negative note count: refused, nothing written', async () => {
    const { db, counters } = await countersOnFreshFile();
    const bad = { cassettes: [{ cassette: 'A', denominationFen: 10000, notes: -1 }] };
    expect(await codeOf(counters.recordCounters('cashDispenser', bad))).toBe(ErrorCode.JOURNAL_BAD_RECORD);
    expect(await counters.latestCounters()).toEqual({});
    await db.destroy();
  });

  it('unknown counter, empty counters or unknown device kind: refused', async () => {
    const { db, counters } = await countersOnFreshFile();
    const unknown = { blanks: 1, coins: 4 } as DeviceCounters;
    expect(await codeOf(counters.recordCounters('cardPrinter', unknown))).toBe(ErrorCode.JOURNAL_BAD_RECORD);
    expect(await codeOf(counters.recordCounters('cardPrinter', {}))).toBe(ErrorCode.JOURNAL_BAD_RECORD);
    expect(await codeOf(counters.recordCounters('coinHopper' as 'cardPrinter', { blanks: 1 }))).toBe(
      ErrorCode.JOURNAL_BAD_RECORD,
    );
    await db.destroy();
  });

  it('fault: a reject bin count a step made, recorded again (a restart after its record) or after the bin moved (emptied meanwhile): not added again', async () => {
    const { db, counters } = await countersOnFreshFile();
    await counters.recordCounters('cardPrinter', { blanks: 40, rejectBin: 2, issued: 5 });
    const after = await counters.lastRecord();
    // records since the step that still hold the count before it (a blank fed) are no record of it
    await counters.recordCounters('cardPrinter', { blanks: 39 });
    expect(await counters.recordRejectBinOnce(3, after, { blanks: 39 })).toBe(true);
    expect(await counters.recordRejectBinOnce(3, after, { blanks: 39 })).toBe(false);
    expect((await counters.latestCounters()).cardPrinter?.counters).toEqual({
      blanks: 39,
      rejectBin: 3,
      issued: 5,
    });
    // the record of the next count cut off, the bin emptied before it is caught up: left as emptied
    const next = await counters.lastRecord();
    await counters.recordCounters('cardPrinter', { blanks: 39, rejectBin: 0 });
    expect(await counters.recordRejectBinOnce(4, next, { blanks: 39 })).toBe(false);
    expect((await counters.latestCounters()).cardPrinter?.counters.rejectBin).toBe(0);
    await db.destroy();
  });

  it('fault: the retract bin count a retract step made, caught up after a restart (its record cut off): set once, the other counts kept', async () => {
    const { db, counters } = await countersOnFreshFile();
    const cassettes = [{ cassette: 'upper', denominationFen: 10_000, notes: 47 }];
    await counters.recordCounters('cashDispenser', { cassettes, rejectBin: 1, retractBin: 2 });
    const after = await counters.lastRecord();
    const made = { counts: { retractBin: 5 }, before: { retractBin: 2 }, after };
    expect(await counters.recordCountsOnce('cashDispenser', made)).toBe(true);
    expect(await counters.recordCountsOnce('cashDispenser', made)).toBe(false);
    expect((await counters.latestCounters()).cashDispenser?.counters).toEqual({
      cassettes,
      rejectBin: 1,
      retractBin: 5,
    });
    await db.destroy();
  });

  it('fault: the cassettes a retract after an unknown dispense took the notes from, caught up after a restart: set once, the cassette it did not name kept', async () => {
    const { db, counters } = await countersOnFreshFile();
    const cassettes = [
      { cassette: 'upper', denominationFen: 10_000, notes: 200 },
      { cassette: 'lower', denominationFen: 5_000, notes: 200 },
    ];
    await counters.recordCounters('cashDispenser', { cassettes, retractBin: 2 });
    const after = await counters.lastRecord();
    const made = {
      counts: { retractBin: 4, cassettes: { upper: 198 } },
      before: { retractBin: 2, cassettes: { upper: 200 } },
      after,
    };
    expect(await counters.recordCountsOnce('cashDispenser', made)).toBe(true);
    expect(await counters.recordCountsOnce('cashDispenser', made)).toBe(false);
    expect((await counters.latestCounters()).cashDispenser?.counters).toEqual({
      cassettes: [{ ...cassettes[0], notes: 198 }, cassettes[1]],
      retractBin: 4,
    });
    await db.destroy();
  });

  it('the cassettes refilled since a retract was journaled: its counts caught up never overwrite the refill', async () => {
    const { db, counters } = await countersOnFreshFile();
    const cassettes = [{ cassette: 'upper', denominationFen: 10_000, notes: 200 }];
    await counters.recordCounters('cashDispenser', { cassettes, retractBin: 2 });
    const after = await counters.lastRecord();
    // staff refilled the cassette (and emptied nothing) before the retract's counts were caught up
    const refilled = [{ cassette: 'upper', denominationFen: 10_000, notes: 300 }];
    await counters.recordCounters('cashDispenser', { cassettes: refilled, retractBin: 2 });
    const made = {
      counts: { retractBin: 4, cassettes: { upper: 198 } },
      before: { retractBin: 2, cassettes: { upper: 200 } },
      after,
    };
    expect(await counters.recordCountsOnce('cashDispenser', made)).toBe(false);
    expect((await counters.latestCounters()).cashDispenser?.counters).toEqual({
      cassettes: refilled,
      retractBin: 2,
    });
    await db.destroy();
  });
});

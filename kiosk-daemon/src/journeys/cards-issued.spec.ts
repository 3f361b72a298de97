/**
 * The cards issued count (`cards-issued.ts`) on the real journal (in-memory SQLite): a card counts
 * once, when its hand-over is journaled; a hand-over counted again (a restart resumed it, recovery
 * after the journey) moves nothing; a restart between the hand-over step and its count is caught
 * up once by the self test; the printer's other counts carry it; no card number in the counters.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { catchUpCardsIssued, CARD_TAKEN_STEP, countCardIssued } from './cards-issued.js';

async function world() {
  const { db, journal } = await openMemoryJournal();
  await journal.counters.recordCounters('cardPrinter', { blanks: 40, rejectBin: 0 });
  const issued = async () => (await journal.counters.latestCounters()).cardPrinter?.counters.issued;
  const handOvers = async (tx: string) =>
    (await journal.stepsOf(tx)).filter((s) => s.step === CARD_TAKEN_STEP).map((s) => JSON.parse(s.detail!));
  const cardMaking = () => journal.openTransaction('s1', 'issueCard');
  return { db, journal, issued, handOvers, cardMaking };
}

describe('cards issued', () => {
  it('a card handed over is journaled with the count it makes and counted once; the next card counts the next', async () => {
    const w = await world();
    const first = await w.cardMaking();
    const second = await w.cardMaking();
    expect(await countCardIssued(w.journal, first, 'H41******999')).toBe(1);
    expect(await countCardIssued(w.journal, second, 'H41******998')).toBe(2);
    expect(await w.issued()).toBe(2);
    expect(await w.handOvers(first)).toEqual([{ card: 'H41******999', issued: 1 }]);
    // the printer's own counts stay as recorded; only the count moved
    expect((await w.journal.counters.latestCounters()).cardPrinter?.counters).toEqual({
      blanks: 40,
      rejectBin: 0,
      issued: 2,
    });
    await w.db.destroy();
  });

  it('fault: the same hand-over counted again (recovery after the journey, a staff verdict sent again) is not counted twice', async () => {
    const w = await world();
    const tx = await w.cardMaking();
    await countCardIssued(w.journal, tx, 'H41******999');
    const steps = await w.journal.stepsOf(tx);
    expect(await countCardIssued(w.journal, tx, 'H41******999', { by: 'recovery' }, steps)).toBe(1);
    expect(await countCardIssued(w.journal, tx, 'H41******999', { staff: 'FS-0002' })).toBe(1);
    expect(await w.issued()).toBe(1);
    expect(await w.handOvers(tx)).toHaveLength(1);
    await w.db.destroy();
  });

  it('fault: a restart between the hand-over step and its count: the self test catches the count up, once', async () => {
    const w = await world();
    const tx = await w.cardMaking();
    // the kiosk stopped right after the step was written: the counters never heard of it
    await w.journal.recordStep(tx, CARD_TAKEN_STEP, 'event', { card: 'H41******999', issued: 1 });
    expect(await w.issued()).toBeUndefined();
    expect(await catchUpCardsIssued(w.journal)).toBe(1);
    expect(await catchUpCardsIssued(w.journal)).toBeUndefined();
    // recovery of that card making then finds its hand-over journaled: not counted again
    expect(await countCardIssued(w.journal, tx, 'H41******999', { by: 'recovery' })).toBe(1);
    expect(await w.issued()).toBe(1);
    // and the next card counts on from it
    expect(await countCardIssued(w.journal, await w.cardMaking(), 'H41******998')).toBe(2);
    await w.db.destroy();
  });

  it('fault: the count of the last hand-over was not recorded and no restart came: the next card still counts on from it', async () => {
    const w = await world();
    await w.journal.recordStep(await w.cardMaking(), CARD_TAKEN_STEP, 'event', {
      card: 'H41******999',
      issued: 1,
    });
    expect(await countCardIssued(w.journal, await w.cardMaking(), 'H41******998')).toBe(2);
    expect(await w.issued()).toBe(2);
    await w.db.destroy();
  });

  it('fault: the counters write fails after the hand-over is journaled: the hand-over stands (the office is still told), the next self test records the count', async () => {
    const w = await world();
    const tx = await w.cardMaking();
    const recordIssued = w.journal.counters.recordIssued.bind(w.journal.counters);
    w.journal.counters.recordIssued = () =>
      Promise.reject(new KioskError(ErrorCode.JOURNAL_WRITE_FAILED, 'disk full'));
    await expect(countCardIssued(w.journal, tx, 'H41******999')).resolves.toBe(1);
    expect(await w.handOvers(tx)).toEqual([{ card: 'H41******999', issued: 1 }]);
    expect(await w.issued()).toBeUndefined();
    w.journal.counters.recordIssued = recordIssued;
    expect(await catchUpCardsIssued(w.journal)).toBe(1);
    expect(await w.issued()).toBe(1);
    await w.db.destroy();
  });

  it("an older release's hand-over without a count, recovered now: counted once, its count journaled beside it", async () => {
    const w = await world();
    const tx = await w.cardMaking();
    await w.journal.recordStep(tx, CARD_TAKEN_STEP, 'event', { card: 'H41******999' });
    expect(await countCardIssued(w.journal, tx, 'H41******999', { by: 'recovery' })).toBe(1);
    expect(await countCardIssued(w.journal, tx, 'H41******999', { by: 'recovery' })).toBe(1);
    expect(await w.handOvers(tx)).toEqual([
      { card: 'H41******999' },
      { card: 'H41******999', issued: 1, by: 'recovery' },
    ]);
    await w.db.destroy();
  });

  it('the printer counts recorded after a hand-over (a blank fed, a bin emptied) carry the issued count', async () => {
    const w = await world();
    await countCardIssued(w.journal, await w.cardMaking(), 'H41******999');
    await w.journal.counters.recordCounters('cardPrinter', { blanks: 39 });
    await w.journal.counters.recordCounters('cardPrinter', { blanks: 39, rejectBin: 0 });
    expect((await w.journal.counters.latestCounters()).cardPrinter?.counters).toEqual({
      blanks: 39,
      rejectBin: 0,
      issued: 1,
    });
    // the counters hold counts only: no card number, masked or not
    const rows = await w.db.query<{ counters: string }[]>('SELECT "counters" FROM "device_counters"');
    expect(rows.map((r) => r.counters).join()).not.toMatch(/H41|card/);
    await w.db.destroy();
  });
});

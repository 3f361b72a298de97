import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import { journalStopOf } from './journal-stop.js';
import { openMemoryJournal } from './memory-journal.spec-support.js';

describe('the journal stop', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('fault: an end that never finishes does not hold the stop past its bound; what was not written is named', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const { db, journal } = await openMemoryJournal();
    const tx = await journal.openTransaction('s1', 'withdraw');
    void journal.stopWaitsFor(`the close of ${tx}`, () => new Promise<void>(() => undefined));

    await journalStopOf(db).stop(20);

    expect(errors.mock.calls.map(([m]) => String(m))).toEqual([
      `the journal closes with writes still under way after 20 ms (not written; recovery finishes their transactions at the next start): the close of ${tx}`,
    ]);
    await expect(journal.closeTransaction(tx, 'completed', null)).rejects.toMatchObject({
      code: ErrorCode.JOURNAL_WRITE_FAILED,
      details: { stopping: true },
    });
    await db.destroy();
  });

  it('what an end the stop waits for holds for its next write is written before the connection closes', async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const { db, journal } = await openMemoryJournal();
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(tx, 'card.eject', 'intent');
    let go!: () => void;
    const ready = new Promise<void>((resolve) => (go = resolve));
    const ending = journal.stopWaitsFor(`the end of ${tx}`, async () => {
      await ready;
      await journal.recordStep(tx, 'card.eject', 'done', undefined, new Date(), { withNextWrite: true });
    });
    const stopping = journalStopOf(db).stop();
    go();
    await Promise.all([ending, stopping]);

    expect((await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`)).toEqual([
      'card.eject:intent',
      'card.eject:done',
    ]);
    await db.destroy();
  });
});

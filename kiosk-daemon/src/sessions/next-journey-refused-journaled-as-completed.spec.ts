/**
 * Fault (next-journey-refused-journaled-as-completed): at "anything else?", a journey the session
 * machine refuses (every journey at the card's records limit with the receipt printer down,
 * CARD_RECORDS_PRINT_REQUIRED; all but the records at the limit) was journaled all the same: the
 * daemon closed the journey before and opened a transaction for the refused one before the machine
 * refused it, so the journal, the metrics and the fleet counted the refused try as the session's
 * journey, closed "completed" with the refusal's code; and the refusal's error, left in the
 * session's context, was read as the close code of the journey before. Now a refused try is told
 * to the machine alone (its words on the screen), nothing journaled; the journey before keeps its
 * transaction and its own close code. The daemon's session start and end, the real session
 * machine (its device and host actors answered at once), the real journal in a SQLite file.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { atAnythingElse, closeSessions } from './anything-else.spec-support.js';

afterEach(closeSessions);

describe('fault: next-journey-refused-journaled-as-completed', () => {
  it('every journey refused with the printer down at the records limit: nothing journaled, the withdrawal the session’s, closed as it ended', async () => {
    const k = await atAnythingElse(false);
    await k.choose('records');
    await k.choose('balance');
    expect(k.view()).toMatchObject({
      step: 'chooseJourney',
      error: { code: ErrorCode.CARD_RECORDS_PRINT_REQUIRED },
    });
    expect(k.running.journey).toBe('withdraw');
    expect(await k.transactions()).toEqual([{ journey: 'withdraw', outcome: null, errorCode: null }]);

    await k.finish();
    expect(await k.transactions()).toEqual([{ journey: 'withdraw', outcome: 'completed', errorCode: null }]);
    expect(k.told).toEqual([
      expect.objectContaining({ journey: 'withdraw', outcome: 'completed', code: null }),
    ]);
    expect(await k.counted()).toEqual([{ journey: 'withdraw', outcome: 'completed', count: 1 }]);
  });

  it('a journey refused at the limit, then the records: the withdrawal closed with its own code, the records journaled once', async () => {
    const k = await atAnythingElse(true);
    await k.choose('balance');
    expect(k.view().error).toMatchObject({ code: ErrorCode.CARD_RECORDS_PRINT_REQUIRED });
    expect(await k.transactions()).toEqual([{ journey: 'withdraw', outcome: null, errorCode: null }]);

    await k.choose('records');
    await waitFor(
      k.running.actor,
      (s) => s.matches({ cardIn: 'journeyDone' }) && s.context.journey === 'records',
    );
    expect(await k.transactions()).toEqual([
      { journey: 'withdraw', outcome: 'completed', errorCode: null },
      { journey: 'records', outcome: null, errorCode: null },
    ]);

    await k.finish();
    expect(await k.transactions()).toEqual([
      { journey: 'withdraw', outcome: 'completed', errorCode: null },
      { journey: 'records', outcome: 'completed', errorCode: null },
    ]);
    expect(k.told).toEqual([
      expect.objectContaining({ journey: 'records', outcome: 'completed', code: null }),
    ]);
    expect(await k.counted()).toEqual([{ journey: 'records', outcome: 'completed', count: 1 }]);
  });
});

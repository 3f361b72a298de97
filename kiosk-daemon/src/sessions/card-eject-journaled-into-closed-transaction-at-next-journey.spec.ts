/**
 * Fault (card-eject-journaled-into-closed-transaction-at-next-journey): a journey chosen at
 * "anything else?" closed the journey before, then opened its own transaction. When the session's
 * step timed out while that close was awaited, the card went back under the session's transaction,
 * the journey before's, closed already: its `card.eject` intent and done were late writes into a
 * closed transaction, read by neither boot recovery nor staff (who look at open ones), so a restart
 * then left the card unaccounted for. The card is the session's, not a journey's: the new journey's
 * transaction is now opened and made the session's before the journey before closes, so the card's
 * steps go to it, and the session's end closes it after them (rejected, SESSION_TIMED_OUT: the
 * journey never ran). The daemon's session start and end, the real session machine (its card
 * handed back journaled as the daemon's actor does), the real journal in a SQLite file; the
 * session's step on Jest's clock, the close of the journey before written and then held by the spec.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { closeSessions, stepTimedOutWhileSwitchHeld } from './anything-else.spec-support.js';

const STEP_MS = 30_000;

afterEach(async () => {
  jest.useRealTimers();
  await closeSessions();
});

describe('fault: card-eject-journaled-into-closed-transaction-at-next-journey', () => {
  it('the step times out while the withdrawal closes: the card’s steps go to the records’ open transaction, closed after them', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const { k, chosen } = await stepTimedOutWhileSwitchHeld('closeTransaction', STEP_MS);

    await expect(chosen).rejects.toMatchObject({ code: ErrorCode.SESSION_TIMED_OUT });
    await k.settled();
    // the card accounted for in a transaction open when its steps were written, closed after them
    expect(await k.steps()).toEqual([
      { journey: 'records', step: 'card.eject:intent' },
      { journey: 'records', step: 'card.eject:done' },
    ]);
    expect(await k.transactions()).toEqual([
      { journey: 'withdraw', outcome: 'completed', errorCode: null },
      { journey: 'records', outcome: 'rejected', errorCode: ErrorCode.SESSION_TIMED_OUT },
    ]);
    expect(k.told).toEqual([expect.objectContaining({ journey: 'withdraw' })]);
  });
});

/**
 * Fault (next-journey-switch-left-open-by-screen-timeout): a journey chosen at "anything else?"
 * closes the journey before and opens its own transaction, then tells the session machine. When the
 * session's step timed out while the new transaction was being opened, the card went back and the
 * session ended under the old transaction; the switch then made the new one the session's, ended
 * already: nothing closed it (or, had the session ended later, it closed that journey, never run, as
 * the session's). The other window, the step timing out while the close of the journey before is
 * awaited, is the e2e ended-view-before-journal-close's. Now the journey chosen does not start, its
 * transaction is closed at once (rejected, SESSION_TIMED_OUT), the start refused with that code, and
 * the session's end closes nothing twice. The daemon's session start and end, the real session
 * machine (its device and host actors answering at once), the real journal in a SQLite file; the
 * session's step on Jest's clock, the new transaction's open held by the spec.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { closeSessions, stepTimedOutWhileSwitchHeld } from './anything-else.spec-support.js';

const STEP_MS = 30_000;

afterEach(async () => {
  jest.useRealTimers();
  await closeSessions();
});

describe('fault: next-journey-switch-left-open-by-screen-timeout', () => {
  it('the step times out while the records’ transaction opens: it is closed at once, the withdrawal once, the start refused', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const { k, chosen } = await stepTimedOutWhileSwitchHeld('openTransaction', STEP_MS);

    await expect(chosen).rejects.toMatchObject({ code: ErrorCode.SESSION_TIMED_OUT });
    await k.settled();
    expect(await k.transactions()).toEqual([
      { journey: 'withdraw', outcome: 'completed', errorCode: null },
      { journey: 'records', outcome: 'rejected', errorCode: ErrorCode.SESSION_TIMED_OUT },
    ]);
    expect(k.told).toEqual([expect.objectContaining({ journey: 'withdraw', outcome: 'completed' })]);
  });
});

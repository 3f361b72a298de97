/**
 * Fault (rejected-next-journey-left-open-when-its-close-refused): a journey chosen at "anything
 * else?" opens its transaction first; when the session went on while it opened (its step timed out,
 * the card going back), the switch closes that transaction at once, rejected with why, and the
 * session keeps the journey before's (ADR 0028). When the journal refused that close (a full disk, a
 * lock), the switch threw the journal's refusal and forgot the transaction: never tried again, it
 * stayed open after the session's end, read by the supervisor's list as a journey under way and left
 * to the next boot's recovery, which closes it as a journey cut short (interrupted), not as the
 * journey that never started. Now its close is owed as a refused close of the journey before at a
 * switch is (`closeOwed`): tried again at the session's next close, here its end; refused again,
 * logged and left open for boot recovery. The start is refused with the session's own reason, so
 * the journal's refusal, which it no longer carries to the screen and the gateway's error count, is
 * logged at the switch (rejected-next-journey-close-refusal-said-nowhere: before, nothing said it
 * when the close was taken at the session's end).
 * The daemon's session start and end, the real session machine, the real journal in a SQLite file
 * refusing the records' closes by a trigger; the session's step on Jest's clock, the new
 * transaction's open written and then held by the spec.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import { waitFor } from 'xstate';
import {
  atAnythingElse,
  closeSessions,
  journalCallHeld,
  refuseClosesOf,
  takesClosesAgain,
} from './anything-else.spec-support.js';

const STEP_MS = 30_000;

afterEach(async () => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  await closeSessions();
});

/**
 * The records chosen at "anything else?" with their closes refused; the step times out while their
 * transaction opens, the card goes back, then the open is answered. Answers the world and the start's
 * answer, once the switch is done.
 */
async function stepTimedOutWhileOpenHeldAndCloseRefused() {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  const hold = journalCallHeld('openTransaction');
  const k = await atAnythingElse(true, { stepMs: STEP_MS, journal: hold.journal });
  await refuseClosesOf(k, 'journey', 'records');
  hold.arm();
  const chosen = k.choose('records').then(
    () => undefined,
    (e: unknown) => e,
  );
  await hold.reached;
  jest.advanceTimersByTime(STEP_MS);
  await waitFor(k.running.actor, (s) => s.matches('takeCard'));
  hold.release();
  return { k, refused: await chosen };
}

/** the card taken: the session ended, its end settled */
async function cardTaken(k: Awaited<ReturnType<typeof atAnythingElse>>) {
  k.running.actor.send({ type: 'CARD_TAKEN' });
  await waitFor(k.running.actor, (s) => s.status === 'done');
  await k.settled();
}

describe('fault: rejected-next-journey-left-open-when-its-close-refused', () => {
  it('the records’ rejected close refused while the card goes back: closed at the session’s end, rejected with why, the withdrawal as it ended', async () => {
    const { k, refused } = await stepTimedOutWhileOpenHeldAndCloseRefused();
    await takesClosesAgain(k);

    await cardTaken(k);
    expect(await k.transactions()).toEqual([
      { journey: 'withdraw', outcome: 'completed', errorCode: null },
      { journey: 'records', outcome: 'rejected', errorCode: ErrorCode.SESSION_TIMED_OUT },
    ]);
    expect(k.told).toEqual([expect.objectContaining({ journey: 'withdraw', outcome: 'completed' })]);
    // the start refused for the session going on, the journal's refusal owed
    expect(refused).toMatchObject({ code: ErrorCode.SESSION_TIMED_OUT });
  });

  it('rejected-next-journey-close-refusal-said-nowhere: the journal’s refusal at the switch is logged as it happens, though the start names the session’s reason', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { k, refused } = await stepTimedOutWhileOpenHeldAndCloseRefused();

    expect(refused).toMatchObject({ code: ErrorCode.SESSION_TIMED_OUT });
    const [records] = (await k.db.query(
      `SELECT "id" FROM "journal_transaction" WHERE "journey" = 'records'`,
    )) as { id: string }[];
    expect(warned.mock.calls.map(([m]) => String(m))).toEqual([
      expect.stringContaining(`journal close failed for ${records!.id}: ${ErrorCode.JOURNAL_WRITE_FAILED}`),
    ]);
    await takesClosesAgain(k);
    await cardTaken(k);
  });

  it('refused again at the session’s end: logged and left open for boot recovery, the withdrawal closed all the same', async () => {
    const failed = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { k } = await stepTimedOutWhileOpenHeldAndCloseRefused();

    await cardTaken(k);
    expect(await k.transactions()).toEqual([
      { journey: 'withdraw', outcome: 'completed', errorCode: null },
      { journey: 'records', outcome: null, errorCode: null },
    ]);
    const [records] = (await k.db.query(
      `SELECT "id" FROM "journal_transaction" WHERE "journey" = 'records'`,
    )) as { id: string }[];
    expect(failed).toHaveBeenCalledWith(
      `journal close failed for ${records!.id}: ${ErrorCode.JOURNAL_WRITE_FAILED}`,
    );
  });
});

/**
 * Fault (card-steps-split-when-journey-before-close-refused): a journey chosen at "anything else?"
 * opens its transaction and makes it the session's before the journey before closes, so a card step
 * journaled during that close goes to a transaction still open. When the journal refused that close,
 * the switch pointed the session back at the journey before and closed the new transaction, rejected:
 * a card handed back meanwhile had its eject in the closed, rejected transaction and its next steps
 * (taken, captured) in the journey before's. A restart while the card lay at the slot found it in no
 * open transaction (boot recovery gives a card at the slot to the open one whose last card step left
 * it there, `slotCardOwner`), so it was handed back and captured as a card nobody's journal claims;
 * the supervisor's journal showed the card given back under a journey that never ran and captured
 * under the withdrawal. Now the new transaction stays the session's, the card's one home, closed by
 * the session's end after its steps (rejected, with the journal's code), and the journey before's
 * close is owed: tried again, oldest first, at the next switch or the session's end. The daemon's
 * session start and end, the real session machine (its card moves journaled as the daemon's actors
 * do), the real journal in a SQLite file refusing the close by a trigger, as the store refuses a
 * write it cannot make; the session's steps on Jest's clock.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { recentJournal } from '../maintenance/recent-journal.js';
import type { MaintenanceService } from '../maintenance/maintenance.service.js';
import {
  atAnythingElse,
  closeSessions,
  journalCallHeld,
  refuseClosesOf,
  takesClosesAgain,
} from './anything-else.spec-support.js';
import { slotCardOwner } from './slot-card-journal.js';

const STEP_MS = 30_000;
/** the take timeout the spec support's session runs with */
const CARD_TAKE_MS = 60_000;

type World = Awaited<ReturnType<typeof atAnythingElse>>;

/** The store refuses to close `transactionId` (a full disk, a lock) until `takesClosesAgain`. */
const refuseCloseOf = (k: World, transactionId: string) => refuseClosesOf(k, 'id', transactionId);

/** The journey of the open transaction boot recovery would give a card at the slot to, now. */
async function cardAtSlotOwnedBy(k: World): Promise<string | undefined> {
  const open = await k.journal.openTransactions();
  const owner = await slotCardOwner(
    k.journal,
    open.map((t) => t.id),
  );
  return open.find((t) => t.id === owner)?.journey;
}

/** What the supervisor's journal (`GET /maintenance/journal`) shows of the session, oldest first. */
async function supervisorsJournal(k: World): Promise<unknown[]> {
  const visit = await k.journal.openTransaction('staff', 'maintenance');
  const maintenance = { visitOf: () => ({}), transactionOf: () => visit } as unknown as MaintenanceService;
  const rows = (await recentJournal(maintenance, k.journal, 'token')) as Record<string, unknown>[];
  return rows
    .filter((t) => t['journey'] !== 'maintenance')
    .reverse()
    .map(({ journey, outcome, errorCode, steps }) => ({ journey, outcome, errorCode, steps }));
}

const CARD_BACK_AND_CAPTURED = [
  'card.eject:intent',
  'card.eject:done',
  'card.retract:intent',
  'card.retract:done',
];

afterEach(async () => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  await closeSessions();
});

describe('fault: card-steps-split-when-journey-before-close-refused', () => {
  it('the withdrawal’s close refused while the card goes back: recovery and the supervisor find the card in the records’ transaction alone, closed after its steps', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const warned = jest.spyOn(Logger.prototype, 'warn');
    const hold = journalCallHeld('closeTransaction');
    const k = await atAnythingElse(true, { stepMs: STEP_MS, journal: hold.journal });
    await refuseCloseOf(k, k.running.transactionId);
    hold.arm();
    const chosen = k.choose('records');
    chosen.catch(() => undefined);
    // the withdrawal's close refused, its answer held: meanwhile the step times out, the card goes back
    await hold.reached;
    jest.advanceTimersByTime(STEP_MS);
    await waitFor(k.running.actor, (s) => s.matches('takeCard'));
    hold.release();
    await expect(chosen).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
    await takesClosesAgain(k);

    // a restart now, the card at the slot: boot recovery finds it in an open transaction
    expect(await cardAtSlotOwnedBy(k)).toBe('records');

    // not taken: captured, the session ends
    jest.advanceTimersByTime(CARD_TAKE_MS);
    await waitFor(k.running.actor, (s) => s.status === 'done');
    await k.settled();
    expect(await supervisorsJournal(k)).toEqual([
      { journey: 'withdraw', outcome: 'completed', errorCode: null, steps: [] },
      {
        journey: 'records',
        outcome: 'rejected',
        errorCode: ErrorCode.JOURNAL_WRITE_FAILED,
        steps: CARD_BACK_AND_CAPTURED,
      },
    ]);
    // none of the card's steps written into a transaction closed before it
    expect(warned.mock.calls.filter(([m]) => String(m).includes('journaled late'))).toEqual([]);
  });

  it('the withdrawal’s close refused at "anything else?": the records refused; chosen again once the journal takes writes, each transaction closed once, the card with the records run', async () => {
    const k = await atAnythingElse(true);
    await refuseCloseOf(k, k.running.transactionId);
    await expect(k.choose('records')).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
    expect(k.view()).toMatchObject({ step: 'chooseJourney' });
    await takesClosesAgain(k);

    await k.choose('records');
    await waitFor(
      k.running.actor,
      (s) => s.matches({ cardIn: 'journeyDone' }) && s.context.journey === 'records',
    );
    await k.finish();
    expect(await supervisorsJournal(k)).toEqual([
      { journey: 'withdraw', outcome: 'completed', errorCode: null, steps: [] },
      { journey: 'records', outcome: 'rejected', errorCode: ErrorCode.JOURNAL_WRITE_FAILED, steps: [] },
      {
        journey: 'records',
        outcome: 'completed',
        errorCode: null,
        steps: ['card.eject:intent', 'card.eject:done'],
      },
    ]);
  });

  it('the withdrawal’s close refused at two switches: each records closed once, rejected, the card’s steps in the last; the session told and counted under the withdrawal it ran', async () => {
    const k = await atAnythingElse(true);
    await refuseCloseOf(k, k.running.transactionId);
    await expect(k.choose('records')).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
    await expect(k.choose('records')).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
    // the session holds the second records' transaction; the journey it ran is still the withdrawal
    expect(k.running).toMatchObject({ journey: 'withdraw', transactionJourney: 'records' });
    await takesClosesAgain(k);

    await k.finish();
    const rejected = { journey: 'records', outcome: 'rejected', errorCode: ErrorCode.JOURNAL_WRITE_FAILED };
    expect(await supervisorsJournal(k)).toEqual([
      { journey: 'withdraw', outcome: 'completed', errorCode: null, steps: [] },
      { ...rejected, steps: [] },
      { ...rejected, steps: ['card.eject:intent', 'card.eject:done'] },
    ]);
    expect(k.told).toEqual([expect.objectContaining({ journey: 'withdraw', outcome: 'completed' })]);
    expect(await k.counted()).toEqual([{ journey: 'withdraw', outcome: 'completed', count: 1 }]);
  });

  it('the withdrawal’s close refused again at the session’s end: left open for boot recovery, logged; the card’s transaction closed all the same', async () => {
    const failed = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const k = await atAnythingElse(true);
    const withdrawal = k.running.transactionId;
    await refuseCloseOf(k, withdrawal);
    await expect(k.choose('records')).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });

    await k.finish();
    expect(await supervisorsJournal(k)).toEqual([
      { journey: 'withdraw', outcome: null, errorCode: null, steps: [] },
      {
        journey: 'records',
        outcome: 'rejected',
        errorCode: ErrorCode.JOURNAL_WRITE_FAILED,
        steps: ['card.eject:intent', 'card.eject:done'],
      },
    ]);
    expect(failed).toHaveBeenCalledWith(
      `journal close failed for ${withdrawal}: ${ErrorCode.JOURNAL_WRITE_FAILED}`,
    );
  });
});

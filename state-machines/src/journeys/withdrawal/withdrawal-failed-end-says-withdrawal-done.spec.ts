/**
 * Fault: every end of the withdrawal is its final state (`done`), which the screen shows as the
 * withdrawal's done screen (cashWithdrawn). Its details told a reversed end apart (5a8def33) but no
 * other that paid nothing out: refused, cancelled or timed out before the host held anything; a
 * reversal of the hold that got no answer; a retract that failed, the notes' whereabouts unknown.
 * Those read "Withdrawal done, count your cash" to a resident who got no money. The details now say
 * how each such end stands (`notPaid`), and nothing once cash was taken.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError, type WithdrawalNotPaid } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { journeyDetailsOf } from '../../session/journey-details.js';
import type { SessionSnapshot } from '../../session/session-view.js';
import { settle } from '../../testing/pending-actor.js';
import { QUOTA, STEP_MS, startWithdrawal, type WithdrawalHarness } from '../../testing/withdrawal-harness.js';

const refused = (code: ErrorCode) => new KioskError(code, code);

/** The withdrawal's details as the session's view gives them, the journey running in `withdrawing`. */
function detailsAtEnd(h: WithdrawalHarness) {
  const session = {
    matches: (value: unknown) => JSON.stringify(value) === JSON.stringify({ cardIn: 'withdrawing' }),
    children: { journey: h.actor },
  } as unknown as SessionSnapshot;
  return journeyDetailsOf(session, 'en');
}

async function amountChosen(h: WithdrawalHarness): Promise<void> {
  h.fakes.fetchWithdrawalQuota.last.resolve(QUOTA);
  await waitFor(h.actor, (s) => s.matches('chooseAmount'));
  h.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: 30_000 });
  await settle();
}

/** authorised, journaled, counted and presented: the notes at the slot */
async function cashAtSlot(h: WithdrawalHarness): Promise<void> {
  await amountChosen(h);
  h.fakes.authoriseWithdrawal.last.resolve({ transactionId: 'tx-1' });
  await settle();
  h.fakes.journalWithdrawal.last.resolve();
  await settle();
  h.fakes.dispenseCash.last.resolve({ dispensedFen: 30_000 });
  await settle();
  h.fakes.presentCash.last.resolve();
  await waitFor(h.actor, (s) => s.matches('takeCash'));
}

/** the cash left at the slot past its take time and retracted */
async function cashRetracted(h: WithdrawalHarness): Promise<void> {
  await cashAtSlot(h);
  h.clock.increment(h.actor.getSnapshot().context.cashTakeMs);
  await settle();
  h.fakes.retractCash.last.resolve();
  await waitFor(h.actor, (s) => s.matches('reversing'));
}

const ENDS: readonly [string, WithdrawalNotPaid, (h: WithdrawalHarness) => Promise<void>][] = [
  [
    'no withdrawal left today',
    'nothingTaken',
    async (h) => h.fakes.fetchWithdrawalQuota.last.resolve({ ...QUOTA, withdrawalsToday: 2 }),
  ],
  [
    'the host refuses the limits',
    'nothingTaken',
    async (h) => h.fakes.fetchWithdrawalQuota.last.reject(refused(ErrorCode.ANOMALY_BLOCKED)),
  ],
  [
    'cancelled at the amount',
    'nothingTaken',
    async (h) => {
      h.fakes.fetchWithdrawalQuota.last.resolve(QUOTA);
      await waitFor(h.actor, (s) => s.matches('chooseAmount'));
      h.actor.send({ type: 'CANCEL' });
    },
  ],
  [
    'no amount chosen within the step',
    'nothingTaken',
    async (h) => {
      h.fakes.fetchWithdrawalQuota.last.resolve(QUOTA);
      await waitFor(h.actor, (s) => s.matches('chooseAmount'));
      h.clock.increment(STEP_MS);
    },
  ],
  [
    'the host refuses the authorisation',
    'nothingTaken',
    async (h) => {
      await amountChosen(h);
      h.fakes.authoriseWithdrawal.last.reject(refused(ErrorCode.INSUFFICIENT_BALANCE));
    },
  ],
  [
    'the authorisation unanswered, its reversal answered',
    'returned',
    async (h) => {
      await amountChosen(h);
      h.fakes.authoriseWithdrawal.last.reject(refused(ErrorCode.HOST_TIMEOUT));
      await waitFor(h.actor, (s) => s.matches('reversing'));
      h.fakes.reverseWithdrawal.last.resolve();
    },
  ],
  [
    'the authorisation unanswered, its reversal too',
    'returning',
    async (h) => {
      await amountChosen(h);
      h.fakes.authoriseWithdrawal.last.reject(refused(ErrorCode.HOST_TIMEOUT));
      await waitFor(h.actor, (s) => s.matches('reversing'));
      h.fakes.reverseWithdrawal.last.reject(refused(ErrorCode.HOST_TIMEOUT));
    },
  ],
  [
    'the cash not taken, retracted, the reversal within the step unanswered',
    'returning',
    async (h) => {
      await cashRetracted(h);
      h.clock.increment(STEP_MS);
    },
  ],
  [
    'the cash not taken and the retract fails',
    'forStaff',
    async (h) => {
      await cashAtSlot(h);
      h.clock.increment(h.actor.getSnapshot().context.cashTakeMs);
      await settle();
      h.fakes.retractCash.last.reject(refused(ErrorCode.CASH_JAM));
    },
  ],
];

describe('fault: a failed withdrawal’s end says "Withdrawal done"', () => {
  it.each(ENDS)('%s: its end says no cash was paid out (%s)', async (_, notPaid, road) => {
    const h = startWithdrawal();
    await road(h);
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().context.paidFen).toBe(0);
    expect(detailsAtEnd(h)).toMatchObject({ kind: 'withdraw', notPaid });
  });

  it('the cash taken: its end says nothing of an unpaid withdrawal', async () => {
    const h = startWithdrawal();
    await cashAtSlot(h);
    h.actor.send({ type: 'CASH_TAKEN' });
    await settle();
    h.fakes.confirmWithdrawal.last.resolve();
    await settle();
    h.fakes.printWithdrawalReceipt.last.resolve();
    await waitFor(h.actor, (s) => s.matches('withdrawn'));
    h.actor.send({ type: 'FINISH' });
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(detailsAtEnd(h)).toMatchObject({ kind: 'withdraw', receiptPrinted: true });
    expect(detailsAtEnd(h)).not.toHaveProperty('notPaid');
  });
});

/**
 * What the specs of the withdrawal's dispenser steps past the step timeout share (the dispense,
 * the presentation, the retract): the journey led up to its dispense, its presentation or its
 * retract, the notes taken and confirmed once the dispenser answered, and the retract answered
 * then the hold reversed.
 */
import { expect } from '@jest/globals';
import { waitFor } from 'xstate';
import { CASH_TAKE_MS, QUOTA, type WithdrawalHarness } from '../../testing/withdrawal-harness.js';

export const AMOUNT = 30_000;

/** The journey up to its dispense under way: the quota, the amount, the hold (`transactionId`), journaled. */
export async function reachDispensing(h: WithdrawalHarness, transactionId: string): Promise<void> {
  h.fakes.fetchWithdrawalQuota.last.resolve(QUOTA);
  await waitFor(h.actor, (s) => s.matches('chooseAmount'));
  h.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: AMOUNT });
  h.fakes.authoriseWithdrawal.last.resolve({ transactionId });
  await waitFor(h.actor, (s) => s.matches('journaling'));
  h.fakes.journalWithdrawal.last.resolve();
  await waitFor(h.actor, (s) => s.matches('dispensing'));
}

/**
 * The presentation answers, the resident takes the notes: the journey confirms AMOUNT paid on the
 * hold `transactionId`.
 */
export async function presentedTakenAndConfirmed(h: WithdrawalHarness, transactionId: string): Promise<void> {
  h.fakes.presentCash.last.resolve();
  await waitFor(h.actor, (s) => s.matches('takeCash'), { timeout: 500 });
  h.actor.send({ type: 'CASH_TAKEN' });
  await waitFor(h.actor, (s) => s.matches('confirming'), { timeout: 500 });
  expect(h.fakes.confirmWithdrawal.last.input).toEqual({
    sessionId: 's-1',
    transactionId,
    paidFen: AMOUNT,
  });
}

/** The journey up to its presentation under way: the dispense answered with AMOUNT. */
export async function reachPresenting(h: WithdrawalHarness, transactionId: string): Promise<void> {
  await reachDispensing(h, transactionId);
  h.fakes.dispenseCash.last.resolve({ dispensedFen: AMOUNT });
  await waitFor(h.actor, (s) => s.matches('presenting'));
}

/** The notes presented and not taken: the take timeout (the resident's step) starts the retract. */
export async function reachRetracting(h: WithdrawalHarness, transactionId: string): Promise<void> {
  await reachPresenting(h, transactionId);
  h.fakes.presentCash.last.resolve();
  await waitFor(h.actor, (s) => s.matches('takeCash'));
  h.clock.increment(CASH_TAKE_MS);
  await waitFor(h.actor, (s) => s.matches('retractingCash'), { timeout: 500 });
}

/**
 * The retract answers: the journey reverses AMOUNT on the hold `transactionId` for `reason` and
 * ends failed, nothing paid, reversed, nothing left for staff.
 */
export async function retractAnsweredThenReversed(
  h: WithdrawalHarness,
  transactionId: string,
  reason: string,
): Promise<void> {
  h.fakes.retractCash.last.resolve();
  await waitFor(h.actor, (s) => s.matches('reversing'), { timeout: 500 });
  expect(h.fakes.reverseWithdrawal.last.input).toEqual({
    sessionId: 's-1',
    transactionId,
    amountFen: AMOUNT,
    reason,
  });
  h.fakes.reverseWithdrawal.last.resolve();
  await waitFor(h.actor, (s) => s.matches('done'), { timeout: 500 });
  expect(h.actor.getSnapshot().output).toMatchObject({
    outcome: 'failed',
    paidFen: 0,
    reversed: true,
    confirmed: false,
    needsReconciliation: false,
  });
}

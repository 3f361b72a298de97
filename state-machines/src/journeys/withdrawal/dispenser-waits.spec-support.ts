/**
 * What the specs of the withdrawal's dispenser steps past the step timeout share (the dispense,
 * the presentation, the retract): the journey led up to its dispense, and the notes taken and
 * confirmed once the dispenser answered.
 */
import { expect } from '@jest/globals';
import { waitFor } from 'xstate';
import { QUOTA, type WithdrawalHarness } from '../../testing/withdrawal-harness.js';

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

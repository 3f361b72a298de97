/**
 * The fault: RULES.md offers a withdrawal without paper but warns before it that no receipt comes.
 * Whether a receipt could be printed was read once, as the session began; the session's own
 * printing (the records printed before "anything else?", an earlier withdrawal's receipt) can use
 * the last paper up, and the amount screen then promised a receipt the printer could not give.
 * Now it is read again as the amounts are offered, as the notes held are.
 */
import { describe, expect, it } from '@jest/globals';
import { SimulatedClock, createActor, waitFor } from 'xstate';
import { PendingActor } from '../../testing/pending-actor.js';
import { QUOTA, withdrawalInput } from '../../testing/withdrawal-harness.js';
import { withdrawalMachine } from './withdrawal.machine.js';
import type { WithdrawalActorContracts as C } from './withdrawal.types.js';

function startWithPaper(paper: { left: boolean }) {
  const clock = new SimulatedClock();
  const fetchWithdrawalQuota = new PendingActor<
    C['fetchWithdrawalQuota']['output'],
    C['fetchWithdrawalQuota']['input']
  >();
  const actor = createActor(
    withdrawalMachine.provide({ actors: { fetchWithdrawalQuota: fetchWithdrawalQuota.logic } }),
    {
      // paper when the session began; read again through receiptAvailableNow
      input: { ...withdrawalInput(() => clock.now(), true), receiptAvailableNow: () => paper.left },
      clock,
    },
  ).start();
  return { actor, fetchWithdrawalQuota };
}

describe('fault: paper used up earlier in the session, the withdrawal still promises a receipt', () => {
  it('the amount screen warns that no receipt comes when the paper ran out after the session began', async () => {
    const paper = { left: false };
    const h = startWithPaper(paper);
    h.fetchWithdrawalQuota.last.resolve(QUOTA);
    await waitFor(h.actor, (s) => s.matches('chooseAmount'));
    expect(h.actor.getSnapshot().context.receiptAvailable).toBe(false);
  });

  it('paper still there: the receipt is promised', async () => {
    const h = startWithPaper({ left: true });
    h.fetchWithdrawalQuota.last.resolve(QUOTA);
    await waitFor(h.actor, (s) => s.matches('chooseAmount'));
    expect(h.actor.getSnapshot().context.receiptAvailable).toBe(true);
  });
});

/**
 * Fault: a withdrawal whose record brought the card's log to its unprinted-records limit (RULES.md:
 * the card then refuses further use until its records are printed) ended the session saying
 * nothing of it: the resident learnt it only at the card's next use, refused. The daemon's confirm
 * says so (`recordsPrintRequired`), the withdrawal's output carries it, and the ended screen's view
 * says it (`recordsPrintRequired`) unless a records journey of the session printed them since.
 */
import { describe, expect, it } from '@jest/globals';
import { toSessionView } from './session-view.js';
import {
  atStep,
  cardAndPin,
  idAndFace,
  startJourneySession,
  takeCardBack,
  type JourneySession,
} from '../testing/session-journeys-harness.js';

const QUOTA = { balanceFen: 356_780, withdrawnTodayFen: 0, withdrawalsToday: 0 };

/** a withdrawal of 300 yuan taken, the confirm answering `confirmed`, then the session ended */
async function withdrawAndLeave(
  s: JourneySession,
  confirmed: { recordsPrintRequired?: boolean } | undefined,
) {
  await cardAndPin(s, 'withdraw');
  await idAndFace(s);
  await s.answer('fetchWithdrawalQuota', QUOTA);
  await atStep(s, 'chooseAmount');
  s.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: 30_000 });
  await s.answer('authoriseWithdrawal', { transactionId: 'tx-1' });
  await s.answer('journalWithdrawal', undefined);
  await s.answer('dispenseCash', { dispensedFen: 30_000 });
  await s.answer('presentCash', undefined);
  await atStep(s, 'takeCash');
  s.actor.send({ type: 'CASH_TAKEN' });
  await s.answer('confirmWithdrawal', confirmed);
  await s.answer('printWithdrawalReceipt', undefined);
  await atStep(s, 'cashWithdrawn');
  s.actor.send({ type: 'FINISH' });
  await atStep(s, 'chooseJourney');
  s.actor.send({ type: 'FINISH' });
  await takeCardBack(s);
}

const view = (s: JourneySession) => toSessionView(s.actor.getSnapshot(), 'en');

describe('session: a withdrawal whose record brought the card to its unprinted-records limit', () => {
  it('the ended screen says the records must be printed before the card is used again', async () => {
    const s = startJourneySession();
    await withdrawAndLeave(s, { recordsPrintRequired: true });
    expect(s.actor.getSnapshot().output?.results?.[1]?.output).toMatchObject({
      confirmed: true,
      recordsPrintRequired: true,
    });
    expect(view(s)).toMatchObject({ step: 'ended', outcome: 'completed', recordsPrintRequired: true });
  });

  it('a record below the limit: the ended screen says nothing of printing', async () => {
    const s = startJourneySession();
    await withdrawAndLeave(s, {});
    expect(view(s).step).toBe('ended');
    expect(view(s).recordsPrintRequired).toBeUndefined();
  });
});

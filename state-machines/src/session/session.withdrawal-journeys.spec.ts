/**
 * The withdrawal run inside a session, with every journey's actors answered by the spec: the cash
 * taken and the card given back, the ID card not the holder's, the card pulled, Cancel and the
 * kiosk's abort around the money, the journey not offered, and the view kept free of who it is.
 */
import { describe, expect, it } from '@jest/globals';
import { toSessionView } from './session-view.js';
import { watchSession } from './watch-session.js';
import {
  atStep,
  cardAndPin,
  cashTaken,
  chooseAmount,
  idAndFace,
  journeyInput,
  startJourneySession,
  takeCardBack,
  ZHANG_ID_CARD,
} from '../testing/session-journeys-harness.js';
import { ZHANG_CARD, sessionInput } from '../testing/session-fixtures.js';
import { QUOTA } from '../testing/withdrawal-harness.js';

describe('session with the withdrawal journey', () => {
  it('withdraws cash after the PIN, the ID card and the face, then gives the card back', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'withdraw');
    await atStep(s, 'placeIdCard');
    expect(s.fakes.readIdCard.calls).toHaveLength(1);
    await idAndFace(s);
    await atStep(s, 'loadingQuota');
    await chooseAmount(s, 30_000);
    await s.answer('authoriseWithdrawal', { transactionId: 'tx-1' });
    await s.answer('journalWithdrawal', undefined);
    await cashTaken(s, 30_000);
    await atStep(s, 'chooseJourney'); // "anything else?" with the card still in
    s.actor.send({ type: 'FINISH' });
    await takeCardBack(s);

    const out = s.actor.getSnapshot().output;
    expect(out?.outcome).toBe('completed');
    expect(out?.results?.map((r) => r.journey)).toEqual(['identify', 'withdraw']);
    expect(out?.results?.[1]?.output).toMatchObject({ paidFen: 30_000, confirmed: true });
    expect(JSON.stringify(out)).not.toContain(ZHANG_CARD.idNumber);
  });

  it('refuses a withdrawal when the ID card is not the card holder’s, and returns the card', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'withdraw');
    await s.answer('readIdCard', { ...ZHANG_ID_CARD, idNumber: '410803196211092424' });
    await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
    expect(toSessionView(s.actor.getSnapshot(), 'en').error?.code).toBe('ID_MISMATCH');
    expect(s.fakes.fetchWithdrawalQuota.calls).toHaveLength(0);
    await takeCardBack(s);
    expect(s.actor.getSnapshot().output).toMatchObject({ outcome: 'failed', error: { code: 'ID_MISMATCH' } });
  });

  it('lets a withdrawal in flight finish when the card is pulled, then ends without ejecting', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'withdraw');
    await idAndFace(s);
    await chooseAmount(s, 20_000);
    await s.answer('authoriseWithdrawal', { transactionId: 'tx-2' });
    await s.answer('journalWithdrawal', undefined);
    s.actor.send({ type: 'CARD_REMOVED' });
    s.actor.send({ type: 'CANCEL' }); // ignored by the withdrawal after authorisation
    expect(s.fakes.dispenseCash.last.signal.aborted).toBe(false);
    await cashTaken(s, 20_000);
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.fakes.ejectCard.calls).toHaveLength(0);
    expect(s.actor.getSnapshot().output?.results?.[1]?.output).toMatchObject({ paidFen: 20_000 });
  });

  it('returns the card as cancelled when the resident cancels on the amount choice', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'withdraw');
    await idAndFace(s);
    await s.answer('fetchWithdrawalQuota', QUOTA);
    await atStep(s, 'chooseAmount');
    s.actor.send({ type: 'CANCEL' });
    await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
    await takeCardBack(s);
    expect(s.actor.getSnapshot().output?.outcome).toBe('cancelled');
  });

  it('lets an authorised withdrawal finish when the kiosk aborts, then returns the card', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'withdraw');
    await idAndFace(s);
    await chooseAmount(s, 10_000);
    await s.answer('authoriseWithdrawal', { transactionId: 'tx-4' });
    s.actor.send({ type: 'ABORT', code: 'DEVICE_OFFLINE', message: 'The kiosk is going out of service.' });
    await s.answer('journalWithdrawal', undefined);
    await cashTaken(s, 10_000);
    await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
    await takeCardBack(s);
    expect(s.actor.getSnapshot().output?.results?.[1]?.output).toMatchObject({
      paidFen: 10_000,
      confirmed: true,
    });
  });

  it('does not offer a withdrawal without its caps configured', () => {
    const s = startJourneySession((now) => sessionInput(now, ['balance', 'withdraw']));
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'withdraw' });
    expect(s.actor.getSnapshot().value).toBe('chooseJourney');
    expect(s.actor.getSnapshot().context.error?.code).toBe('JOURNEY_NOT_OFFERED');
  });

  it('keeps the view free of the ID number on every step of a withdrawal', async () => {
    const s = startJourneySession((now) => journeyInput(now));
    const views: string[] = [];
    watchSession(s.actor, (snap) => views.push(JSON.stringify(toSessionView(snap, 'zh-CN'))));
    await cardAndPin(s, 'withdraw');
    await idAndFace(s);
    await chooseAmount(s, 10_000);
    await s.answer('authoriseWithdrawal', { transactionId: 'tx-3' });
    await s.answer('journalWithdrawal', undefined);
    await s.answer('dispenseCash', { dispensedFen: 10_000 });
    await s.answer('presentCash', undefined);
    await atStep(s, 'takeCash');
    s.clock.increment(30_000);
    await s.answer('retractCash', undefined);
    await s.answer('reverseWithdrawal', undefined);
    await takeCardBack(s);
    const steps = new Set(views.map((v) => (JSON.parse(v) as { step: string }).step));
    expect([...steps]).toEqual(
      expect.arrayContaining([
        'chooseAmount',
        'authorisingWithdrawal',
        'dispensingCash',
        'takeCash',
        'retractingCash',
        'reversingWithdrawal',
      ]),
    );
    for (const view of views) {
      expect(view).not.toContain(ZHANG_CARD.idNumber);
      expect(view).not.toContain(ZHANG_CARD.cardNumber);
      expect(view).not.toContain(ZHANG_CARD.name);
    }
    expect(s.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'CASH_NOT_TAKEN' },
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import { journeyDetailsOf } from './journey-details.js';
import {
  atStep,
  idAndFace,
  startJourneySession,
  ZHANG_ID_CARD,
} from '../testing/session-journeys-harness.js';
import type { JourneySession } from '../testing/session-journeys-harness.js';
import { ZHANG_CARD } from '../testing/session-fixtures.js';

const NEW_CARD = { ...ZHANG_CARD, cardNumber: 'H41080000900' };

async function makeAndTake(s: JourneySession): Promise<void> {
  await s.answer('makeCard', { cardNumber: NEW_CARD.cardNumber });
  await s.answer('presentNewCard', undefined);
  await atStep(s, 'takeNewCard');
  s.actor.send({ type: 'NEW_CARD_TAKEN' });
  await s.answer('reportIssuance', undefined);
}

describe('session: a card made on the spot', () => {
  it('makes a new card after the ID card and face, then activates it in the reader', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'issueCard' });
    await atStep(s, 'placeIdCard');
    await idAndFace(s);
    await atStep(s, 'checkingApplication');
    expect(s.fakes.checkApplication.last.input).toEqual({
      sessionId: 'session-1',
      idNumber: ZHANG_ID_CARD.idNumber,
      kind: 'new',
    });
    await s.answer('checkApplication', { applicationId: 'app-1', feeDueFen: 0 });
    await atStep(s, 'makingCard');
    expect(journeyDetailsOf(s.actor.getSnapshot())).toEqual({
      kind: 'issueCard',
      feeDueFen: 0,
      feePaid: false,
      attempt: 1,
      maxAttempts: 3,
    });
    await makeAndTake(s);
    await atStep(s, 'chooseJourney'); // "activate it now?"
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'activatePin' });
    await atStep(s, 'insertCard');
    s.actor.send({ type: 'CARD_INSERTED' });
    await s.answer('readCard', NEW_CARD);
    await atStep(s, 'enterNewPin'); // identified once for the whole session
    expect(s.fakes.readIdCard.calls).toHaveLength(1);
    await s.answer('enterNewPin', { result: 'ok' });
    await s.answer('saveNewPin', undefined);
    await atStep(s, 'pinSaved');
    expect(s.fakes.saveNewPin.last.input).toMatchObject({
      purpose: 'activate',
      cardNumber: NEW_CARD.cardNumber,
    });
    s.actor.send({ type: 'FINISH' });
    await atStep(s, 'chooseJourney');
    const journeys = s.actor.getSnapshot().context.results.map((r) => r.journey);
    expect(journeys).toEqual(['identify', 'issueCard', 'activatePin']);
  });

  it('refuses to activate a card that is not the identified resident’s', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'issueCard' });
    await idAndFace(s);
    await s.answer('checkApplication', { applicationId: 'app-1', feeDueFen: 0 });
    await makeAndTake(s);
    await atStep(s, 'chooseJourney');
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'activatePin' });
    s.actor.send({ type: 'CARD_INSERTED' });
    await s.answer('readCard', { ...NEW_CARD, idNumber: '410803196211092424' });
    await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
    expect(s.actor.getSnapshot().context.error?.code).toBe('ID_MISMATCH');
    expect(s.fakes.enterNewPin.calls).toHaveLength(0);
  });

  it('takes the replacement fee before making the card', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'replaceCard' });
    await idAndFace(s);
    await s.answer('checkApplication', { applicationId: 'app-2', feeDueFen: 2_000 });
    await atStep(s, 'payFee');
    expect(s.fakes.checkApplication.last.input.kind).toBe('replacement');
    s.actor.send({ type: 'PAY_WITH', method: 'qr' });
    await s.answer('payFee', { paymentId: 'pay-1' });
    await atStep(s, 'makingCard');
    await makeAndTake(s);
    await atStep(s, 'chooseJourney');
    s.actor.send({ type: 'FINISH' });
    await s.until(() => s.actor.getSnapshot().status === 'done');
    const out = s.actor.getSnapshot().output;
    expect(out?.outcome).toBe('completed');
    expect(out?.results?.[1]).toMatchObject({
      journey: 'replaceCard',
      output: { result: 'issued', feePaid: true },
    });
    expect(s.fakes.ejectCard.calls).toHaveLength(0);
  });

  it('fault: ID card removed while the QR code shows: the session ends, the payment wait is stopped, nothing made', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'replaceCard' });
    await idAndFace(s);
    await s.answer('checkApplication', { applicationId: 'app-4', feeDueFen: 2_000 });
    await atStep(s, 'payFee');
    s.actor.send({ type: 'PAY_WITH', method: 'qr' });
    await s.until(() => s.fakes.payFee.calls.length === 1);
    s.actor.send({ type: 'ID_CARD_REMOVED' });
    await s.until(() => s.actor.getSnapshot().status === 'done');
    // the daemon closes the order of a wait that was stopped (ADR 0008, "The fee")
    expect(s.fakes.payFee.last.signal.aborted).toBe(true);
    expect(s.fakes.makeCard.calls).toHaveLength(0);
    expect(s.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'ID_CARD_REMOVED' },
    });
  });

  it('an ID card removed before any journey needs it changes nothing', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'issueCard' });
    await idAndFace(s);
    s.actor.send({ type: 'ID_CARD_REMOVED' });
    await s.answer('checkApplication', { applicationId: 'app-5', feeDueFen: 0 });
    await atStep(s, 'makingCard');
    s.actor.send({ type: 'ID_CARD_REMOVED' });
    await s.until(() => s.fakes.makeCard.calls.length === 1);
    expect(s.actor.getSnapshot().status).toBe('active');
  });

  it('ends failed and sends the resident to a counter when no blank can be made', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'issueCard' });
    await idAndFace(s);
    await s.answer('checkApplication', { applicationId: 'app-3', feeDueFen: 0 });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await s.until(() => s.fakes.makeCard.calls.length === attempt);
      s.fakes.makeCard.last.reject({ code: 'CARD_PRINTER_JAM', message: 'jam' });
      await s.until(() => s.fakes.rejectBlank.calls.length === attempt);
      s.fakes.rejectBlank.last.resolve();
    }
    await s.answer('reportIssuance', undefined);
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'CARD_MAKING_FAILED' },
    });
  });
});

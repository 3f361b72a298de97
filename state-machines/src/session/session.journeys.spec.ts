/**
 * The card journeys other than the withdrawal run inside a session (the withdrawal's are in
 * session.withdrawal-journeys): the records printed, a new card's PIN set, a PIN changed or reset,
 * a loss reported, and a kiosk abort during the records.
 */
import { describe, expect, it } from '@jest/globals';
import { toSessionView } from './session-view.js';
import {
  atStep,
  cardAndPin,
  idAndFace,
  startJourneySession,
  takeCardBack,
  ZHANG_ID_CARD,
} from '../testing/session-journeys-harness.js';
import { BALANCE, ZHANG_CARD } from '../testing/session-fixtures.js';

describe('session with journey machines', () => {
  it('prints the records, then shows the balance without asking for the PIN again', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'records');
    await s.answer('fetchRecords', { records: [], unprintedCount: 60 });
    await atStep(s, 'showRecords');
    expect(toSessionView(s.actor.getSnapshot(), 'en').error?.code).toBe('CARD_RECORDS_PRINT_REQUIRED');
    s.actor.send({ type: 'PRINT' });
    await s.answer('printRecords', { printedCount: 60 });
    await atStep(s, 'recordsPrinted');
    s.actor.send({ type: 'FINISH' });
    await atStep(s, 'chooseJourney');
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    await s.answer('queryBalance', BALANCE);
    await atStep(s, 'showBalance');
    expect(s.fakes.verifyPin.calls).toHaveLength(1);
    expect(s.fakes.readCard.calls).toHaveLength(1);
  });

  it('activates a new card with the ID card and face, then asks the new PIN for a balance', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'activatePin' });
    s.actor.send({ type: 'CARD_INSERTED' });
    await s.answer('readCard', ZHANG_CARD);
    await idAndFace(s);
    await atStep(s, 'enterNewPin');
    expect(s.fakes.verifyPin.calls).toHaveLength(0);
    s.actor.send({ type: 'PIN_KEY', entered: 6 });
    s.actor.send({ type: 'PIN_STAGE', stage: 'confirm' });
    s.actor.send({ type: 'PIN_KEY', entered: 2 });
    expect(toSessionView(s.actor.getSnapshot(), 'en')).toMatchObject({
      step: 'confirmNewPin',
      pin: { entered: 2, length: 6 },
    });
    await s.answer('enterNewPin', { result: 'ok' });
    await s.answer('saveNewPin', undefined);
    await atStep(s, 'pinSaved');
    s.actor.send({ type: 'FINISH' });
    await atStep(s, 'chooseJourney');
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    await atStep(s, 'enterPin');
  });

  it('changes the PIN after the old one is verified, without the ID card', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'changePin');
    await atStep(s, 'enterNewPin');
    expect(s.fakes.readIdCard.calls).toHaveLength(0);
    await s.answer('enterNewPin', { result: 'weak', rule: 'sequence' });
    await s.until(() => s.fakes.enterNewPin.calls.length === 2);
    expect(toSessionView(s.actor.getSnapshot(), 'en').error?.code).toBe('PIN_WEAK');
    await s.answer('enterNewPin', { result: 'ok' });
    await s.until(() => s.fakes.saveNewPin.calls.length === 1);
    expect(s.fakes.saveNewPin.last.input).toEqual({
      sessionId: 'session-1',
      purpose: 'change',
      cardNumber: ZHANG_CARD.cardNumber,
      idNumber: ZHANG_CARD.idNumber,
    });
    await s.answer('saveNewPin', undefined);
    await atStep(s, 'pinSaved');
    s.actor.send({ type: 'FINISH' });
    await atStep(s, 'chooseJourney');
    s.actor.send({ type: 'FINISH' });
    await takeCardBack(s);
    expect(s.actor.getSnapshot().output?.results?.map((r) => r.journey)).toEqual(['changePin']);
  });

  it('asks for the current PIN again to change it after a balance, saying the PIN is for the change', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'balance');
    expect(s.fakes.verifyPin.last.input).toEqual({ sessionId: 'session-1', length: 6 });
    await s.answer('queryBalance', BALANCE);
    await atStep(s, 'showBalance');
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'changePin' });
    await atStep(s, 'enterPin');
    expect(s.fakes.verifyPin.calls).toHaveLength(2);
    expect(s.fakes.verifyPin.last.input).toEqual({ sessionId: 'session-1', length: 6, journey: 'changePin' });
    await s.answer('verifyPin', { result: 'ok' });
    await atStep(s, 'enterNewPin');
  });

  it('resets a locked PIN with the ID card and face, never asking for the locked PIN', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'resetPin' });
    s.actor.send({ type: 'CARD_INSERTED' });
    await s.answer('readCard', ZHANG_CARD);
    expect(s.fakes.readCard.last.input).toEqual({ sessionId: 'session-1', journey: 'resetPin' });
    await idAndFace(s);
    await s.answer('enterNewPin', { result: 'ok' });
    await s.until(() => s.fakes.saveNewPin.calls.length === 1);
    expect(s.fakes.saveNewPin.last.input.purpose).toBe('reset');
    expect(s.fakes.verifyPin.calls).toHaveLength(0);
  });

  it('reports a lost card with the ID card and face alone, showing the card masked', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'reportLoss' });
    await atStep(s, 'placeIdCard');
    await idAndFace(s);
    await s.answer('listResidentCards', { cards: [{ cardNumber: ZHANG_CARD.cardNumber, state: 'active' }] });
    await atStep(s, 'confirmLoss');
    const view = toSessionView(s.actor.getSnapshot(), 'zh-CN');
    expect(view.card).toEqual({ maskedCardNumber: 'H41******101', maskedName: '张*明' });
    expect(JSON.stringify(view)).not.toContain(ZHANG_ID_CARD.idNumber);
    expect(s.fakes.listResidentCards.last.input).toEqual({
      sessionId: 'session-1',
      idNumber: ZHANG_ID_CARD.idNumber,
    });
    s.actor.send({ type: 'CONFIRM' });
    await s.answer('reportTemporaryLoss', { lapsesOn: '2026-12-11' });
    await atStep(s, 'lossReported');
    s.actor.send({ type: 'FINISH' });
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.actor.getSnapshot().output).toMatchObject({ outcome: 'completed' });
    expect(s.fakes.readCard.calls).toHaveLength(0);
    expect(s.fakes.ejectCard.calls).toHaveLength(0);
  });

  it('ends timed out when nobody places an ID card to report a loss', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'reportLoss' });
    await atStep(s, 'placeIdCard');
    s.clock.increment(30_000);
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.actor.getSnapshot().output?.outcome).toBe('timedOut');
  });

  it('returns the card with the kiosk’s reason when the kiosk aborts during the records', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'records');
    await s.answer('fetchRecords', { records: [], unprintedCount: 1 });
    await atStep(s, 'showRecords');
    s.actor.send({ type: 'ABORT', code: 'DEVICE_OFFLINE', message: 'The kiosk is going out of service.' });
    await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
    await takeCardBack(s);
    expect(s.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_OFFLINE' },
    });
  });
});

/**
 * Fault: a card pulled while activation wrote its new PIN ended the session with "the card was
 * taken out too early: insert it again", though the chip may hold the new PIN the host never
 * activated, so activating again could only be refused. The session now ends telling the resident
 * the activation did not finish and to choose "Reset PIN" (ACTIVATION_UNFINISHED); pulled at any
 * other step, or while a PIN change is written, it ends as before (CARD_REMOVED).
 */
import { describe, expect, it } from '@jest/globals';
import { toSessionView } from './session-view.js';
import { atStep, cardAndPin, idAndFace, startJourneySession } from '../testing/session-journeys-harness.js';
import { ZHANG_CARD } from '../testing/session-fixtures.js';

/** An activation at its new PIN's entry (the ID card and face done). */
async function activationAtNewPin() {
  const s = startJourneySession();
  s.actor.send({ type: 'SELECT_JOURNEY', journey: 'activatePin' });
  s.actor.send({ type: 'CARD_INSERTED' });
  await s.answer('readCard', ZHANG_CARD);
  await idAndFace(s);
  await atStep(s, 'enterNewPin');
  return s;
}

const endedCode = async (s: Awaited<ReturnType<typeof activationAtNewPin>>) => {
  await s.until(() => s.actor.getSnapshot().status === 'done');
  return s.actor.getSnapshot().output?.error?.code;
};

describe('the card pulled while a new PIN is written', () => {
  it('activation-card-pulled-mid-pin-write: the activation ends unfinished, the resident sent to the reset', async () => {
    const s = await activationAtNewPin();
    await s.answer('enterNewPin', { result: 'ok' });
    await s.until(() => s.fakes.saveNewPin.calls.length === 1);
    s.actor.send({ type: 'CARD_REMOVED' });
    expect(toSessionView(s.actor.getSnapshot(), 'en').error?.code).toBe('ACTIVATION_UNFINISHED');
    expect(await endedCode(s)).toBe('ACTIVATION_UNFINISHED');
  });

  it('pulled while the new PIN is entered (nothing written): the card was taken out too early', async () => {
    const s = await activationAtNewPin();
    s.actor.send({ type: 'CARD_REMOVED' });
    expect(await endedCode(s)).toBe('CARD_REMOVED');
  });

  it('pulled while a PIN change is written: as before, the card was taken out too early', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'changePin');
    await s.answer('enterNewPin', { result: 'ok' });
    await s.until(() => s.fakes.saveNewPin.calls.length === 1);
    s.actor.send({ type: 'CARD_REMOVED' });
    expect(await endedCode(s)).toBe('CARD_REMOVED');
  });
});

import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import { toSessionView } from './session-view.js';
import type { SessionSnapshot } from './session-view.js';
import {
  BALANCE,
  ZHANG_CARD,
  ejectAndTake,
  reachEnterPin,
  reachShowBalance,
  startSession,
} from '../testing/session-fixtures.js';

/** Every view a balance journey produces, from the first screen to the end. */
async function viewsOfAJourney(): Promise<SessionSnapshot[]> {
  const h = startSession();
  const seen: SessionSnapshot[] = [];
  h.actor.subscribe((s) => seen.push(s));
  seen.push(h.actor.getSnapshot());
  await reachEnterPin(h);
  for (let n = 1; n <= 6; n += 1) h.actor.send({ type: 'PIN_KEY', entered: n });
  h.actor.send({ type: 'PIN_KEY', entered: 6, submitted: true });
  h.verifyPin.last.resolve({ result: 'wrong', attemptsLeft: 2 });
  await waitFor(h.actor, () => h.verifyPin.calls.length === 2);
  h.verifyPin.last.resolve({ result: 'ok' });
  await waitFor(h.actor, (s) => s.matches({ cardIn: 'queryingBalance' }));
  h.queryBalance.last.resolve(BALANCE);
  await waitFor(h.actor, (s) => s.matches({ cardIn: 'showBalance' }));
  h.actor.send({ type: 'FINISH' });
  await ejectAndTake(h);
  return seen;
}

describe('toSessionView', () => {
  it('never shows the ID number or the full card number or name on any step', async () => {
    const snapshots = await viewsOfAJourney();
    const steps = new Set<string>();
    for (const snapshot of snapshots) {
      const view = toSessionView(snapshot, 'zh-CN');
      steps.add(view.step);
      const text = JSON.stringify(view);
      expect(text).not.toContain(ZHANG_CARD.idNumber);
      expect(text).not.toContain(ZHANG_CARD.idNumber.slice(6, 14)); // the birth date inside it
      expect(text).not.toContain(ZHANG_CARD.cardNumber);
      expect(text).not.toContain(ZHANG_CARD.name);
    }
    expect([...steps]).toEqual(
      expect.arrayContaining([
        'chooseJourney',
        'insertCard',
        'readingCard',
        'enterPin',
        'verifyingPin',
        'queryingBalance',
        'showBalance',
        'ejectingCard',
        'takeCard',
        'ended',
      ]),
    );
  });

  it('shows the masked card and name, the PIN as a count, and the balance', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.actor.send({ type: 'PIN_KEY', entered: 4 });
    expect(toSessionView(h.actor.getSnapshot(), 'en')).toEqual({
      sessionId: 'session-1',
      journey: 'balance',
      step: 'enterPin',
      locale: 'en',
      deadline: { at: 30_000, warnAt: 20_000 },
      card: { maskedCardNumber: 'H41******101', maskedName: '张*明' },
      pin: { entered: 4, length: 6 },
    });
    h.actor.send({ type: 'PIN_KEY', entered: 6, submitted: true });
    expect(toSessionView(h.actor.getSnapshot(), 'en').step).toBe('verifyingPin');
  });

  it('keeps the PIN screen after the sixth digit until Enter is pressed, then shows the check', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.actor.send({ type: 'PIN_KEY', entered: 6 });
    expect(toSessionView(h.actor.getSnapshot(), 'en')).toMatchObject({
      step: 'enterPin',
      pin: { entered: 6, length: 6 },
    });
    // Enter before the last digit is only a beep on the pad: still the PIN screen
    h.actor.send({ type: 'PIN_KEY', entered: 5 });
    h.actor.send({ type: 'PIN_KEY', entered: 5, submitted: true });
    expect(toSessionView(h.actor.getSnapshot(), 'en').step).toBe('enterPin');
    h.actor.send({ type: 'PIN_KEY', entered: 6 });
    h.actor.send({ type: 'PIN_KEY', entered: 6, submitted: true });
    expect(toSessionView(h.actor.getSnapshot(), 'en')).toMatchObject({
      step: 'verifyingPin',
      pin: { entered: 6, length: 6 },
    });
  });

  it('asks for the PIN again, on the PIN screen, after a wrong PIN was submitted', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.actor.send({ type: 'PIN_KEY', entered: 6, submitted: true });
    h.verifyPin.last.resolve({ result: 'wrong', attemptsLeft: 2 });
    await waitFor(h.actor, () => h.verifyPin.calls.length === 2);
    expect(toSessionView(h.actor.getSnapshot(), 'en')).toMatchObject({
      step: 'enterPin',
      pin: { entered: 0, attemptsLeft: 2 },
    });
  });

  it('shows the balance with its date and no PIN once the PIN is verified', async () => {
    const h = startSession();
    await reachShowBalance(h);
    const view = toSessionView(h.actor.getSnapshot(), 'zh-CN');
    expect(view.step).toBe('showBalance');
    expect(view.balance).toEqual(BALANCE);
    expect(view.pin).toBeUndefined();
  });

  it('shows attempts left and the coded error after a wrong PIN', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.verifyPin.last.resolve({ result: 'wrong', attemptsLeft: 1 });
    await waitFor(h.actor, () => h.verifyPin.calls.length === 2);
    const view = toSessionView(h.actor.getSnapshot(), 'zh-CN');
    expect(view.pin).toEqual({ entered: 0, length: 6, attemptsLeft: 1 });
    expect(view.error?.code).toBe('PIN_WRONG');
  });

  it('leaves nothing personal on screen once the session ended', async () => {
    const h = startSession();
    await reachShowBalance(h);
    h.actor.send({ type: 'FINISH' });
    await ejectAndTake(h);
    expect(toSessionView(h.actor.getSnapshot(), 'zh-CN')).toEqual({
      sessionId: 'session-1',
      journey: 'balance',
      step: 'ended',
      locale: 'zh-CN',
      outcome: 'completed',
    });
  });

  it('shows the retract step and the coded reason when the card is not taken', async () => {
    const h = startSession();
    await reachShowBalance(h);
    h.actor.send({ type: 'FINISH' });
    h.ejectCard.last.resolve();
    await waitFor(h.actor, (s) => s.matches('takeCard'));
    h.clock.increment(30_000);
    const view = toSessionView(h.actor.getSnapshot(), 'zh-CN');
    expect(view.step).toBe('retractingCard');
    expect(view.error?.code).toBe('CARD_NOT_TAKEN_RETRACTED');
  });
});

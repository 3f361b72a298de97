/**
 * The fault: a PIN lock reached the fleet as the session's end code (PIN_BLOCKED) alone, so a lock
 * whose card was then not taken and retracted ended CARD_NOT_TAKEN_RETRACTED and the lock was told
 * by nobody once the host's echo of it (ANOMALY_PIN_FAILURES) no longer doubles the kiosk's alert.
 * The session's output now says the PIN locked (`pinLocked`), whatever code ended it.
 */
import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import {
  CARD_TAKE_MS,
  ejectAndTake,
  reachEnterPin,
  reachShowBalance,
  startSession,
} from '../testing/session-fixtures.js';

describe('fault: a PIN lock is lost to the fleet when the card is retracted after it', () => {
  it('the PIN locked, the card not taken and retracted: the output says the PIN locked', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.verifyPin.last.resolve({ result: 'blocked' });
    await waitFor(h.actor, (s) => s.matches('ejectingCard'));
    h.ejectCard.last.resolve();
    await waitFor(h.actor, (s) => s.matches('takeCard'));
    h.clock.increment(CARD_TAKE_MS);
    h.retractCard.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'cardRetracted',
      error: { code: 'CARD_NOT_TAKEN_RETRACTED' },
      pinLocked: true,
    });
  });

  it('the PIN locked and the card taken: PIN_BLOCKED, the lock said', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.verifyPin.last.resolve({ result: 'wrong', attemptsLeft: 0 });
    await waitFor(h.actor, (s) => s.matches('ejectingCard'));
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output).toMatchObject({ error: { code: 'PIN_BLOCKED' }, pinLocked: true });
  });

  it('no lock: the output says none', async () => {
    const h = startSession();
    await reachShowBalance(h);
    h.actor.send({ type: 'FINISH' });
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output?.pinLocked).toBeUndefined();
  });
});

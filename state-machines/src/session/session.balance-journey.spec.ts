import { describe, expect, it } from '@jest/globals';
import {
  BALANCE,
  ZHANG_CARD,
  ejectAndTake,
  reachEnterPin,
  reachShowBalance,
  startSession,
} from '../testing/session-fixtures.js';
import { waitFor } from 'xstate';

describe('balance journey (actors on a simulated clock)', () => {
  it('shows the balance and ends completed once the resident takes the card', async () => {
    const h = startSession();
    await reachShowBalance(h);
    expect(h.readCard.calls).toHaveLength(1);
    expect(h.verifyPin.last.input).toEqual({ sessionId: 'session-1', length: 6 });
    expect(h.queryBalance.last.input).toEqual({
      sessionId: 'session-1',
      cardNumber: ZHANG_CARD.cardNumber,
      idNumber: ZHANG_CARD.idNumber,
    });
    expect(h.actor.getSnapshot().context.balance).toEqual(BALANCE);

    h.actor.send({ type: 'FINISH' });
    await ejectAndTake(h);

    const end = h.actor.getSnapshot();
    expect(end.status).toBe('done');
    expect(end.output).toEqual({
      sessionId: 'session-1',
      journey: 'balance',
      outcome: 'completed',
      error: undefined,
      results: [],
    });
    expect(end.context.card).toBeUndefined();
    expect(end.context.balance).toBeUndefined();
  });

  it('counts PIN keys without ever holding a digit', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.actor.send({ type: 'PIN_KEY', entered: 3 });
    expect(h.actor.getSnapshot().context.pin).toEqual({ entered: 3, attemptsLeft: undefined });
    h.actor.send({ type: 'PIN_KEY', entered: 99 });
    expect(h.actor.getSnapshot().context.pin.entered).toBe(6);
  });

  it('lets the resident try again after a wrong PIN twice, then accepts the right one', async () => {
    const h = startSession();
    await reachEnterPin(h);

    h.verifyPin.last.resolve({ result: 'wrong', attemptsLeft: 2 });
    await waitFor(h.actor, () => h.verifyPin.calls.length === 2);
    expect(h.actor.getSnapshot().context.error?.code).toBe('PIN_WRONG');
    expect(h.actor.getSnapshot().context.pin).toEqual({ entered: 0, attemptsLeft: 2 });

    h.verifyPin.last.resolve({ result: 'wrong', attemptsLeft: 1 });
    await waitFor(h.actor, () => h.verifyPin.calls.length === 3);
    expect(h.actor.getSnapshot().context.pin.attemptsLeft).toBe(1);
    expect(h.actor.getSnapshot().matches({ cardIn: 'enterPin' })).toBe(true);

    h.verifyPin.last.resolve({ result: 'ok' });
    await waitFor(h.actor, (s) => s.matches({ cardIn: 'queryingBalance' }));
    expect(h.actor.getSnapshot().context.error).toBeUndefined();
    h.queryBalance.last.resolve(BALANCE);
    await waitFor(h.actor, (s) => s.matches({ cardIn: 'showBalance' }));
  });

  it('locks out after three wrong PINs, ejects the card and ends failed with PIN_BLOCKED', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.verifyPin.last.resolve({ result: 'wrong', attemptsLeft: 2 });
    await waitFor(h.actor, () => h.verifyPin.calls.length === 2);
    h.verifyPin.last.resolve({ result: 'wrong', attemptsLeft: 1 });
    await waitFor(h.actor, () => h.verifyPin.calls.length === 3);
    h.verifyPin.last.resolve({ result: 'blocked' });

    await waitFor(h.actor, (s) => s.matches('ejectingCard'));
    expect(h.actor.getSnapshot().context.error?.code).toBe('PIN_BLOCKED');
    expect(h.queryBalance.calls).toHaveLength(0);
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'failed', error: { code: 'PIN_BLOCKED' } });
  });

  it('treats a wrong PIN with no attempts left as blocked', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.verifyPin.last.resolve({ result: 'wrong', attemptsLeft: 0 });
    await waitFor(h.actor, (s) => s.matches('ejectingCard'));
    expect(h.actor.getSnapshot().context.error?.code).toBe('PIN_BLOCKED');
    expect(h.verifyPin.calls).toHaveLength(1);
  });

  it('refuses a journey the kiosk does not offer and stays on the choice', () => {
    const h = startSession(['balance']);
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'withdraw' });
    const s = h.actor.getSnapshot();
    expect(s.value).toBe('chooseJourney');
    expect(s.context.error?.code).toBe('JOURNEY_NOT_OFFERED');
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    expect(h.actor.getSnapshot().value).toBe('insertCard');
    expect(h.actor.getSnapshot().context.error).toBeUndefined();
  });
});

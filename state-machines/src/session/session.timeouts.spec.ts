import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import { cardMoveBackstopMs } from './session.setup.js';
import {
  CARD_MOVE_MS,
  CARD_TAKE_MS,
  STEP_MS,
  WARN_MS,
  ejectAndTake,
  reachEnterPin,
  reachShowBalance,
  startSession,
} from '../testing/session-fixtures.js';

describe('session timeouts (simulated clock)', () => {
  it('ends timed out when nobody chooses a journey within 30 s', () => {
    const h = startSession();
    h.clock.increment(STEP_MS - 1);
    expect(h.actor.getSnapshot().value).toBe('chooseJourney');
    h.clock.increment(1);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'timedOut',
      error: { code: 'SESSION_TIMED_OUT' },
    });
  });

  it('ends timed out when the resident never inserts the card', () => {
    const h = startSession();
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    expect(h.actor.getSnapshot().context.deadline).toEqual({ at: STEP_MS, warnAt: WARN_MS });
    h.clock.increment(STEP_MS);
    expect(h.actor.getSnapshot().status).toBe('done');
    expect(h.actor.getSnapshot().output?.outcome).toBe('timedOut');
    expect(h.readCard.calls).toHaveLength(0);
  });

  it('gives another 30 s when the resident asks for more time at the warning', () => {
    const h = startSession();
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    h.clock.increment(WARN_MS);
    h.actor.send({ type: 'MORE_TIME' });
    expect(h.actor.getSnapshot().context.deadline).toEqual({
      at: WARN_MS + STEP_MS,
      warnAt: WARN_MS + WARN_MS,
    });
    h.clock.increment(STEP_MS - 1);
    expect(h.actor.getSnapshot().value).toBe('insertCard');
    h.clock.increment(1);
    expect(h.actor.getSnapshot().output?.outcome).toBe('timedOut');
  });

  it('ejects the card when the resident walks away during PIN entry', async () => {
    const h = startSession();
    await reachEnterPin(h);
    const pinEntry = h.verifyPin.last;
    h.clock.increment(STEP_MS);
    await waitFor(h.actor, (s) => s.matches('ejectingCard'));
    expect(pinEntry.signal.aborted).toBe(true);
    expect(h.actor.getSnapshot().context.outcome).toBe('timedOut');
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output?.outcome).toBe('timedOut');
  });

  it('restarts the PIN timeout at every key without restarting the PIN entry', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.clock.increment(25_000);
    h.actor.send({ type: 'PIN_KEY', entered: 1 });
    h.clock.increment(25_000);
    h.actor.send({ type: 'PIN_KEY', entered: 2 });
    h.clock.increment(STEP_MS - 1);
    expect(h.actor.getSnapshot().matches({ cardIn: 'enterPin' })).toBe(true);
    expect(h.verifyPin.calls).toHaveLength(1);
    expect(h.verifyPin.last.signal.aborted).toBe(false);
    h.clock.increment(1);
    expect(h.actor.getSnapshot().value).toBe('ejectingCard');
  });

  it('ejects the card when the balance stays on screen for 30 s', async () => {
    const h = startSession();
    await reachShowBalance(h);
    h.clock.increment(STEP_MS);
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output?.outcome).toBe('timedOut');
  });

  it('retracts the card when it is not taken from the slot within 30 s', async () => {
    const h = startSession();
    await reachShowBalance(h);
    h.actor.send({ type: 'FINISH' });
    h.ejectCard.last.resolve();
    await waitFor(h.actor, (s) => s.matches('takeCard'));
    expect(h.actor.getSnapshot().context.deadline?.at).toBe(h.clock.now() + CARD_TAKE_MS);
    h.clock.increment(CARD_TAKE_MS);
    expect(h.actor.getSnapshot().value).toBe('retractingCard');
    expect(h.retractCard.calls).toHaveLength(1);
    h.retractCard.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'cardRetracted',
      error: { code: 'CARD_NOT_TAKEN_RETRACTED' },
    });
  });

  it('gives up on a card reader that never answers while reading, and ejects', async () => {
    const h = startSession();
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    h.actor.send({ type: 'CARD_INSERTED' });
    h.clock.increment(STEP_MS);
    expect(h.readCard.last.signal.aborted).toBe(true);
    expect(h.actor.getSnapshot().context.error?.code).toBe('DEVICE_TIMEOUT');
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output?.outcome).toBe('failed');
  });

  it('an eject the reader never answers: the card is accounted for at the backstop, no retract beside it', () => {
    const h = startSession();
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    h.actor.send({ type: 'CARD_INSERTED' });
    h.actor.send({ type: 'CANCEL' });
    h.clock.increment(cardMoveBackstopMs(CARD_MOVE_MS));
    expect(h.actor.getSnapshot().value).toBe('accountingForCard');
    expect(h.retractCard.calls).toHaveLength(0);
    h.clock.increment(STEP_MS);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      cardUnaccounted: 'eject',
    });
    expect(h.retractCard.calls).toHaveLength(0);
  });
});

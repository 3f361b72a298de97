import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import { ejectAndTake, reachEnterPin, reachShowBalance, startSession } from '../testing/session-fixtures.js';
import type { SessionHarness } from '../testing/session-fixtures.js';

describe('cancel at each step', () => {
  it('ends cancelled when the resident cancels on the journey choice', () => {
    const h = startSession();
    h.actor.send({ type: 'CANCEL' });
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'cancelled', journey: null });
  });

  it('ends cancelled without touching the reader when the resident cancels before inserting the card', () => {
    const h = startSession();
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    h.actor.send({ type: 'CANCEL' });
    expect(h.actor.getSnapshot().output?.outcome).toBe('cancelled');
    expect(h.ejectCard.calls).toHaveLength(0);
  });

  const cardSteps: [string, (h: SessionHarness) => Promise<void>][] = [
    [
      'while the card is read',
      async (h) => {
        h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
        h.actor.send({ type: 'CARD_INSERTED' });
      },
    ],
    ['during PIN entry', reachEnterPin],
    [
      'while the balance is queried',
      async (h) => {
        await reachEnterPin(h);
        h.verifyPin.last.resolve({ result: 'ok' });
        await waitFor(h.actor, (s) => s.matches({ cardIn: 'queryingBalance' }));
      },
    ],
    ['with the balance on screen', reachShowBalance],
  ];

  it.each(cardSteps)('returns the card and ends cancelled when the resident cancels %s', async (_, reach) => {
    const h = startSession();
    await reach(h);
    h.actor.send({ type: 'CANCEL' });
    expect(h.actor.getSnapshot().value).toBe('ejectingCard');
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output?.outcome).toBe('cancelled');
  });

  it('stops the PIN pad when the resident cancels on screen during PIN entry', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.actor.send({ type: 'CANCEL' });
    expect(h.verifyPin.last.signal.aborted).toBe(true);
  });

  it('returns the card when the resident presses cancel on the PIN pad', async () => {
    const h = startSession();
    await reachEnterPin(h);
    h.verifyPin.last.resolve({ result: 'cancelled' });
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'cancelled', error: undefined });
  });

  it('ignores CANCEL once the card is at the slot: the card is still to be taken', async () => {
    const h = startSession();
    await reachShowBalance(h);
    h.actor.send({ type: 'FINISH' });
    h.ejectCard.last.resolve();
    await waitFor(h.actor, (s) => s.matches('takeCard'));
    h.actor.send({ type: 'CANCEL' });
    expect(h.actor.getSnapshot().value).toBe('takeCard');
  });
});

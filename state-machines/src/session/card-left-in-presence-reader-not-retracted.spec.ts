/**
 * The fault: a resident who did not take the card from a motorless ("presence") reader's slot had
 * the session ask the reader to retract it at the take timeout; the reader has no capture bin and
 * always refused, so the card was accounted for as "kept for staff" (card.unaccounted, the reader's
 * DEVICE_HARDWARE_ERROR on the resident's screen, "ask staff") while it still stuck out of the slot
 * for anyone to take. Now the session asks the reader's capability (`readerCaptures`): a reader that
 * cannot capture is asked no retract, the card is journaled as left in the slot (leaveCardInSlot)
 * and the session ends telling the resident to take it (CARD_LEFT_IN_SLOT), with `cardLeftInSlot`
 * in its output for the daemon. A motor reader still retracts (session.timeouts). Simulated clock.
 */
import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import { endsWithCardLeftInSlot } from './card-left-in-slot.spec-support.js';
import {
  CARD_TAKE_MS,
  reachShowBalance,
  startSession,
  type SessionHarness,
} from '../testing/session-fixtures.js';

/** the balance shown, the resident done: the card ejected to the slot and offered to be taken */
async function cardAtSlot(readerCaptures: () => boolean): Promise<SessionHarness> {
  const h = startSession(['balance'], {}, readerCaptures);
  await reachShowBalance(h);
  h.actor.send({ type: 'FINISH' });
  await waitFor(h.actor, (s) => s.matches('ejectingCard'));
  h.ejectCard.last.resolve();
  await waitFor(h.actor, (s) => s.matches('takeCard'));
  return h;
}

describe('card left in a presence reader is not retracted', () => {
  it('card-left-in-presence-reader-not-retracted: past the take timeout no retract is asked, the card is journaled left in the slot and the resident told to take it', async () => {
    const h = await cardAtSlot(() => false);
    h.clock.increment(CARD_TAKE_MS - 1);
    expect(h.actor.getSnapshot().matches('takeCard')).toBe(true);
    h.clock.increment(1);
    await endsWithCardLeftInSlot(h);
  });

  it('card left in a presence reader, its journal write failing: the session still ends, nothing retracted', async () => {
    const h = await cardAtSlot(() => false);
    h.clock.increment(CARD_TAKE_MS);
    await waitFor(h.actor, (s) => s.matches('leavingCardInSlot'));
    h.leaveCardInSlot.last.reject(new Error('journal unreachable'));
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.retractCard.calls).toHaveLength(0);
    expect(h.actor.getSnapshot().output).toMatchObject({
      cardLeftInSlot: true,
      error: { code: 'CARD_LEFT_IN_SLOT' },
    });
  });

  it('the card taken from a presence reader within the take timeout: nothing journaled as left', async () => {
    const h = await cardAtSlot(() => false);
    h.clock.increment(CARD_TAKE_MS - 1);
    h.actor.send({ type: 'CARD_TAKEN' });
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.leaveCardInSlot.calls).toHaveLength(0);
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'completed' });
    expect(h.actor.getSnapshot().output?.cardLeftInSlot).toBeUndefined();
  });

  it('a motor reader (it captures) still retracts a card not taken, never left in the slot', async () => {
    const h = await cardAtSlot(() => true);
    h.clock.increment(CARD_TAKE_MS);
    await waitFor(h.actor, (s) => s.matches('retractingCard'));
    h.retractCard.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.leaveCardInSlot.calls).toHaveLength(0);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'cardRetracted',
      error: { code: 'CARD_NOT_TAKEN_RETRACTED' },
    });
  });
});

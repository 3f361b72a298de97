/**
 * The fault: the session ended (the resident's cancel) while a motorless "presence" reader was lost
 * (pcscd gone) past the hand-back's wait for it: the eject failed DEVICE_OFFLINE, the session fell
 * back on a retract that such a reader always refuses (no capture bin), and the card was accounted
 * for as "kept for staff" (card.unaccounted, "ask staff") while it stuck out of the slot, for the
 * resident to take. Now a failed hand-back on a reader that cannot capture asks no retract: the card
 * is journaled left in the slot (leaveCardInSlot) and the resident told to take it
 * (CARD_LEFT_IN_SLOT), `cardLeftInSlot` in the output for the daemon. A reader that can capture
 * still falls back on its retract (hand-back-fault-shown-over-refused-retract). Simulated clock.
 */
import { describe, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { endsWithCardLeftInSlot } from './card-left-in-slot.spec-support.js';
import { reachEnterPin, startSession } from '../testing/session-fixtures.js';

describe("session: the card's hand-back fails on a reader that cannot capture", () => {
  it('card-handed-back-while-reader-lost: the hand-back fails offline on a presence reader: no retract, the card left in the slot and the resident told to take it, never kept for staff', async () => {
    const h = startSession(['balance'], {}, () => false);
    await reachEnterPin(h);
    h.actor.send({ type: 'CANCEL' });
    await waitFor(h.actor, (s) => s.matches('ejectingCard'));
    h.ejectCard.last.reject(
      new KioskError('DEVICE_OFFLINE', 'The card reader has not said yet whether a card is inside.'),
    );
    await endsWithCardLeftInSlot(h);
  });
});

/**
 * Fault: the resident cancelled while a motorless ("presence") reader was lost (pcscd restarting):
 * the hand-back failed DEVICE_OFFLINE at once, the session fell back on a retract the reader always
 * refuses (no capture bin), and the card was journaled `card.unaccounted`, "kept for staff", while
 * it stuck out of the slot. Now the hand-back waits for the reader's word on the card (the daemon's
 * `lostReaderWaitMs`): back with the card, the resident is asked to take it and takes it, nothing
 * journaled for staff; past the wait, no retract is asked: the card is journaled left in the slot
 * (`card.leftInSlot`, where the reader says it is: unknown), the session closed CARD_LEFT_IN_SLOT,
 * the card journeys held back (CARD_LEFT_IN_READER) until the card leaves the reader.
 *
 * The daemon's session machine and actors, the session's end (SessionEnds with the slot-card service
 * and the card-left watch), the real journal (SQLite in memory), and the reader as `PcscCardReader`
 * makes it for a reader without a motor, pcscd's presence stood in for.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import { cancelWhileReaderLost } from './presence-reader-lost.spec-support.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("the card's hand-back while a presence reader is lost", () => {
  it('card-handed-back-while-reader-lost: pcscd back within the wait: the card offered back and taken, nothing for staff', async () => {
    const k = await cancelWhileReaderLost(5_000, cleanups);
    k.pcscd.say(true); // pcscd back, the card where it was
    await waitFor(k.session.actor, (s) => s.matches('takeCard'), { timeout: 2_000 });
    expect(k.reader.cardPosition()).toBe('atSlot');
    k.pcscd.say(false); // the resident takes it: the daemon tells the session so
    k.session.actor.send({ type: 'CARD_TAKEN' });
    const { output, steps } = await k.settled();
    expect(output).toMatchObject({ outcome: 'cancelled' });
    expect(output?.error).toBeUndefined();
    expect(output?.cardUnaccounted).toBeUndefined();
    expect(steps).toEqual(['card.eject:intent', 'card.eject:done']);
    expect(k.kiosk).toEqual([]);
  });

  it('card-handed-back-while-reader-lost: past the wait, no retract: the card journaled left in the slot, the resident told to take it, card journeys held back until it leaves', async () => {
    const k = await cancelWhileReaderLost(30, cleanups);
    const { output, steps } = await k.settled();
    expect(output).toMatchObject({
      outcome: 'failed',
      cardLeftInSlot: true,
      error: { code: 'CARD_LEFT_IN_SLOT' },
    });
    expect(output?.cardUnaccounted).toBeUndefined();
    expect(steps).toEqual([
      'card.eject:intent',
      'card.eject:failed {"code":"DEVICE_OFFLINE"}',
      'card.leftInSlot:event {"readerSays":"unknown","captureBin":false,"forStaff":true}',
    ]);
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
    // pcscd back with the card: still held back; the card pulled out: the kiosk serves again
    k.pcscd.say(true);
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
    k.pcscd.say(false);
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER', 'CARD_LEFT_CLEARED']);
  });
});

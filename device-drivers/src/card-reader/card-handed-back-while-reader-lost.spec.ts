/**
 * Fault: the session ends (the resident's cancel, done, an error) while a reader without a motor is
 * lost for a second or two (pcscd restarting, its USB link dropped): the hand-back was refused at once
 * DEVICE_OFFLINE (the reader had not said where the card is), and the session, falling back on a
 * retract such a reader always refuses, left the card for staff while it stuck out of the slot. Such
 * a loss moves no card: the hand-back now waits for the reader's word on the card, within
 * `lostReaderWaitMs` and the move's own bound (`moveTimeoutMs`), then marks the card handed back (the
 * resident is asked to take it); a card gone meanwhile is no card to hand back (CARD_REMOVED); past
 * the wait it is refused DEVICE_OFFLINE as before, nothing kept listening. The real PC/SC link and
 * reader against a scripted pcsclite.
 */
import { describe, expect, it } from '@jest/globals';
import type { CardEvent } from './card-reader.port.js';
import { EMPTY, PRESENT } from './fake-pcsclite.js';
import { ATR, readerWithCard } from './lost-presence-reader.spec-support.js';

describe("the card's hand-back while a presence reader is lost", () => {
  it('fault: the hand-back asked while pcscd restarts waits for the reader and hands the card back once it says the card is there, not refused DEVICE_OFFLINE', async () => {
    const { r, pcscdDies, listedAgain } = await readerWithCard(5_000);
    const events: CardEvent['type'][] = [];
    r.onCardEvent((e) => events.push(e.type));
    pcscdDies();
    expect(r.cardPosition()).toBe('unknown');
    let settled = false;
    const handedBack = r.eject().finally(() => (settled = true));
    const back = await listedAgain();
    // listed again, the card not reported yet: still waiting
    await Promise.resolve();
    expect(settled).toBe(false);
    back.status({ state: PRESENT | (1 << 16), atr: ATR });
    await expect(handedBack).resolves.toBeUndefined();
    expect(r.cardPosition()).toBe('atSlot');
    expect(events).toEqual(['sensed', 'ejected']);
  });

  it('fault: the card gone when the reader is back: no card to hand back (CARD_REMOVED), its removal told', async () => {
    const { r, pcscdDies, listedAgain } = await readerWithCard(5_000);
    const events: CardEvent['type'][] = [];
    r.onCardEvent((e) => events.push(e.type));
    pcscdDies();
    const handedBack = r.eject();
    (await listedAgain()).status({ state: EMPTY | (2 << 16) });
    await expect(handedBack).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    expect(events).toEqual(['removed']);
  });

  it('fault: the reader not back within the wait: DEVICE_OFFLINE, as without a wait', async () => {
    const { r, pcscdDies } = await readerWithCard(30);
    pcscdDies();
    await expect(r.eject()).rejects.toMatchObject({ code: 'DEVICE_OFFLINE' });
    expect(r.cardPosition()).toBe('unknown');
  });

  it("fault: the reader not back within the move's own bound: the hand-back ends there (DEVICE_TIMEOUT), whatever the wait", async () => {
    const { r, pcscdDies } = await readerWithCard(60_000, 40);
    pcscdDies();
    await expect(r.eject()).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
  });

  it("the session's abort ends the wait at once", async () => {
    const { r, pcscdDies } = await readerWithCard(60_000);
    pcscdDies();
    const stop = new AbortController();
    const handedBack = r.eject(stop.signal);
    stop.abort(new Error('session over'));
    await expect(handedBack).rejects.toThrow('session over');
  });
});

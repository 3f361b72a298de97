/**
 * Fault: the kiosk restarted (a crash, a power cut, an update) while a card lay in the slot of a
 * motorless ("presence") reader: left there by a session whose resident did not take it (the wait
 * for it under the session's id still open), handed back by a session cut short at its take step,
 * or a stray card handed back and waited for. Boot recovery took the newest open transaction's card
 * for one inside the reader (a presence reader cannot tell the slot from inside) and asked the
 * reader to capture it: refused (no capture bin), the card was journaled `card.unaccounted` "kept
 * for staff", no wait resumed, and when someone took it later nothing journaled it; a card taken
 * while the kiosk was down was journaled nowhere either.
 *
 * Now recovery asks no capture of a card its transaction had left at the slot of a reader that
 * cannot capture: it is journaled left in the slot (`card.leftInSlot`, after the restart), the card
 * journeys are held back as before the restart (CARD_LEFT_IN_READER), and the wait resumes until
 * the card is taken, journaled (`recovery.slotCard` taken) and the journeys offered again; the
 * reader listed empty at boot, the card is journaled taken (after the restart). A stray card still
 * in the slot is handed back and waited for without holding the journeys back, as before the
 * restart (`stray-card-in-presence-reader-held-after-restart`).
 *
 * The real journal (SQLite in memory), boot recovery, the slot-card service, the session ends'
 * card-left watch, and the reader as `PcscCardReader` makes it for a reader without a motor
 * (`MotorisedCardReader` on the `PresenceCardMechanism`), pcscd's side stood in for.
 */
import { describe, expect, it } from '@jest/globals';
import {
  card,
  cleanupsAfterEach,
  cutAtTakeStep,
  cutWithCardIn,
  leftBySession,
  SLOT_TAKE_MS,
  strayWaited,
  waitedFor,
} from './presence-before-restart.spec-support.js';
import {
  type BeforeRestart,
  expectWaitedUntilTaken,
  restartWith as restartOn,
  resumedWait,
} from './presence-boot-recovery.spec-support.js';

const cleanups = cleanupsAfterEach();

/** The next boot: the journal as `before` left it, the presence reader listed with the card or not. */
const restartWith = (before: BeforeRestart, cardInSlot: boolean) =>
  restartOn(before, { cardInSlot, cardTakeMs: SLOT_TAKE_MS }, cleanups);

const leftAfterRestart = `card.leftInSlot:event {"after":"restart","readerSays":"inReader","captureBin":false,"card":"${card}","forStaff":true}`;

describe('card left in a presence reader slot across a restart', () => {
  it.each([
    // the wait, under the session's id, reads no card: the number is its session's (ADR 0028)
    ['left by a session not taken (its wait open)', leftBySession],
    ['handed back by a session cut short at its take step', cutAtTakeStep],
    // a stray card is no resident's: not held back (stray-card-in-presence-reader-held-after-restart)
    ['still pushed in by a session cut short (read, not handed back)', cutWithCardIn],
  ])(
    'card-left-in-presence-slot-across-restart: %s: no capture asked, left in the slot, journeys held back, waited for again and its removal journaled',
    async (_, before) => {
      const k = await restartWith(before, true);
      const report = await k.recovery.recoverUnfinished();
      expect(report).toMatchObject({ recovered: 1, cardsCaptured: 0, cardsLeftForStaff: 0 });
      const wait = await resumedWait(k);
      const after = (await k.steps(k.holder)).slice(-2);
      expect(after[0]).toMatch(/^recovery\.found:event/);
      expect(after[1]).toEqual(leftAfterRestart);
      expect(await k.steps(wait)).toEqual([waitedFor(k.holder)]);
      expect(await k.allSteps()).not.toContain('recovery.card.retract');
      expect(await k.allSteps()).not.toContain('card.unaccounted');
      expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
      expect(k.reader.cardPosition()).toBe('atSlot');
      // several take timeouts pass: still waited for, nothing more journaled, still held back;
      // someone takes it: journaled, the wait completed, the card journeys offered again
      await expectWaitedUntilTaken(k, wait, waitedFor(k.holder));
    },
  );

  it('card-left-in-presence-slot-across-two-restarts: restarted again while the card is waited for: still held back, still waited for, its removal journaled', async () => {
    const k = await restartWith(leftBySession, true);
    await k.recovery.recoverUnfinished();
    const first = await resumedWait(k);
    await k.stop();
    const k2 = await k.again(true);
    await expect(k2.recovery.recoverUnfinished()).resolves.toMatchObject({ cardsLeftForStaff: 0 });
    const second = await resumedWait(k2);
    expect(second).not.toBe(first);
    expect((await k.steps(first)).slice(-1)).toEqual([leftAfterRestart.replace(`"${card}"`, 'null')]);
    expect(await k.steps(second)).toEqual([waitedFor(first)]);
    expect(k2.kiosk).toEqual(['CARD_LEFT_IN_READER']);
    expect(await k.allSteps()).not.toContain('card.unaccounted');
    k2.pull();
    await expect(k2.slotCard.outcome()).resolves.toBe('taken');
    expect((await k.steps(second)).at(-1)).toBe('recovery.slotCard:event {"where":"taken"}');
    expect(k2.kiosk).toEqual(['CARD_LEFT_IN_READER', 'CARD_LEFT_CLEARED']);
  });

  it.each([
    ['left by a session not taken (its wait open)', leftBySession],
    ['handed back by a session cut short at its take step', cutAtTakeStep],
    ['a stray card handed back and waited for', strayWaited],
  ])(
    'card-left-in-presence-slot-taken-while-down: %s: the reader says none at boot, the card journaled taken',
    async (_, before) => {
      const k = await restartWith(before, false);
      await expect(k.recovery.recoverUnfinished()).resolves.toMatchObject({ cardsLeftForStaff: 0 });
      await expect(k.slotCard.outcome()).resolves.toBe('taken');
      expect((await k.steps(k.holder)).slice(-1)).toEqual([
        'recovery.slotCard:event {"where":"taken","after":"restart"}',
      ]);
      expect(await k.allSteps()).not.toContain('card.unaccounted');
      expect(k.kiosk).toEqual([]);
    },
  );
});

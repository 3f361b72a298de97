/**
 * Fault: a card already "kept for staff" in a motorless ("presence") reader, which cannot capture it
 * and so holds it sticking out of its slot: an earlier `card.unaccounted` (a session whose reader
 * did not answer the card's move, an earlier boot's), or the reader still silent when boot stopped
 * waiting for its word (CARD_POSITION_UNKNOWN). Boot recovery left it "for staff" and the slot-card
 * service stayed away from it: no wait, and when staff (or anyone) took it out, nothing journaled
 * its removal; a card found gone at boot was journaled nowhere either.
 *
 * Now, on a reader that cannot capture, such a card is waited for as a card left in the slot: marked
 * handed back (no move), a wait of its own (`cardLeftAtSlot`, `recovery.slotCard` atSlot with
 * `after: 'restart'` and `leftBy` the transaction that left it for staff) until it is taken,
 * journaled, the card journeys held back until then (CARD_LEFT_IN_READER, then CARD_LEFT_CLEARED);
 * found gone at boot, journaled taken. A reader silent at the bound is waited for (its first word).
 *
 * The real journal (SQLite in memory), boot recovery, the slot-card service, the session ends'
 * card-left watch, and the reader as `PcscCardReader` makes it for a reader without a motor,
 * pcscd's side stood in for (`presence-boot-recovery.spec-support.ts`).
 */
import { describe, expect, it } from '@jest/globals';
import type { CardEvent, CardReaderPort } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import {
  cleanupsAfterEach,
  cutWithCardIn,
  keptBySession,
  SLOT_TAKE_MS,
  taken,
  waitedFor,
} from './presence-before-restart.spec-support.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import {
  expectWaitedUntilTaken,
  presenceBootRecovery,
  type PresenceBoot,
  restartWith,
  resumedWait,
} from './presence-boot-recovery.spec-support.js';

const cleanups = cleanupsAfterEach();

const boot = (cardInSlot: boolean | undefined, positionWaitMs?: number): PresenceBoot => ({
  cardInSlot,
  cardTakeMs: SLOT_TAKE_MS,
  ...(positionWaitMs !== undefined && { positionWaitMs }),
});

describe('a card kept for staff in a presence reader', () => {
  it('card-kept-for-staff-in-presence-reader-removal-journaled: an earlier card.unaccounted, the card in the slot at boot: waited for, its removal journaled, the journeys back once it is gone', async () => {
    const k = await restartWith(keptBySession, boot(true), cleanups);
    await k.recovery.recoverUnfinished();
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
    const wait = await resumedWait(k);
    expect(await k.steps(wait)).toEqual([waitedFor(k.holder)]);
    expect(k.reader.cardPosition()).toBe('atSlot');
    // still waited for past several take timeouts (no capture bin), still held back; staff take it
    // out: journaled, the wait completed, the card journeys offered again
    await expectWaitedUntilTaken(k, wait, waitedFor(k.holder));
    expect(await k.allSteps()).not.toContain('recovery.card.retract');
  });

  it('card-kept-for-staff-in-presence-reader-removal-journaled: restarted again while it is waited for: still held back, waited for again, its removal journaled', async () => {
    const k = await restartWith(keptBySession, boot(true), cleanups);
    await k.recovery.recoverUnfinished();
    const first = await resumedWait(k);
    await k.stop();
    const k2 = await k.again(true);
    await k2.recovery.recoverUnfinished();
    const second = await resumedWait(k2);
    expect(second).not.toBe(first);
    expect(await k.steps(second)).toEqual([waitedFor(first)]);
    expect(k2.kiosk).toEqual(['CARD_LEFT_IN_READER']);
    k2.pull();
    await expect(k2.slotCard.outcome()).resolves.toBe('taken');
    expect((await k.steps(second)).at(-1)).toBe(taken);
    expect(k2.kiosk).toEqual(['CARD_LEFT_IN_READER', 'CARD_LEFT_CLEARED']);
  });

  it('card-kept-for-staff-in-presence-reader-removal-journaled: an earlier card.unaccounted, the reader empty at boot: journaled taken while the kiosk was down', async () => {
    const k = await restartWith(keptBySession, boot(false), cleanups);
    await k.recovery.recoverUnfinished();
    await expect(k.slotCard.outcome()).resolves.toBe('taken');
    const [wait, ...more] = await k.waits();
    expect(more).toEqual([]);
    expect(wait).toMatchObject({ status: 'closed', outcome: 'completed' });
    expect(await k.steps(wait!.id)).toEqual([
      `recovery.slotCard:event {"where":"taken","after":"restart","leftBy":"${k.holder}"}`,
    ]);
    expect(k.kiosk).toEqual([]);
  });

  it('card-kept-for-staff-in-presence-reader-removal-journaled: the reader still silent when boot stopped waiting: once it says the card is in the slot, waited for, its removal journaled', async () => {
    const k = await restartWith(cutWithCardIn, boot(undefined, 30), cleanups);
    await expect(k.recovery.recoverUnfinished()).rejects.toMatchObject({
      code: ErrorCode.CARD_POSITION_UNKNOWN,
    });
    expect((await k.steps(k.holder)).at(-1)).toMatch(/^card\.unaccounted:event .*"readerSays":"unknown"/);
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);

    k.list(true); // pcscd lists the reader: the card is in its slot
    const wait = await resumedWait(k);
    expect(await k.steps(wait)).toEqual([waitedFor(k.holder)]);
    expect(k.reader.cardPosition()).toBe('atSlot');
    k.pull();
    await eventually(() => k.steps(wait), 'the removal journaled', {
      withinMs: 5_000,
      until: (steps) => steps.length === 2,
    });
    expect(await k.steps(wait)).toEqual([waitedFor(k.holder), taken]);
    expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER', 'CARD_LEFT_CLEARED']);
  });

  it('card-kept-for-staff-in-presence-reader-removal-journaled: a reader that turns out to capture (it had not said at boot): the card kept for staff stays inside for them, never handed back', async () => {
    // a reader chosen late (an auto reader before it opens): no word on the card, no capture said
    // until it speaks; then a motor reader with the kept card inside
    const { db, journal } = await openMemoryJournal();
    cleanups.push(() => db.destroy());
    await keptBySession(journal);
    const listeners = new Set<(event: CardEvent) => void>();
    let chosen = false;
    const moves: string[] = [];
    const reader = {
      kind: 'cardReader',
      cardPosition: () => (chosen ? 'inReader' : 'unknown'),
      canCapture: () => chosen,
      onCardEvent: (listener: (event: CardEvent) => void) => (
        listeners.add(listener),
        () => listeners.delete(listener)
      ),
      onStatus: () => () => undefined,
      status: () => ({ kind: 'cardReader', device: 'online', supplies: [], updatedAt: '' }),
      eject: async () => void moves.push('eject'),
      retract: async () => void moves.push('retract'),
    } as unknown as CardReaderPort;
    const stops: (() => unknown)[] = [];
    cleanups.push(() => stops.forEach((stop) => stop()));
    const timing = { cardTakeMs: SLOT_TAKE_MS, positionWaitMs: 30 };
    const { slotCard, recovery } = presenceBootRecovery(reader, journal, timing, stops);
    await expect(recovery.recoverUnfinished()).resolves.toMatchObject({ cardsLeftForStaff: 1 });
    chosen = true;
    listeners.forEach((listener) => listener({ type: 'sensed' }));
    await expect(slotCard.outcome()).resolves.toBe('none');
    expect(moves).toEqual([]);
    const journeys = (await db.query(`SELECT "journey" FROM "journal_transaction"`)) as { journey: string }[];
    expect(journeys.map((t) => t.journey)).toEqual(['balance']);
  });
});

/**
 * Fault: a stray card in a motorless ("presence") reader, one no resident's session left there (a
 * card pushed in with no session waiting for it, handed back and waited for when the kiosk stopped,
 * or pushed in while the kiosk was down), held the card journeys back after a restart, while the
 * running kiosk hands such a card back and waits for it without holding anything back. Boot recovery
 * took the card for the newest open transaction's (the stray card's own return, or any transaction
 * left open, even one that never took a card in), journaled it left in that transaction's slot and
 * told the kiosk CARD_LEFT_IN_READER.
 *
 * A stray card is no resident's card the kiosk owes anything for: after a restart it is handed back
 * and waited for as one found inside at boot (a transaction of journey `recovery`: `card.eject`
 * found inReader, then taken), the card journeys offered meanwhile, as before the restart.
 *
 * The real journal (SQLite in memory), boot recovery, the slot-card service, the session ends'
 * card-left watch, and the reader as `PcscCardReader` makes it for a reader without a motor,
 * pcscd's side stood in for (`presence-boot-recovery.spec-support.ts`).
 */
import { describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { cleanupsAfterEach, SLOT_TAKE_MS, strayWaited } from './presence-before-restart.spec-support.js';
import { type BeforeRestart, restartWith } from './presence-boot-recovery.spec-support.js';
import { RECOVERY_JOURNEY } from './slot-card-journal.js';

const cleanups = cleanupsAfterEach();

/** A loss report cut short (no card taken in); a card pushed in while the kiosk was down. */
const pushedInWhileDown: BeforeRestart = (journal) => journal.openTransaction('s-1', 'reportLoss');

const handedBack = `card.eject:intent {"found":"inReader","takeMs":${SLOT_TAKE_MS}}`;

describe('a stray card in a presence reader after a restart', () => {
  it.each([
    ['handed back and waited for when the kiosk stopped', strayWaited],
    ['pushed in while the kiosk was down, a loss report left open', pushedInWhileDown],
  ])(
    'stray-card-in-presence-reader-held-after-restart: %s: not held back, handed back and waited for, its removal journaled',
    async (_, before) => {
      const k = await restartWith(before, { cardInSlot: true, cardTakeMs: SLOT_TAKE_MS }, cleanups);
      await expect(k.recovery.recoverUnfinished()).resolves.toMatchObject({ cardsLeftForStaff: 0 });
      const [own] = await eventually(
        async () => (await k.journeys()).filter((t) => t.journey === RECOVERY_JOURNEY),
        'the card handed back as one found at boot',
        { withinMs: 5_000, until: (found) => found.length === 1 },
      );
      // the card journeys are not held back for it, and no transaction is told it left it there
      expect(k.kiosk).toEqual([]);
      expect(await k.allSteps()).not.toContain('card.leftInSlot');
      expect(await k.waits()).toEqual([]);
      expect(k.reader.cardPosition()).toBe('atSlot');
      await k.timeoutsPass(3);
      expect(await k.steps(own!.id)).toEqual([handedBack, 'card.eject:done']);
      expect(k.kiosk).toEqual([]);

      k.pull();
      await expect(k.slotCard.outcome()).resolves.toBe('taken');
      expect(await k.steps(own!.id)).toEqual([
        handedBack,
        'card.eject:done',
        'recovery.slotCard:event {"where":"taken"}',
      ]);
      expect((await k.journeys()).find((t) => t.id === own!.id)).toMatchObject({ outcome: 'completed' });
      expect(k.kiosk).toEqual([]);
    },
  );

  it('stray-card-in-presence-reader-held-after-restart: restarted again while it is waited for: still not held back', async () => {
    const k = await restartWith(strayWaited, { cardInSlot: true, cardTakeMs: SLOT_TAKE_MS }, cleanups);
    await k.recovery.recoverUnfinished();
    await eventually(
      async () => (await k.journeys()).filter((t) => t.journey === RECOVERY_JOURNEY),
      'the card handed back',
      { withinMs: 5_000, until: (found) => found.length === 1 },
    );
    await k.stop();
    const k2 = await k.again(true);
    await expect(k2.recovery.recoverUnfinished()).resolves.toMatchObject({ cardsLeftForStaff: 0 });
    await eventually(
      async () => (await k.journeys()).filter((t) => t.journey === RECOVERY_JOURNEY && t.status === 'open'),
      'the card handed back again',
      { withinMs: 5_000, until: (found) => found.length === 1 },
    );
    expect(k2.kiosk).toEqual([]);
    expect(await k.allSteps()).not.toContain('card.leftInSlot');
    k2.pull();
    await expect(k2.slotCard.outcome()).resolves.toBe('taken');
    expect(k2.kiosk).toEqual([]);
  });
});

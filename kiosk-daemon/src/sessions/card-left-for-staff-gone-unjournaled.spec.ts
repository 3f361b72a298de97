/**
 * The fault: a card left in the reader for staff (`card.unaccounted`: its capture at the slot
 * failed, the kiosk told CARD_LEFT_IN_READER) that someone later took, or that was captured later,
 * cleared the kiosk's alert and nothing more: the journal kept the card unaccounted for for good, so
 * a reader of the journal (staff, a reconciliation) saw a resident's card lost at the kiosk that
 * had left it. Now where it went is journaled beside the step that left it (`card.leftGone`: taken
 * at the slot, pulled out, captured) as the kiosk is told it is gone. The emulated reader, the
 * real journal, the daemon's card-left watch.
 */
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { cardKiosk } from './card-kiosk.spec-support.js';
import { stepRead, watchedCardKiosk } from './card-left-watch.spec-support.js';
import { LEFT_AT_SLOT_JOURNEY, STRAY_CARD_JOURNEY } from './slot-card-journal.js';

async function watchedKiosk(bin?: { count: number; capacity: number }) {
  const k = await watchedCardKiosk(bin);
  /** the kiosk told the card is gone, and where the journal says it went */
  const clearedWith = async (journey: string) => {
    await k.toldCleared();
    const gone = async () =>
      (await k.stepsOf(journey)).filter((s) => s.step === 'card.leftGone').map(stepRead);
    return eventually(gone, 'where the card went journaled', {
      withinMs: 5_000,
      until: (steps) => steps.length > 0,
    });
  };
  return { ...k, clearedWith };
}

describe('a card left in the reader for staff that later leaves it', () => {
  it('card-left-for-staff-gone-unjournaled: a stray card taken at the slot after its capture failed is journaled taken', async () => {
    const k = await watchedKiosk({ count: 1, capacity: 1 });
    try {
      await k.reader.insertCard('zhang');
      expect(await k.slotCard.returnStray()).toBe('failed');
      expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
      await k.reader.takeCard();
      expect(await k.clearedWith(STRAY_CARD_JOURNEY)).toEqual([
        { phase: 'event', where: 'takenAtSlot', readerSays: 'none' },
      ]);
      expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER', 'CARD_LEFT_CLEARED']);
    } finally {
      await k.close();
    }
  });

  it('card-left-for-staff-gone-unjournaled: a card a session left, captured once the jam is cleared, is journaled captured', async () => {
    const k = await watchedKiosk();
    try {
      expect(await k.leftAtSlotReaderJammed()).toBe('failed');
      expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
      k.reader.setFault(null);
      await k.reader.retract();
      expect(await k.clearedWith(LEFT_AT_SLOT_JOURNEY)).toEqual([
        { phase: 'event', where: 'captured', readerSays: 'none' },
      ]);
      expect(k.whereIs()).toBe('captured');
    } finally {
      await k.close();
    }
  });

  it('card-left-for-staff-gone-unjournaled: a card left for staff gone while the kiosk was down is journaled found gone at boot, once', async () => {
    const k = await cardKiosk();
    try {
      // a run before the restart left a card for staff (its capture failed), then stopped
      const left = await k.journal.openTransaction('s-1', 'balance');
      await k.journal.recordStep(left, 'card.unaccounted', 'event', {
        after: 'retract',
        readerSays: 'atSlot',
        code: ErrorCode.DEVICE_BIN_FULL,
        forStaff: true,
      });
      await k.journal.closeTransaction(left, 'failed', ErrorCode.DEVICE_BIN_FULL);
      // the card taken while the kiosk was down: the reader is empty at boot
      for (let boot = 0; boot < 2; boot += 1) {
        const slotCard = k.slotCard();
        slotCard.startAtBoot([]);
        expect(await slotCard.outcome()).toBe('none');
      }
      expect(await k.steps(left, true)).toEqual([
        expect.stringMatching(/^card\.unaccounted:event/),
        'card.leftGone:event {"where":"foundGone","readerSays":"none","after":"restart"}',
      ]);
    } finally {
      await k.close();
    }
  });

  it('a card left for staff still in the reader is journaled nowhere', async () => {
    const k = await watchedKiosk({ count: 1, capacity: 1 });
    try {
      await k.reader.insertCard('zhang');
      expect(await k.slotCard.returnStray()).toBe('failed');
      const [own] = await k.transactions(STRAY_CARD_JOURNEY);
      const steps = (await k.journal.stepsOf(own!.id)).map((s) => s.step);
      expect(steps).toContain('card.unaccounted');
      expect(steps).not.toContain('card.leftGone');
      expect(own!.errorCode).toBe(ErrorCode.DEVICE_BIN_FULL);
    } finally {
      await k.close();
    }
  });
});

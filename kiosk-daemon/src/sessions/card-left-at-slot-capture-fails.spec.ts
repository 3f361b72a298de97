/**
 * The fault: a card left at the reader's slot (a stray card handed back, a card a session left
 * there, one found there at boot) whose capture failed after the take timeout (the capture bin
 * full, the reader jammed at the capture) was journaled as a failed retract only: no
 * `card.unaccounted` for staff, the kiosk not told, so the card journeys stayed offered and the
 * fleet raised no `leftAtKiosk` alert while a resident's card lay loose in the hall. Now it is
 * accounted for where the reader says it is (`card.unaccounted`, after the retract, with the
 * reader's code, for staff) and the kiosk machine is told CARD_LEFT_IN_READER, cleared once the
 * card leaves the reader. The emulated reader, the real journal, the daemon's card-left watch.
 */
import { ErrorCode } from '@kiosk/domain';
import { stepRead, watchedCardKiosk } from './card-left-watch.spec-support.js';
import { LEFT_AT_SLOT_JOURNEY, RECOVERY_JOURNEY, STRAY_CARD_JOURNEY } from './slot-card-journal.js';

/** A kiosk with no session running, the card-left watch told as the daemon's SessionEnds is. */
async function watchedKiosk(bin?: { count: number; capacity: number }) {
  const k = await watchedCardKiosk(bin);
  /** the `card.unaccounted` step of the journey's own transaction, its detail parsed */
  const unaccounted = async (journey: string) => {
    const step = (await k.stepsOf(journey)).find((s) => s.step === 'card.unaccounted');
    return step && stepRead(step);
  };
  return { ...k, unaccounted };
}

const FULL_BIN = { count: 1, capacity: 1 };

describe('a card left at the slot whose capture fails', () => {
  it('card-left-at-slot-capture-fails: a stray card, the capture bin full: accounted for, the kiosk told', async () => {
    const k = await watchedKiosk(FULL_BIN);
    try {
      await k.reader.insertCard('zhang');
      expect(await k.slotCard.returnStray()).toBe('failed');
      expect(k.whereIs()).toBe('atSlot');
      expect(await k.unaccounted(STRAY_CARD_JOURNEY)).toEqual({
        phase: 'event',
        after: 'retract',
        readerSays: 'atSlot',
        code: ErrorCode.DEVICE_BIN_FULL,
        forStaff: true,
      });
      expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
      // someone takes it: the card journeys are offered again
      await k.reader.takeCard();
      expect(await k.toldCleared()).toEqual(['CARD_LEFT_IN_READER', 'CARD_LEFT_CLEARED']);
    } finally {
      await k.close();
    }
  });

  it('card-left-at-slot-capture-fails: a card a session left, the reader jammed at the capture', async () => {
    const k = await watchedKiosk();
    try {
      expect(await k.leftAtSlotReaderJammed()).toBe('failed');
      expect(await k.unaccounted(LEFT_AT_SLOT_JOURNEY)).toMatchObject({
        after: 'retract',
        code: ErrorCode.CARD_READER_JAM,
        forStaff: true,
      });
      expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
    } finally {
      await k.close();
    }
  });

  it('card-left-at-slot-capture-fails: a card found at the slot at boot, the capture bin full', async () => {
    const k = await watchedKiosk(FULL_BIN);
    try {
      await k.reader.insertCard('zhang');
      await k.reader.eject();
      await k.recovery(k.slotCard).recoverUnfinished();
      expect(await k.slotCard.outcome()).toBe('failed');
      expect(await k.unaccounted(RECOVERY_JOURNEY)).toMatchObject({
        after: 'retract',
        readerSays: 'atSlot',
        code: ErrorCode.DEVICE_BIN_FULL,
      });
      expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
    } finally {
      await k.close();
    }
  });

  it('a card captured is not left for staff: the kiosk is told nothing', async () => {
    const k = await watchedKiosk();
    try {
      await k.reader.insertCard('zhang');
      expect(await k.slotCard.returnStray()).toBe('retracted');
      expect(await k.unaccounted(STRAY_CARD_JOURNEY)).toBeUndefined();
      expect(k.kiosk).toEqual([]);
    } finally {
      await k.close();
    }
  });
});

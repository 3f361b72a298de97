/**
 * The fault: a session that ended with its card at the slot (not taken, its retract refused or
 * failed: the card neither taken nor captured, card.unaccounted, ADR 0016) left the card lying in
 * the public hall until someone took it; only boot recovery retracted a card it found at the slot.
 * Now the running kiosk waits for it as for a stray card: taken, or retracted into the capture bin
 * after the take timeout (not while a session runs), journaled in a transaction of its own under
 * the session's id. With the emulated reader and the real journal.
 */
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { cardKiosk } from './card-kiosk.spec-support.js';
import { LEFT_AT_SLOT_JOURNEY } from './slot-card-journal.js';

/** a session's card at the slot whose retract failed: the reader dropped offline for it, back since */
async function failedSessionLeftCardAtSlot() {
  const k = await cardKiosk();
  await k.reader.insertCard('zhang');
  await k.reader.eject();
  k.reader.setFault('offline');
  await expect(k.reader.retract()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
  k.reader.setFault(null);
  expect(k.whereIs()).toBe('atSlot');
  return k;
}

describe('a card a failed session left at the slot', () => {
  it('card left at the slot after a failed session is retracted after the take timeout, journaled', async () => {
    const k = await failedSessionLeftCardAtSlot();
    try {
      expect(await k.slotCard().afterSession('session-1', () => false)).toBe('retracted');
      expect(k.whereIs()).toBe('captured');
      expect(k.captureBin()).toBe(1);
      expect(await k.countedBin()).toBe(1);
      const [own, ...more] = await k.transactions(LEFT_AT_SLOT_JOURNEY);
      expect(more).toEqual([]);
      expect(own).toMatchObject({ outcome: 'cardRetracted', errorCode: 'CARD_NOT_TAKEN_RETRACTED' });
      expect(await k.steps(own?.id)).toEqual([
        'recovery.slotCard:event',
        'card.retract:intent',
        'card.retract:done',
      ]);
    } finally {
      await k.close();
    }
  });

  it('card left at the slot after a failed session, taken within the take timeout: nothing retracted', async () => {
    const k = await failedSessionLeftCardAtSlot();
    try {
      const settled = k.slotCard().afterSession('session-1', () => false);
      await k.reader.takeCard();
      expect(await settled).toBe('taken');
      expect(k.whereIs()).toBe('outside');
      expect(k.captureBin()).toBe(0);
      const [own] = await k.transactions(LEFT_AT_SLOT_JOURNEY);
      expect(own).toMatchObject({ outcome: 'completed', errorCode: null });
      expect(await k.steps(own?.id, true)).toEqual([
        expect.stringMatching(/^recovery\.slotCard:event .*"where":"atSlot"/),
        'recovery.slotCard:event {"where":"taken"}',
      ]);
    } finally {
      await k.close();
    }
  });

  it('not retracted while a session runs; retracted once it has ended', async () => {
    const k = await failedSessionLeftCardAtSlot();
    try {
      let sessionRuns = true;
      let asked = 0;
      const settled = k.slotCard().afterSession('session-1', () => {
        asked += 1;
        return sessionRuns;
      });
      // past the take timeout twice over: asked twice whether a session runs (not a fixed while,
      // which a loaded machine could outlast before the first timeout, and nothing shown)
      await eventually(() => ({ asked, where: k.whereIs() }), 'asked twice whether a session runs', {
        withinMs: 5_000,
        until: (seen) => seen.asked >= 2 || seen.where !== 'atSlot',
      });
      expect(k.whereIs()).toBe('atSlot');
      sessionRuns = false;
      expect(await settled).toBe('retracted');
      expect(k.whereIs()).toBe('captured');
    } finally {
      await k.close();
    }
  });

  it('a session that left no card at the slot starts no wait', async () => {
    const k = await cardKiosk();
    try {
      expect(await k.slotCard().afterSession('session-1', () => false)).toBe('none');
      expect(await k.transactions(LEFT_AT_SLOT_JOURNEY)).toEqual([]);
    } finally {
      await k.close();
    }
  });
});

/**
 * A card inside the reader when the kiosk restarted that no open transaction claims (a stray card
 * being read, or its session already closed): boot hands it back at the slot, its owner may be
 * standing there, journaled in a recovery transaction of its own; then the take timeout, and the
 * capture bin if nobody takes it. The next resident can insert theirs either way. A reader that
 * cannot give it back (jammed) reports the fault: no card journey until field staff clear it.
 */
import type { DeviceStatus } from '@kiosk/domain';
import { ServiceReason, journeysOffered, serviceReasons } from '@kiosk/state-machines';
import { TAKE_MS, cardKiosk } from './card-kiosk.spec-support.js';
import { RECOVERY_JOURNEY } from './slot-card-journal.js';

/** a healthy PIN pad beside the card kiosk's devices: a balance query needs only it and the reader */
const PIN_PAD: DeviceStatus = {
  kind: 'pinPad',
  device: 'online',
  supplies: [],
  driver: 'emulator',
  updatedAt: '2026-11-26T08:00:00Z',
};

/** The kiosk stopped with zhang's card inside the reader, its session (if any) already closed. */
async function bootWithCardInReader(bin?: { count: number; capacity: number }) {
  const k = await cardKiosk(bin);
  await k.reader.insertCard('zhang');
  // a session that ended before the kiosk stopped: closed, it claims nothing
  const closed = await k.journal.openTransaction('s1', 'queryBalance');
  await k.journal.closeTransaction(closed, 'completed', null);
  const slotCard = k.slotCard();
  return {
    ...k,
    recovery: k.recovery(slotCard),
    slotCard,
    closed,
    transactions: () => k.transactions(),
    recoveryTransactions: () => k.transactions(RECOVERY_JOURNEY),
    /** the journeys the kiosk offers with these devices and a PIN pad */
    offered: () => journeysOffered([...k.devices.statuses(), PIN_PAD]),
  };
}

describe('a card inside the reader at boot that no transaction claims', () => {
  it('card inside the reader at boot that no transaction claims is given back, then retracted if not taken', async () => {
    const w = await bootWithCardInReader();
    try {
      const report = await w.recovery.recoverUnfinished();
      // not captured at once: handed back, boot not held up
      expect(report).toMatchObject({ recovered: 0, cardsCaptured: 0 });
      await w.atSlot();
      expect(await w.slotCard.outcome()).toBe('retracted');
      expect(w.whereIs()).toBe('captured');
      expect(w.captureBin()).toBe(1);
      expect(await w.countedBin()).toBe(1);
      const [own, ...more] = await w.recoveryTransactions();
      expect(more).toEqual([]);
      expect(own).toMatchObject({ outcome: 'cardRetracted', errorCode: 'CARD_NOT_TAKEN_RETRACTED' });
      expect(await w.steps(own?.id)).toEqual([
        'card.eject:intent',
        'card.eject:done',
        'recovery.card.retract:intent',
        'recovery.card.retract:done',
      ]);
      // the closed session is left as it was
      expect(await w.steps(w.closed)).toEqual([]);
      expect((await w.transactions()).find((t) => t.id === w.closed)).toMatchObject({ outcome: 'completed' });
    } finally {
      await w.close();
    }
  });

  it('given back and taken: nothing retracted, its transaction completed', async () => {
    const w = await bootWithCardInReader();
    try {
      await w.recovery.recoverUnfinished();
      await w.atSlot();
      await w.reader.takeCard();
      expect(await w.slotCard.outcome()).toBe('taken');
      expect(w.whereIs()).toBe('outside');
      expect(w.captureBin()).toBe(0);
      const [own] = await w.recoveryTransactions();
      expect(own).toMatchObject({ outcome: 'completed', errorCode: null });
      const steps = await w.steps(own?.id);
      expect(steps.slice(0, 2)).toEqual(['card.eject:intent', 'card.eject:done']);
      expect(steps.some((s) => s.startsWith('recovery.card.retract'))).toBe(false);
    } finally {
      await w.close();
    }
  });

  it('a session running when the take timeout ends: nothing retracted until it is over', async () => {
    const w = await bootWithCardInReader();
    let sessionRuns = false;
    w.slotCard.respectSessions(() => sessionRuns);
    try {
      await w.recovery.recoverUnfinished();
      await w.atSlot();
      sessionRuns = true;
      // two take timeouts and more: the resident at the screen is not disturbed
      await new Promise((r) => setTimeout(r, TAKE_MS * 2.5));
      expect(w.whereIs()).toBe('atSlot');
      sessionRuns = false;
      expect(await w.slotCard.outcome()).toBe('retracted');
      expect(w.whereIs()).toBe('captured');
    } finally {
      await w.close();
    }
  });

  it('fault: the capture bin is full: the failed retract journaled, the card left at the slot', async () => {
    const w = await bootWithCardInReader({ count: 1, capacity: 1 });
    try {
      await w.recovery.recoverUnfinished();
      expect(await w.slotCard.outcome()).toBe('failed');
      expect(w.whereIs()).toBe('atSlot');
      const [own] = await w.recoveryTransactions();
      expect(own).toMatchObject({ outcome: 'failed', errorCode: 'DEVICE_BIN_FULL' });
      expect(await w.steps(own?.id)).toContain('recovery.card.retract:failed');
    } finally {
      await w.close();
    }
  });

  it('card reader jammed on the eject at boot: card journeys not offered until staff clear it', async () => {
    const w = await bootWithCardInReader();
    try {
      expect(w.offered()).toContain('balance');
      w.reader.setFault('ejectJam');
      await w.recovery.recoverUnfinished();
      expect(await w.slotCard.outcome()).toBe('failed');
      expect(w.whereIs()).toBe('inReader');
      const [own] = await w.recoveryTransactions();
      expect(own).toMatchObject({ outcome: 'failed', errorCode: 'CARD_READER_JAM' });
      expect(await w.steps(own?.id)).toEqual(['card.eject:intent', 'card.eject:failed']);
      // the reader reports the jam by its own code as any faulty device does: no card journey
      expect(w.reader.status()).toMatchObject({
        device: 'hardwareError',
        fault: { code: 'CARD_READER_JAM' },
      });
      expect(w.offered()).toEqual([]);
      expect(serviceReasons(w.devices.statuses())).toContain(ServiceReason.CARD_READER_DOWN);
      // staff clearing it while the card is still stuck: the fault stays
      expect((await w.reader.selfTest()).device).toBe('hardwareError');
      expect(w.offered()).toEqual([]);
      // staff free the card and the mechanism, then clear the fault: card journeys again
      await w.reader.pullCard();
      w.reader.setFault(null);
      expect(w.reader.status().device).toBe('hardwareError');
      expect(await w.reader.selfTest()).toMatchObject({ device: 'online' });
      expect(w.reader.status().fault).toBeUndefined();
      expect(w.offered()).toContain('balance');
      expect(serviceReasons(w.devices.statuses())).not.toContain(ServiceReason.CARD_READER_DOWN);
    } finally {
      await w.close();
    }
  });
});

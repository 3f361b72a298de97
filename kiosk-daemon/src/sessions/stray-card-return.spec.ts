/**
 * A card inserted with no session waiting for it (nobody chose a journey) is handed straight back:
 * journaled in a small transaction of its own, and if nobody takes it, retracted into the capture
 * bin after the take timeout and counted, as a card left at the slot across a restart is. A
 * resident who takes it, pushes it back in or starts a session meanwhile is not disturbed.
 */
import { eventually } from '@kiosk/domain/testing';
import { TAKE_MS, cardKiosk } from './card-kiosk.spec-support.js';
import { STRAY_CARD_JOURNEY } from './slot-card-journal.js';
import type { SlotCardOutcome } from './slot-card-recovery.js';

/** The reader and the journal of a kiosk with no session, a card inserted handed back as the daemon does. */
async function idleKiosk(bin?: { count: number; capacity: number }) {
  const k = await cardKiosk(bin);
  const slotCard = k.slotCard();
  /** the kiosk stopped (the stray card's wait with it) and boots again on the same reader and journal */
  const restart = async () => {
    slotCard.onApplicationShutdown();
    const again = k.slotCard();
    await k.recovery(again).recoverUnfinished();
    return again;
  };
  let sessionRuns = false;
  const returns: Promise<SlotCardOutcome>[] = [];
  // as the daemon's device events: a card inserted while no session runs is a stray card
  const off = k.reader.onCardEvent((e) => {
    if (e.type === 'inserted' && !sessionRuns) returns.push(slotCard.returnStray(() => sessionRuns));
  });
  return {
    ...k,
    returns,
    startSession: (runs: boolean) => (sessionRuns = runs),
    strayTransactions: () => k.transactions(STRAY_CARD_JOURNEY),
    restart,
    close: async () => {
      off();
      await k.close();
    },
  };
}

describe('a stray card handed back at the slot', () => {
  it('stray card left at the slot is retracted after the take timeout', async () => {
    const k = await idleKiosk();
    try {
      await k.reader.insertCard('zhang');
      await k.atSlot();
      expect(await k.returns[0]).toBe('retracted');
      expect(k.whereIs()).toBe('captured');
      expect(k.captureBin()).toBe(1);
      expect(await k.countedBin()).toBe(1);
      const [own, ...more] = await k.strayTransactions();
      expect(more).toEqual([]);
      expect(own).toMatchObject({ outcome: 'cardRetracted', errorCode: 'CARD_NOT_TAKEN_RETRACTED' });
      expect(await k.steps(own?.id)).toEqual([
        'card.eject:intent',
        'card.eject:done',
        'card.retract:intent',
        'card.retract:done',
      ]);
    } finally {
      await k.close();
    }
  });

  it('stray card taken: nothing retracted', async () => {
    const k = await idleKiosk();
    try {
      await k.reader.insertCard('zhang');
      await k.atSlot();
      await k.reader.takeCard();
      expect(await k.returns[0]).toBe('taken');
      expect(k.whereIs()).toBe('outside');
      expect(k.captureBin()).toBe(0);
      const [own] = await k.strayTransactions();
      expect(own).toMatchObject({ outcome: 'completed', errorCode: null });
      const steps = await k.steps(own?.id);
      expect(steps.slice(0, 2)).toEqual(['card.eject:intent', 'card.eject:done']);
      expect(steps.some((s) => s.startsWith('card.retract'))).toBe(false);
    } finally {
      await k.close();
    }
  });

  it('stray card taken and inserted again: the first wait ends, the second return has it alone', async () => {
    const k = await idleKiosk();
    try {
      await k.reader.insertCard('zhang');
      await k.atSlot();
      await k.reader.takeCard();
      await k.reader.insertCard('zhang');
      await k.atSlot();
      await k.reader.takeCard();
      expect(await Promise.all(k.returns)).toEqual(['taken', 'taken']);
      expect(k.captureBin()).toBe(0);
      const both = await k.strayTransactions();
      expect(both.map((t) => t.outcome)).toEqual(['completed', 'completed']);
    } finally {
      await k.close();
    }
  });

  it('stray card while a session runs: not retracted then, retracted once the session is over', async () => {
    const k = await idleKiosk();
    try {
      await k.reader.insertCard('zhang');
      await k.atSlot();
      k.startSession(true);
      // two take timeouts and more: the resident at the screen is not disturbed
      await new Promise((r) => setTimeout(r, TAKE_MS * 2.5));
      expect(k.whereIs()).toBe('atSlot');
      k.startSession(false);
      expect(await k.returns[0]).toBe('retracted');
      expect(k.whereIs()).toBe('captured');
    } finally {
      await k.close();
    }
  });

  it('stray card at the slot when the kiosk restarts: boot finds its return and retracts it after the take timeout', async () => {
    const k = await idleKiosk();
    try {
      await k.reader.insertCard('zhang');
      await k.atSlot();
      const [own] = await k.strayTransactions();
      await eventually(() => k.steps(own?.id), "the card's eject journaled done", {
        withinMs: 5_000,
        until: (steps) => steps.includes('card.eject:done'),
      });
      const again = await k.restart();
      expect(await k.returns[0]).toBe('stopped');
      expect(await again.outcome()).toBe('retracted');
      expect(k.whereIs()).toBe('captured');
      const [after, ...more] = await k.strayTransactions();
      expect(more).toEqual([]);
      expect(after).toMatchObject({ outcome: 'interrupted' });
      const steps = await k.steps(after?.id);
      expect(steps.indexOf('recovery.card.retract:done')).toBeGreaterThan(steps.indexOf('card.eject:done'));
    } finally {
      await k.close();
    }
  });

  it('fault: the capture bin is full: the failed retract journaled, the card left at the slot', async () => {
    const k = await idleKiosk({ count: 1, capacity: 1 });
    try {
      await k.reader.insertCard('zhang');
      expect(await k.returns[0]).toBe('failed');
      expect(k.whereIs()).toBe('atSlot');
      const [own] = await k.strayTransactions();
      expect(own).toMatchObject({ outcome: 'failed', errorCode: 'DEVICE_BIN_FULL' });
      expect(await k.steps(own?.id)).toContain('card.retract:failed');
    } finally {
      await k.close();
    }
  });
});

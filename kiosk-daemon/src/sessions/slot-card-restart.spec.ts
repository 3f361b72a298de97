/**
 * A card at the reader's slot when the kiosk restarted (handed back to its holder, or someone
 * else's card refused at a damaged-card hand-in): no session will ever wait for it. At boot it gets
 * the take timeout, the kiosk in service meanwhile, and is then retracted into the capture bin,
 * journaled before and after and counted; taken in that time, nothing is retracted.
 */
import { TAKE_MS, cardKiosk } from './card-kiosk.spec-support.js';
import { RECOVERY_JOURNEY } from './slot-card-journal.js';

/**
 * The kiosk stopped with zhang's card at the slot: handed back by `handBack` in a transaction left
 * open ('card.eject' or 'oldCard.return'), or with no transaction at all (a stray card returned).
 */
async function bootWithCardAtSlot(
  handBack: 'card.eject' | 'oldCard.return' | 'none',
  bin?: { count: number; capacity: number },
) {
  const k = await cardKiosk(bin);
  await k.reader.insertCard('zhang');
  let tx: string | undefined;
  if (handBack !== 'none') {
    tx = await k.journal.openTransaction('s1', handBack === 'card.eject' ? 'queryBalance' : 'replaceCard');
    await k.journal.recordStep(tx, handBack, 'intent');
  }
  await k.reader.eject();
  const slotCard = k.slotCard();
  return {
    ...k,
    recovery: k.recovery(slotCard),
    slotCard,
    tx,
    steps: (id = tx) => k.steps(id, true),
    recoveryTransactions: () => k.transactions(RECOVERY_JOURNEY),
  };
}

describe('a card left at the slot across a restart', () => {
  it('card left at the slot across a restart is retracted after the take timeout', async () => {
    const w = await bootWithCardAtSlot('card.eject');
    try {
      const report = await w.recovery.recoverUnfinished();
      // boot is not held up: the card still waits at the slot for its holder
      expect(report.recovered).toBe(1);
      expect(w.whereIs()).toBe('atSlot');
      expect(await w.slotCard.outcome()).toBe('retracted');
      expect(w.whereIs()).toBe('captured');
      expect(w.captureBin()).toBe(1);
      expect(await w.countedBin()).toBe(1);
      // journaled in the transaction that handed it back: found, intent, done
      const steps = await w.steps();
      const found = steps.findIndex((s) => s.startsWith('recovery.slotCard:event'));
      const intent = steps.findIndex((s) => s.startsWith('recovery.card.retract:intent'));
      const done = steps.findIndex((s) => s.startsWith('recovery.card.retract:done'));
      expect(found).toBeGreaterThan(-1);
      expect(steps[found]).toContain(`"takeMs":${TAKE_MS}`);
      expect(intent).toBeGreaterThan(found);
      expect(done).toBeGreaterThan(intent);
      expect(await w.recoveryTransactions()).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('taken during that time: nothing retracted', async () => {
    const w = await bootWithCardAtSlot('card.eject');
    try {
      await w.recovery.recoverUnfinished();
      await w.reader.takeCard();
      expect(await w.slotCard.outcome()).toBe('taken');
      expect(w.whereIs()).toBe('outside');
      expect(w.captureBin()).toBe(0);
      const steps = await w.steps();
      expect(steps.some((s) => s.startsWith('recovery.card.retract'))).toBe(false);
      expect(
        steps.some((s) => s.startsWith('recovery.slotCard:event') && s.includes('"where":"taken"')),
      ).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('a session running when the take timeout ends: nothing retracted until it is over', async () => {
    const w = await bootWithCardAtSlot('card.eject');
    let sessionRuns = false;
    w.slotCard.respectSessions(() => sessionRuns);
    try {
      await w.recovery.recoverUnfinished();
      sessionRuns = true;
      // two take timeouts and more: the resident at the screen is not disturbed
      await new Promise((r) => setTimeout(r, TAKE_MS * 2.5));
      expect(w.whereIs()).toBe('atSlot');
      expect((await w.steps()).some((s) => s.startsWith('recovery.card.retract'))).toBe(false);
      sessionRuns = false;
      expect(await w.slotCard.outcome()).toBe('retracted');
      expect(w.whereIs()).toBe('captured');
      expect((await w.steps()).some((s) => s.startsWith('recovery.card.retract:done'))).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('someone else’s card refused at a damaged-card hand-in: retracted in its transaction', async () => {
    const w = await bootWithCardAtSlot('oldCard.return');
    try {
      await w.recovery.recoverUnfinished();
      expect(await w.slotCard.outcome()).toBe('retracted');
      expect(w.whereIs()).toBe('captured');
      expect((await w.steps()).some((s) => s.startsWith('recovery.card.retract:done'))).toBe(true);
    } finally {
      await w.close();
    }
  });

  it('no transaction claims the card: retracted in a recovery transaction of its own, closed cardRetracted', async () => {
    const w = await bootWithCardAtSlot('none');
    try {
      await w.recovery.recoverUnfinished();
      expect(await w.slotCard.outcome()).toBe('retracted');
      expect(w.whereIs()).toBe('captured');
      const [own, ...more] = await w.recoveryTransactions();
      expect(more).toEqual([]);
      expect(own).toMatchObject({ outcome: 'cardRetracted', errorCode: 'CARD_NOT_TAKEN_RETRACTED' });
      const steps = await w.steps(own?.id);
      expect(steps.map((s) => s.split(' ')[0])).toEqual([
        'recovery.slotCard:event',
        'recovery.card.retract:intent',
        'recovery.card.retract:done',
      ]);
    } finally {
      await w.close();
    }
  });

  it('fault: the capture bin is full: the failed retract journaled, the card left at the slot', async () => {
    const w = await bootWithCardAtSlot('none', { count: 1, capacity: 1 });
    try {
      await w.recovery.recoverUnfinished();
      expect(await w.slotCard.outcome()).toBe('failed');
      expect(w.whereIs()).toBe('atSlot');
      const [own] = await w.recoveryTransactions();
      expect(own).toMatchObject({ outcome: 'failed', errorCode: 'DEVICE_BIN_FULL' });
      const steps = await w.steps(own?.id);
      expect(steps.find((s) => s.startsWith('recovery.card.retract:failed'))).toContain('DEVICE_BIN_FULL');
    } finally {
      await w.close();
    }
  });
});

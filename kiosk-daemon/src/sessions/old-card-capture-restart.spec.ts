/**
 * Exactly once across a restart: the kiosk stopped between journaling a damaged card's capture
 * and journaling it done. At boot the card is accounted for from the reader's own state and its
 * capture bin's count, as a card left in the reader always is: still in the reader, it is captured
 * now; already in the bin, it is found there; without a count to tell, field staff must look.
 */
import { OLD_CARD_CAPTURE } from '../journeys/old-card-hand-in.js';
import { cardKiosk } from './card-kiosk.spec-support.js';

async function bootAfterCrash(captureBinInIntent: number | undefined) {
  const k = await cardKiosk();
  const tx = await k.journal.openTransaction('s1', 'replaceCard');
  await k.reader.insertCard('zhang');
  await k.journal.recordStep(tx, OLD_CARD_CAPTURE, 'intent', {
    chip: 'read',
    ...(captureBinInIntent === undefined ? {} : { captureBin: captureBinInIntent }),
  });
  return {
    ...k,
    recovery: k.recovery(),
    steps: () => k.steps(tx, true),
    txOf: async () => (await k.journal.openTransactions()).find((t) => t.id === tx),
  };
}

describe('restart between a damaged card’s capture intent and its done', () => {
  it('the card still in the reader: captured at boot, journaled captured, the transaction closed', async () => {
    const w = await bootAfterCrash(0);
    try {
      const report = await w.recovery.recoverUnfinished();
      expect(report.cardsCaptured).toBe(1);
      expect(w.whereIs()).toBe('captured');
      const steps = await w.steps();
      expect(steps.some((s) => s.startsWith('recovery.card.retract:done'))).toBe(true);
      expect(steps.find((s) => s.startsWith('recovery.oldCard'))).toContain('"where":"captured"');
      expect(await w.txOf()).toBeUndefined();
    } finally {
      await w.close();
    }
  });

  it('the card already in the bin: found there, not captured twice', async () => {
    const w = await bootAfterCrash(0);
    try {
      await w.reader.retract(); // the capture landed just before the power went
      const report = await w.recovery.recoverUnfinished();
      expect(report.cardsCaptured).toBe(0);
      expect(w.reader.status().supplies.find((s) => s.name === 'captureBin')?.count).toBe(1);
      expect((await w.steps()).find((s) => s.startsWith('recovery.oldCard'))).toContain('"where":"captured"');
    } finally {
      await w.close();
    }
  });

  it('fault: no count journaled to tell: the kiosk stays out of service for field staff', async () => {
    const w = await bootAfterCrash(undefined);
    try {
      await w.reader.retract();
      await expect(w.recovery.recoverUnfinished()).rejects.toMatchObject({ code: 'CARD_MAKING_UNDECIDED' });
      expect((await w.steps()).find((s) => s.startsWith('recovery.oldCard'))).toContain('"where":"unknown"');
      expect(await w.txOf()).toBeDefined();
    } finally {
      await w.close();
    }
  });
});

/**
 * The fault: boot recovery captured a card a cut-short session left in the reader
 * (`recovery.card.retract`) after the device counters had been reconciled and before their feed
 * started, so the journal went on saying the capture bin held one card fewer than it did, until the
 * next change of the reader's counts. Met through the real daemon once the emulated reader kept its
 * card across a crash (test card-in-reader-after-crash); now recovery records the bin's count after
 * its capture, as its other moves do.
 */
import { cardKiosk } from './card-kiosk.spec-support.js';

describe('a card captured by boot recovery', () => {
  it('a card captured by boot recovery is counted in the journal’s device counters at once', async () => {
    const k = await cardKiosk({ count: 2, capacity: 50 });
    try {
      await k.reader.insertCard('zhang');
      const cut = await k.journal.openTransaction('s1', 'queryBalance');
      await k.journal.recordStep(cut, 'card.read', 'event', {});
      const report = await k.recovery().recoverUnfinished();
      expect(report).toMatchObject({ recovered: 1, cardsCaptured: 1 });
      expect(k.whereIs()).toBe('captured');
      expect(k.captureBin()).toBe(3);
      expect(await k.countedBin()).toBe(3);
    } finally {
      await k.close();
    }
  });
});

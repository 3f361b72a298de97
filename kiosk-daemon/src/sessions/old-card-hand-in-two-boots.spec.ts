/**
 * Fault: a damaged card's hand-in decided again at each boot. A replacement cut short between its
 * old card's capture intent (with the capture bin's count) and its done is decided at boot from the
 * bin's count (`recovery.oldCard`: captured when the bin grew). When the transaction stays open
 * past that boot (its card making needs field staff: the card left the printer's slot during its
 * retract and the reject bin cannot tell where), the next start read the bin again: emptied by
 * staff meanwhile, it journaled the same card given back. Now the journaled decision stands: read
 * from the journal and acted on, never taken again from a count that moved on since.
 *
 * The real journal in a SQLite file and the emulated reader keeping its card and bin in
 * `card-reader.json` beside it; each `boot()` is one start of the daemon on that folder.
 */
import { describe, expect, it } from '@jest/globals';
import { OLD_CARD_CAPTURE } from '../journeys/old-card-hand-in.js';
import { coded, oldCardKiosk } from './old-card-recovery-boots.spec-support.js';

async function replacementCutShortInHandIn() {
  // the old card in the reader, the capture bin holding 3 as the capture's intent counted
  const state = { format: 1, position: 'inReader', cardId: 'zhang', captured: [], captureBinCount: 3 };
  const k = await oldCardKiosk('kiosk-old-card-two-boots-', state);
  const { journal, tx } = k;
  await journal.sealPersonalData(tx, 'cardNumber', 'H41080000777');
  await journal.recordStep(tx, OLD_CARD_CAPTURE, 'intent', { chip: 'read', captureBin: 3 });
  // ... and its new card: presented, then gone during a retract whose intent counted nothing
  await journal.recordStep(tx, 'issuance.order', 'event', { applicationNo: 'R1', attempt: 1 });
  for (const step of ['card.feed', 'card.present']) {
    await journal.recordStep(tx, step, 'intent');
    await journal.recordStep(tx, step, 'done');
  }
  await journal.recordStep(tx, 'card.retract', 'intent');

  /** One start of the daemon; `emptyBin`: field staff emptied the capture bin before it. */
  const boot = (options: { emptyBin?: true } = {}) =>
    k.boot(
      async (recovery, reader) => {
        const outcome = await recovery.recoverUnfinished().then(() => 'recovered', coded);
        const where = reader.listCards().find((c) => c.cardId === 'zhang')?.location;
        return { outcome, where };
      },
      (reader) => {
        if (options.emptyBin) reader.emptyCaptureBin();
      },
    );
  return { ...k, boot };
}

describe('a damaged card’s hand-in cut short, its transaction open across boots', () => {
  it('old card hand-in recovered across two boots: decided once', async () => {
    const k = await replacementCutShortInHandIn();

    // the first start: the card still inside captured (the bin 3 -> 4), decided captured; the card
    // making needs staff, so the transaction stays open and the kiosk out of service
    expect(await k.boot()).toEqual({ outcome: 'CARD_MAKING_UNDECIDED', where: 'captured' });
    expect(await k.decisions()).toEqual([{ where: 'captured', captureBin: 4, cardPosition: 'none' }]);
    expect((await k.journal.openTransactions()).map((t) => t.id)).toEqual([k.tx]);

    // field staff emptied the capture bin (the card making still to settle), the power went and
    // came back: the bin's count (0) says nothing of this card now; the decision stands, once
    expect(await k.boot({ emptyBin: true })).toEqual({ outcome: 'CARD_MAKING_UNDECIDED', where: 'outside' });
    expect(await k.decisions()).toEqual([{ where: 'captured', captureBin: 4, cardPosition: 'none' }]);
    // still open for staff, for its card making only; the host told nothing
    expect((await k.journal.openTransactions()).map((t) => t.id)).toEqual([k.tx]);
    expect(k.told).toEqual([]);
  });
});

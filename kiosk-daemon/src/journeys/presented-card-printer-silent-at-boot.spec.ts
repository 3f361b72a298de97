/**
 * Fault: a card making cut short after its new card was presented at the slot, met at boot by a
 * card printer that does not answer yet (its power back later than the kiosk's, its cable out), was
 * reported `issued` and counted issued with the card still lying at the slot. The driver reads no
 * card from a printer it cannot talk to, and recovery took that for "gone from the slot: taken":
 * the office made the card activatable for a resident who never got it, the issued count rose, and
 * the card lay at the slot for whoever came next. Where such a card is only the printer can say:
 * it is now left at the slot for the printer's comeback (`card.leftAtSlot`, `recovery.needsStaff`,
 * the office told nothing), settled by the same rules once the printer answers (still at the slot:
 * retracted into the reject bin, abandoned; gone: taken, issued), as a card whose retract the
 * printer could not do is.
 */
import { recoverIssuance } from './issuance-recovery.js';
import { CARD, presented, world } from './issuance-recovery.spec-support.js';
import { CARD_LEFT_AT_SLOT, openCardsLeftAtSlot } from './new-card-left-at-slot.js';

describe('a card presented, the card printer silent at boot', () => {
  it('fault: not reported issued nor counted: left at the slot for the printer, settled once it answers', async () => {
    const w = await world('none', presented);
    w.printerState.device = 'offline';
    expect(await recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).toBe(false);
    expect(w.report).not.toHaveBeenCalled();
    const named = await w.named();
    expect(named).not.toContain('card.taken:event');
    expect(named).toEqual(
      expect.arrayContaining([`${CARD_LEFT_AT_SLOT}:event`, 'recovery.needsStaff:event']),
    );
    expect(await openCardsLeftAtSlot(w.journal)).toEqual([w.tx]);

    // a later boot with the printer still silent: left again, nothing told
    expect(await recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).toBe(false);
    expect(w.report).not.toHaveBeenCalled();

    // the printer answers: the card still at the slot goes into the reject bin, reported abandoned
    w.printerState.device = 'online';
    w.setPosition('outputSlot');
    expect(await recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).toBe(true);
    expect(w.printer.ejectToRejectBin).toHaveBeenCalledTimes(1);
    expect(w.report).toHaveBeenCalledWith(
      'A0000042',
      { cardNumber: CARD, outcome: 'abandoned', reason: 'interrupted' },
      w.tx,
    );
    expect(await w.named()).not.toContain('card.taken:event');
    await w.db.destroy();
  });

  it('the printer answering at boot, the slot empty: taken, reported issued as before', async () => {
    const w = await world('none', presented);
    expect(await recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).toBe(true);
    expect(w.report).toHaveBeenCalledWith('A0000042', { cardNumber: CARD, outcome: 'issued' }, w.tx);
    expect(await w.named()).not.toContain(`${CARD_LEFT_AT_SLOT}:event`);
    await w.db.destroy();
  });

  it('the card taken journaled before the restart: issued, whatever the printer answers', async () => {
    const w = await world('none', [...presented, ['card.taken', 'event']]);
    w.printerState.device = 'offline';
    expect(await recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).toBe(true);
    expect(w.report).toHaveBeenCalledWith('A0000042', { cardNumber: CARD, outcome: 'issued' }, w.tx);
    await w.db.destroy();
  });
});

/**
 * Recovery of a card making and the cards issued count: a card recovery finds taken is journaled
 * handed over and counted once, before the office hears of it; a card made and not taken (left at
 * the slot, pulled back, jammed) is never counted; a hand-over the journey journaled before the
 * crash is not counted again, whether its count was recorded or not (the self test catches it up).
 */
import { catchUpCardsIssued, CARD_TAKEN_STEP, countCardIssued } from './cards-issued.js';
import { recoverIssuance } from './issuance-recovery.js';
import { CARD, presented, world } from './issuance-recovery.spec-support.js';

type World = Awaited<ReturnType<typeof world>>;

const issuedOf = async (w: World) => (await w.journal.counters.latestCounters()).cardPrinter?.counters.issued;
const handOvers = async (w: World) =>
  (await w.journal.stepsOf(w.tx)).filter((s) => s.step === CARD_TAKEN_STEP);

describe('recovery of card making: the cards issued count', () => {
  it('a card presented and gone, not pulled back: journaled taken and counted issued once, before the office is told', async () => {
    const w = await world('none', presented);
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(await issuedOf(w)).toBe(1);
    const steps = await w.named();
    expect(steps.indexOf('card.taken:event')).toBeLessThan(steps.indexOf('recovery.host.issued:intent'));
    expect(JSON.parse((await handOvers(w))[0]!.detail!)).toEqual({
      card: 'H41******999',
      issued: 1,
      by: 'recovery',
    });
    await w.db.destroy();
  });

  it('fault: recovery run again on the same card making (a restart during recovery): counted once', async () => {
    const w = await world('none', presented);
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(await issuedOf(w)).toBe(1);
    expect(await handOvers(w)).toHaveLength(1);
    await w.db.destroy();
  });

  it('fault: a card left at the slot at the crash goes to the reject bin: not issued', async () => {
    const w = await world('outputSlot', presented);
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(await issuedOf(w)).toBeUndefined();
    expect(await handOvers(w)).toEqual([]);
    await w.db.destroy();
  });

  it('fault: killed inside the retract, the reject bin grew (pulled back, not taken): not issued', async () => {
    const w = await world('none', presented);
    await w.journal.recordStep(w.tx, 'card.retract', 'intent', { rejectBin: 2 });
    w.bin.count = 3;
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(await issuedOf(w)).toBeUndefined();
    await w.db.destroy();
  });

  it('fault: a card jammed in the printer (spoiled, left to staff): not issued', async () => {
    const w = await world('jammed', [['card.feed', 'done']]);
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(await issuedOf(w)).toBeUndefined();
    await w.db.destroy();
  });

  it('fault: killed right after the journey journaled the hand-over, before its count: caught up and reported, counted once', async () => {
    const w = await world('none', presented);
    await w.journal.recordStep(w.tx, CARD_TAKEN_STEP, 'event', { card: 'H41******999', issued: 1 });
    // the self test catches the count up, then recovery finds the hand-over journaled
    expect(await catchUpCardsIssued(w.journal)).toBe(1);
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(w.report).toHaveBeenCalledWith('A0000042', { cardNumber: CARD, outcome: 'issued' }, w.tx);
    expect(await issuedOf(w)).toBe(1);
    expect(await handOvers(w)).toHaveLength(1);
    await w.db.destroy();
  });

  it('fault: killed after the hand-over was counted and the office told, before the close: nothing counted again', async () => {
    const w = await world('none', presented);
    await countCardIssued(w.journal, w.tx, 'H41******999');
    await w.journal.recordStep(w.tx, 'host.issued', 'intent');
    await w.journal.recordStep(w.tx, 'host.issued', 'done');
    expect(await catchUpCardsIssued(w.journal)).toBeUndefined();
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(w.report).not.toHaveBeenCalled();
    expect(await issuedOf(w)).toBe(1);
    await w.db.destroy();
  });
});

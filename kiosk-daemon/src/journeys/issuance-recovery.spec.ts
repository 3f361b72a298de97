import { ErrorCode, KioskError } from '@kiosk/domain';
import { overwriteStepDetail } from '../journal/step-detail.spec-support.js';
import { recoverIssuance } from './issuance-recovery.js';
import { CARD, presented, world } from './issuance-recovery.spec-support.js';

describe('recovery of card making after a crash', () => {
  it('reports a card taken but not yet reported as issued, so the resident can activate it', async () => {
    const w = await world('none', presented);
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(w.report).toHaveBeenCalledWith('A0000042', { cardNumber: CARD, outcome: 'issued' }, w.tx);
    expect(await w.named()).toEqual(
      expect.arrayContaining([
        'recovery.blank:event',
        'recovery.host.issued:intent',
        'recovery.host.issued:done',
      ]),
    );
    await w.db.destroy();
  });

  it('reports a card taken as issued although an earlier blank of the session was rejected (its chip failed)', async () => {
    const w = await world('none', [
      ['card.feed', 'intent'],
      ['card.feed', 'done'],
      ['chip.personalise', 'intent'],
      ['chip.personalise', 'failed'],
      ['card.reject', 'intent'],
      ['card.reject', 'done'],
      ...presented,
    ]);
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(w.report).toHaveBeenCalledWith('A0000042', { cardNumber: CARD, outcome: 'issued' }, w.tx);
    await w.db.destroy();
  });

  it('rejects a card left at the slot and reports the number abandoned', async () => {
    const w = await world('outputSlot', presented);
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(w.printer.ejectToRejectBin).toHaveBeenCalled();
    expect(w.report).toHaveBeenCalledWith(
      'A0000042',
      { cardNumber: CARD, outcome: 'abandoned', reason: 'interrupted' },
      w.tx,
    );
    const steps = await w.named();
    expect(steps.indexOf('recovery.card.reject:done')).toBeLessThan(
      steps.indexOf('recovery.host.issued:intent'),
    );
    // boot reconciled the counters before the reject: the journal records the bin after it
    expect((await w.journal.counters.latestCounters()).cardPrinter?.counters).toEqual({
      blanks: 39,
      rejectBin: 1,
    });
    await w.db.destroy();
  });

  it('leaves a jammed card to staff and reports the number abandoned', async () => {
    const w = await world('jammed', [['card.feed', 'done']]);
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(w.printer.ejectToRejectBin).not.toHaveBeenCalled();
    expect(w.report).toHaveBeenCalledWith(
      'A0000042',
      expect.objectContaining({ outcome: 'abandoned' }),
      w.tx,
    );
    await w.db.destroy();
  });

  it('killed inside the retract, the reject bin grew: the card was pulled back, reported abandoned', async () => {
    const w = await world('none', presented);
    await w.journal.recordStep(w.tx, 'card.retract', 'intent', { rejectBin: 2 });
    w.bin.count = 3;
    await expect(recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).resolves.toBe(true);
    expect(w.report).toHaveBeenCalledWith(
      'A0000042',
      { cardNumber: CARD, outcome: 'abandoned', reason: 'interrupted' },
      w.tx,
    );
    await w.db.destroy();
  });

  it('killed before the retract acted, the card taken meanwhile (the bin did not grow): reported issued', async () => {
    const w = await world('none', presented);
    await w.journal.recordStep(w.tx, 'card.retract', 'intent', { rejectBin: 2 });
    w.bin.count = 2;
    await expect(recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).resolves.toBe(true);
    expect(w.report).toHaveBeenCalledWith('A0000042', { cardNumber: CARD, outcome: 'issued' }, w.tx);
    await w.db.destroy();
  });

  it('fault: a printer that does not count its reject bin: a card gone during its retract is left to staff', async () => {
    const w = await world('none', presented);
    await w.journal.recordStep(w.tx, 'card.retract', 'intent', {});
    w.bin.count = undefined;
    await expect(recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).resolves.toBe(false);
    expect(w.report).not.toHaveBeenCalled();
    expect(await w.named()).toContain('recovery.needsStaff:event');
    await w.db.destroy();
  });

  it('fault: the reject bin’s count journaled before the retract does not read (a torn write): the card’s whereabouts are left to field staff, nothing reported to the host', async () => {
    const w = await world('none', presented);
    await w.journal.recordStep(w.tx, 'card.retract', 'intent', { rejectBin: 2 });
    await overwriteStepDetail(w.db, w.tx, 'card.retract', 'intent', '{"rejectBin":2');
    w.bin.count = 3;
    await expect(recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).resolves.toBe(false);
    expect(w.report).not.toHaveBeenCalled();
    expect(await w.named()).toContain('recovery.needsStaff:event');
    await w.db.destroy();
  });

  it('fault: the reject bin’s count journaled is not a count (text, another daemon’s shape): left to field staff, never guessed', async () => {
    const w = await world('none', presented);
    await w.journal.recordStep(w.tx, 'card.retract', 'intent', { rejectBin: 2 });
    await overwriteStepDetail(w.db, w.tx, 'card.retract', 'intent', '{"rejectBin":"2"}');
    w.bin.count = 3;
    await expect(recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).resolves.toBe(false);
    expect(w.report).not.toHaveBeenCalled();
    expect(await w.named()).toContain('recovery.needsStaff:event');
    await w.db.destroy();
  });

  it('fault: the order’s detail does not read (a torn write): as with no order, the blank is still rejected and the host told nothing', async () => {
    const w = await world('outputSlot', presented);
    await overwriteStepDetail(w.db, w.tx, 'issuance.order', 'event', '{"applicationNo":"A00');
    await expect(recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).resolves.toBe(true);
    expect(w.printer.ejectToRejectBin).toHaveBeenCalled();
    expect(w.report).not.toHaveBeenCalled();
    await w.db.destroy();
  });

  it('fault: the order’s application number is not text: as with none, the host is told nothing (never a number for an application)', async () => {
    const w = await world('none', presented);
    await overwriteStepDetail(w.db, w.tx, 'issuance.order', 'event', '{"applicationNo":42,"attempt":1}');
    await expect(recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).resolves.toBe(true);
    expect(w.report).not.toHaveBeenCalled();
    await w.db.destroy();
  });

  it('tells the host nothing when it was already told', async () => {
    const w = await world('none', [...presented, ['host.issued', 'intent'], ['host.issued', 'done']]);
    await recoverIssuance(w.journal, w.printer, w.issuance, w.tx);
    expect(w.report).not.toHaveBeenCalled();
    await w.db.destroy();
  });

  it('fault: host unreachable: the report is journaled as failed for staff and boot goes on', async () => {
    const w = await world('none', presented);
    w.report.mockRejectedValueOnce(new KioskError(ErrorCode.HOST_UNREACHABLE, 'down'));
    await expect(recoverIssuance(w.journal, w.printer, w.issuance, w.tx)).resolves.toBe(true);
    expect(await w.named()).toContain('recovery.host.issued:failed');
    await w.db.destroy();
  });
});

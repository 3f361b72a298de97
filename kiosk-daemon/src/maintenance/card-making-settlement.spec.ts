/**
 * A card making recovery could not decide (a card gone from the slot during its retract, on a
 * printer that does not count its reject bin), settled by a supervisor through the maintenance
 * route, against a real journal (SQLite in a temp folder): found in the reject bin or missing is
 * reported abandoned, handed to the resident is reported issued; an engineer is refused; a second
 * settlement is refused MAINTENANCE_ALREADY_SETTLED and tells the host nothing; a verdict the host
 * did not answer stands (only it is sent again). The supervisor's view shows it masked, with the
 * step it stopped at and the printer's counts. Races with the self test: card-making-settlement-races.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, maskCardNumber } from '@kiosk/domain';
import { owedHostActs } from '../journal/owed-host-acts.js';
import { overwriteStepDetail } from '../journal/step-detail.spec-support.js';
import { CARD, codeOf, settlementWorldPerTest } from './card-making-settlement.spec-support.js';

const w = settlementWorldPerTest();

const counters = async () => (await w.journal.counters.latestCounters()).cardPrinter?.counters;

describe('a card making recovery left for staff', () => {
  it('card found in the reject bin: reported abandoned, journaled first with who settled it, the blank counted in the reject bin, closed', async () => {
    const supervisor = await w.logIn('FS-0002');
    expect(await w.checks.settleCardMaking(supervisor, w.cardTx, 'inRejectBin')).toEqual({
      transactionId: w.cardTx,
      card: 'inRejectBin',
      outcome: 'abandoned',
    });
    expect(w.office.report).toHaveBeenCalledWith(
      'A0000042',
      { cardNumber: CARD, outcome: 'abandoned', reason: 'interrupted' },
      w.cardTx,
    );
    const steps = await w.journal.stepsOf(w.cardTx);
    const verdict = steps.find((s) => s.step === 'recovery.staffVerdict')!;
    expect(JSON.parse(verdict.detail ?? '{}')).toEqual({
      card: 'inRejectBin',
      staff: 'FS-0002',
      outcome: 'abandoned',
    });
    const named = steps.map((s) => `${s.step}:${s.phase}`);
    expect(named.indexOf('recovery.staffVerdict:event')).toBeLessThan(
      named.indexOf('recovery.host.issued:intent'),
    );
    expect(named).toContain('recovery.host.issued:done');
    expect(await counters()).toEqual({ blanks: 39, rejectBin: 3 });
    expect(await w.isOpen(w.cardTx)).toBe(false);
    expect(await w.stepsOf(await w.visitTx())).toEqual([
      'maintenance.login:done',
      'maintenance.settleCardMaking:intent',
      'maintenance.settleCardMaking:done',
    ]);
    expect(w.events.at(-1)).toEqual({
      action: 'settleCardMaking',
      staffId: 'FS-0002',
      device: 'cardPrinter',
      supply: 'rejectBin',
      count: 1,
    });
  });

  it('card found in the reject bin, the journal holding no count of the bin: none made up, the blank journaled as in the bin', async () => {
    // a journal that never counted the bin (a count once recorded is carried forward, so none is seeded)
    await w.db.query('DELETE FROM device_counters');
    await w.journal.counters.recordCounters('cardPrinter', { blanks: 40 });
    const supervisor = await w.logIn('FS-0002');
    await w.checks.settleCardMaking(supervisor, w.cardTx, 'inRejectBin');
    expect(await counters()).toEqual({ blanks: 39 });
    const counted = (await w.journal.stepsOf(w.cardTx)).find((s) => s.step === 'recovery.staffCounted');
    expect(JSON.parse(counted!.detail!)).toEqual({ blank: 'rejectBin' });
  });

  it('card handed to the resident: reported issued, the reject bin count unchanged', async () => {
    const supervisor = await w.logIn('FS-0002');
    expect(await w.checks.settleCardMaking(supervisor, w.cardTx, 'taken')).toMatchObject({
      outcome: 'issued',
    });
    expect(w.office.report).toHaveBeenCalledWith(
      'A0000042',
      { cardNumber: CARD, outcome: 'issued' },
      w.cardTx,
    );
    // handed over: one card issued (card-making-settlement-cards-issued.spec)
    expect(await counters()).toEqual({ blanks: 39, rejectBin: 2, issued: 1 });
    expect(await w.isOpen(w.cardTx)).toBe(false);
  });

  it('card missing (not in the bin, the resident did not get it): reported abandoned as missing so the number is voided, the bin unchanged, the blank journaled missing', async () => {
    const supervisor = await w.logIn('FS-0002');
    expect(await w.checks.settleCardMaking(supervisor, w.cardTx, 'missing')).toMatchObject({
      card: 'missing',
      outcome: 'abandoned',
    });
    expect(w.office.report).toHaveBeenCalledWith(
      'A0000042',
      { cardNumber: CARD, outcome: 'abandoned', reason: 'missing' },
      w.cardTx,
    );
    expect(await counters()).toEqual({ blanks: 39, rejectBin: 2 });
    const counted = (await w.journal.stepsOf(w.cardTx)).find((s) => s.step === 'recovery.staffCounted');
    expect(JSON.parse(counted!.detail!)).toEqual({ blank: 'missing' });
    expect(w.events.at(-1)).toMatchObject({ action: 'settleCardMaking', count: 0 });
    expect(await w.isOpen(w.cardTx)).toBe(false);
  });

  it('the supervisor’s view: the resident and card masked, the step it stopped at, the printer’s counts; nothing of it in full', async () => {
    const supervisor = await w.logIn('FS-0002');
    const pending = await w.checks.pendingCardMakings();
    expect(pending).toEqual([
      {
        transactionId: w.cardTx,
        startedAt: expect.any(String),
        journey: 'issueCard',
        card: 'H41******999',
        idNumber: '4108**********0035',
        name: null,
        stoppedAt: 'card.retract:intent',
        verdict: null,
        counters: { hopper: 39, rejectBinDevice: null, rejectBinJournal: 2 },
      },
    ]);
    expect(JSON.stringify(pending)).not.toContain(CARD);
    expect(JSON.stringify(pending)).not.toContain('198001010035');
    await w.checks.settleCardMaking(supervisor, w.cardTx, 'taken');
    expect(await w.checks.pendingCardMakings()).toEqual([]);
  });

  it('an engineer: refused with STAFF_ROLE_NOT_ALLOWED, nothing journaled on the card making, the host not told', async () => {
    const before = await w.stepsOf(w.cardTx);
    const engineer = await w.logIn('FS-0001');
    expect(await codeOf(w.checks.settleCardMaking(engineer, w.cardTx, 'taken'))).toBe(
      ErrorCode.STAFF_ROLE_NOT_ALLOWED,
    );
    expect(await w.stepsOf(w.cardTx)).toEqual(before);
    expect(w.office.report).not.toHaveBeenCalled();
    expect(await w.isOpen(w.cardTx)).toBe(true);
  });

  it('settled twice: the second refused MAINTENANCE_ALREADY_SETTLED with the verdict that stands, journaled failed in the visit, the host told once', async () => {
    const supervisor = await w.logIn('FS-0002');
    await w.checks.settleCardMaking(supervisor, w.cardTx, 'inRejectBin');
    const second = w.checks.settleCardMaking(supervisor, w.cardTx, 'taken');
    await expect(second).rejects.toMatchObject({
      code: ErrorCode.MAINTENANCE_ALREADY_SETTLED,
      details: { transactionId: w.cardTx, verdict: 'inRejectBin' },
    });
    expect(w.office.report).toHaveBeenCalledTimes(1);
    expect(await counters()).toMatchObject({ rejectBin: 3 });
    expect((await w.stepsOf(await w.visitTx())).slice(-2)).toEqual([
      'maintenance.settleCardMaking:intent',
      'maintenance.settleCardMaking:failed',
    ]);
    expect(w.events.at(-1)).toMatchObject({
      action: 'settleCardMaking',
      code: ErrorCode.MAINTENANCE_ALREADY_SETTLED,
    });
  });

  it('fault: the host does not answer the verdict: left open and listed with it; another verdict refused MAINTENANCE_ALREADY_SETTLED; the same one again settles it, the blank counted once', async () => {
    const supervisor = await w.logIn('FS-0002');
    w.office.down = true;
    expect(await codeOf(w.checks.settleCardMaking(supervisor, w.cardTx, 'inRejectBin'))).toBe(
      ErrorCode.HOST_UNREACHABLE,
    );
    expect(await w.isOpen(w.cardTx)).toBe(true);
    expect(await w.checks.pendingCardMakings()).toMatchObject([
      { transactionId: w.cardTx, verdict: 'inRejectBin', counters: { rejectBinJournal: 3 } },
    ]);
    w.office.down = false;
    expect(await codeOf(w.checks.settleCardMaking(supervisor, w.cardTx, 'taken'))).toBe(
      ErrorCode.MAINTENANCE_ALREADY_SETTLED,
    );
    expect(w.office.report).toHaveBeenCalledTimes(1);
    expect(await w.checks.settleCardMaking(supervisor, w.cardTx, 'inRejectBin')).toMatchObject({
      outcome: 'abandoned',
    });
    expect(await counters()).toMatchObject({ rejectBin: 3 });
    const steps = await w.stepsOf(w.cardTx);
    expect(steps.filter((s) => s === 'recovery.staffVerdict:event')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.staffCounted:event')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.host.issued:done')).toHaveLength(1);
    expect(await w.isOpen(w.cardTx)).toBe(false);
  });

  it('fault: its sealed card number does not open: the verdict carried out, the blank counted, the report left owed, closed', async () => {
    // the order as the journey journals it (the card masked), the number's seal broken (a changed byte)
    const order = { applicationNo: 'A0000042', attempt: 1, card: maskCardNumber(CARD) };
    await overwriteStepDetail(w.db, w.cardTx, 'issuance.order', 'event', JSON.stringify(order));
    await w.db.query(`UPDATE "journal_personal_data" SET "sealed" = 'AAAA' WHERE "transactionId" = ?`, [
      w.cardTx,
    ]);
    const supervisor = await w.logIn('FS-0002');
    expect(await w.checks.settleCardMaking(supervisor, w.cardTx, 'inRejectBin')).toEqual({
      transactionId: w.cardTx,
      card: 'inRejectBin',
      outcome: 'abandoned',
    });
    expect(w.office.report).not.toHaveBeenCalled();
    expect(await counters()).toEqual({ blanks: 39, rejectBin: 3 });
    expect(await w.isOpen(w.cardTx)).toBe(false);
    const steps = await w.journal.stepsOf(w.cardTx);
    expect(owedHostActs(steps).map((a) => a.step)).toEqual(['recovery.host.issued']);
  });

  it('fault: the order’s detail no longer reads (a hand-edited journal): refused as with no order, no verdict journaled, the host not told', async () => {
    await overwriteStepDetail(w.db, w.cardTx, 'issuance.order', 'event', '{"applicationNo":');
    const before = await w.stepsOf(w.cardTx);
    const supervisor = await w.logIn('FS-0002');
    expect(await codeOf(w.checks.settleCardMaking(supervisor, w.cardTx, 'taken'))).toBe(
      ErrorCode.SESSION_NOT_FOUND,
    );
    expect(await w.stepsOf(w.cardTx)).toEqual(before);
    expect(w.office.report).not.toHaveBeenCalled();
    expect(await w.isOpen(w.cardTx)).toBe(true);
  });
});

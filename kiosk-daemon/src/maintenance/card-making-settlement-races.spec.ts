/**
 * Faults of a card-making settlement against the self test's recovery (run at boot and after every
 * staff log-out) and against itself, on the real SessionRecoveryService and a real journal: a
 * double tap, a visit that ends while the office has not answered, a settlement asked for while
 * recovery holds the card making, and a restart between the verdict and the office's answer. The
 * office is told once per verdict, the blank counted once, a verdict never decided again.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { CARD, codeOf, settlementWorldPerTest } from './card-making-settlement.spec-support.js';
import { stillRunning } from './staff-journal.spec-support.js';

const w = settlementWorldPerTest();

const stepCount = async (step: string) => (await w.stepsOf(w.cardTx)).filter((s) => s === step).length;

/** As settleIssuanceByStaff journals it before anything else, cut off right after (a restart). */
const verdictJournaled = (card: 'taken' | 'inRejectBin') =>
  w.journal.recordStep(w.cardTx, 'recovery.staffVerdict', 'event', {
    card,
    staff: 'FS-0002',
    outcome: card === 'taken' ? 'issued' : 'abandoned',
  });

describe('a card-making settlement racing itself and the self test', () => {
  it('fault: settled twice at once (a double tap): the second refused MAINTENANCE_SETTLEMENT_IN_PROGRESS, the office told once, the blank counted once', async () => {
    const supervisor = await w.logIn('FS-0002');
    const gate = w.office.hold();
    const first = w.checks.settleCardMaking(supervisor, w.cardTx, 'inRejectBin');
    await gate.waiting;
    expect(await codeOf(w.checks.settleCardMaking(supervisor, w.cardTx, 'inRejectBin'))).toBe(
      ErrorCode.MAINTENANCE_SETTLEMENT_IN_PROGRESS,
    );
    gate.release();
    await expect(first).resolves.toMatchObject({ outcome: 'abandoned' });
    expect(w.office.report).toHaveBeenCalledTimes(1);
    expect(await stepCount('recovery.staffCounted:event')).toBe(1);
    expect((await w.journal.counters.latestCounters()).cardPrinter?.counters).toMatchObject({ rejectBin: 3 });
  });

  it('fault: the visit ends while the office has not answered: the self test’s recovery waits for the settlement, finds it closed, decides nothing again, and passes', async () => {
    const supervisor = await w.logIn('FS-0002');
    const gate = w.office.hold();
    const settling = w.checks.settleCardMaking(supervisor, w.cardTx, 'taken');
    await gate.waiting;
    await w.maintenance.logOut(supervisor);
    const selfTest = w.recovery.recoverUnfinished();
    expect(await stillRunning(selfTest)).toBe(true);
    // the self test's recovery has not touched it while the settlement holds it
    expect(await stepCount('recovery.found:event')).toBe(0);
    gate.release();
    await expect(settling).resolves.toMatchObject({ outcome: 'issued' });
    await expect(selfTest).resolves.toMatchObject({ recovered: 0 });
    expect(w.office.report).toHaveBeenCalledTimes(1);
    expect(w.office.report).toHaveBeenCalledWith(
      'A0000042',
      { cardNumber: CARD, outcome: 'issued' },
      w.cardTx,
    );
    expect(await stepCount('recovery.needsStaff:event')).toBe(1);
    expect(await w.isOpen(w.cardTx)).toBe(false);
  });

  it('fault: a settlement asked for while the self test’s recovery holds the card making: refused MAINTENANCE_SETTLEMENT_IN_PROGRESS; recovery carries the verdict given before through, once', async () => {
    const first = await w.logIn('FS-0002');
    w.office.down = true;
    expect(await codeOf(w.checks.settleCardMaking(first, w.cardTx, 'taken'))).toBe(
      ErrorCode.HOST_UNREACHABLE,
    );
    await w.maintenance.logOut(first);
    w.office.down = false;
    const gate = w.office.hold();
    const selfTest = w.recovery.recoverUnfinished();
    await gate.waiting;
    const again = await w.logIn('FS-0002');
    expect(await codeOf(w.checks.settleCardMaking(again, w.cardTx, 'taken'))).toBe(
      ErrorCode.MAINTENANCE_SETTLEMENT_IN_PROGRESS,
    );
    gate.release();
    await expect(selfTest).resolves.toMatchObject({ recovered: 1 });
    expect(w.office.report).toHaveBeenCalledTimes(2); // unanswered, then at the self test
    expect(await stepCount('recovery.host.issued:done')).toBe(1);
    expect(await stepCount('recovery.staffVerdict:event')).toBe(1);
    expect(await w.isOpen(w.cardTx)).toBe(false);
    expect(await codeOf(w.checks.settleCardMaking(again, w.cardTx, 'taken'))).toBe(
      ErrorCode.MAINTENANCE_ALREADY_SETTLED,
    );
  });

  it('fault: a restart after the verdict was journaled, before the office heard it: boot carries the verdict through as given (not left for staff again), the blank counted once, closed', async () => {
    await verdictJournaled('inRejectBin');
    await expect(w.recovery.recoverUnfinished()).resolves.toMatchObject({ recovered: 1 });
    expect(w.office.report).toHaveBeenCalledWith(
      'A0000042',
      { cardNumber: CARD, outcome: 'abandoned', reason: 'interrupted' },
      w.cardTx,
    );
    expect(await stepCount('recovery.needsStaff:event')).toBe(1);
    expect(await stepCount('recovery.staffCounted:event')).toBe(1);
    expect(await w.isOpen(w.cardTx)).toBe(false);
    expect(await w.checks.pendingCardMakings()).toEqual([]);
  });

  it('fault: a restart with the office still away: the verdict stands, the self test fails CARD_MAKING_UNDECIDED (out of service), listed with its verdict; a second boot counts nothing twice', async () => {
    await verdictJournaled('taken');
    w.office.down = true;
    await expect(w.recovery.recoverUnfinished()).rejects.toMatchObject({
      code: ErrorCode.CARD_MAKING_UNDECIDED,
      details: { transactions: w.cardTx },
    });
    expect(await w.checks.pendingCardMakings()).toMatchObject([
      { transactionId: w.cardTx, verdict: 'taken' },
    ]);
    w.office.down = false;
    await expect(w.recovery.recoverUnfinished()).resolves.toMatchObject({ recovered: 1 });
    expect(w.office.report).toHaveBeenCalledTimes(2);
    expect(await stepCount('recovery.staffCounted:event')).toBe(1);
    expect(await stepCount('recovery.host.issued:done')).toBe(1);
    expect(await w.isOpen(w.cardTx)).toBe(false);
  });
});

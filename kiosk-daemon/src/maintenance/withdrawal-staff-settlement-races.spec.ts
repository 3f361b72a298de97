/**
 * Faults of a withdrawal's staff settlement (a supervisor counted the cash of a withdrawal recovery
 * could not decide) against itself, the self test's recovery (at boot and after every staff
 * log-out) and a restart, on the real SessionRecoveryService, a real SQLite journal and the host
 * simulator: a double tap, a visit that ends while the host has not answered, a settlement asked
 * for while recovery holds the withdrawal, a restart between the verdict and the host's answer
 * (the host back, or still away), and a withdrawal settled twice. Money moves once: one confirm or
 * one reversal at the host, the balance right, a verdict never decided again (ADR 0010).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import {
  AMOUNT,
  withdrawalSettlementWorld,
  type WithdrawalSettlementWorld,
} from './withdrawal-staff-settlement.spec-support.js';
import { codeOf, stillRunning as stillRunningAfter } from './staff-journal.spec-support.js';

let w: WithdrawalSettlementWorld;

beforeEach(async () => {
  w = await withdrawalSettlementWorld();
});
afterEach(async () => {
  await w.close();
});

/** Whether the promise is still pending after the journal's and the host's pending work had turns. */
const stillRunning = (work: Promise<unknown>) => stillRunningAfter(work, 50);

describe('a withdrawal staff settlement racing itself, the self test and a restart', () => {
  it('fault: settled twice at once (a double tap): the second refused MAINTENANCE_SETTLEMENT_IN_PROGRESS, reversed once at the host', async () => {
    const supervisor = await w.first.logIn('FS-0002');
    const gate = w.link.hold();
    const settling = w.first.checks.settleWithdrawal(supervisor, w.tx, 'notPaid');
    await gate.waiting;
    expect(await codeOf(w.first.checks.settleWithdrawal(supervisor, w.tx, 'notPaid'))).toBe(
      ErrorCode.MAINTENANCE_SETTLEMENT_IN_PROGRESS,
    );
    gate.release();
    await expect(settling).resolves.toMatchObject({ hostStatus: 'reversed' });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.balance()).toBe(w.before);
    expect(await w.stepCount('recovery.staffVerdict:event')).toBe(1);
    expect(await w.stepCount('recovery.withdrawal.reverse:intent')).toBe(1);
    expect(await w.isOpen()).toBe(false);
  });

  it('fault: the visit ends while the host has not answered: the self test’s recovery waits for the settlement, finds it closed, decides nothing again, and passes', async () => {
    const supervisor = await w.first.logIn('FS-0002');
    const gate = w.link.hold();
    const settling = w.first.checks.settleWithdrawal(supervisor, w.tx, 'paid');
    await gate.waiting;
    await w.first.maintenance.logOut(supervisor);
    const selfTest = w.first.recovery.recoverUnfinished();
    expect(await stillRunning(selfTest)).toBe(true);
    // the self test's recovery has not touched it while the settlement holds it
    expect(await w.stepCount('recovery.found:event')).toBe(1);
    gate.release();
    await expect(settling).resolves.toMatchObject({ hostStatus: 'confirmed' });
    await expect(selfTest).resolves.toMatchObject({ recovered: 0 });
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
    expect(await w.stepCount('recovery.withdrawal:event')).toBe(1);
    expect(await w.isOpen()).toBe(false);
  });

  it('fault: a settlement asked for while the self test’s recovery holds the withdrawal: refused MAINTENANCE_SETTLEMENT_IN_PROGRESS; recovery carries the verdict given before through, once', async () => {
    const first = await w.first.logIn('FS-0002');
    w.link.down = true;
    expect(await codeOf(w.first.checks.settleWithdrawal(first, w.tx, 'notPaid'))).toBe(
      ErrorCode.HOST_UNREACHABLE,
    );
    await w.first.maintenance.logOut(first);
    w.link.down = false;
    const gate = w.link.hold();
    const selfTest = w.first.recovery.recoverUnfinished();
    await gate.waiting;
    const again = await w.first.logIn('FS-0002');
    expect(await codeOf(w.first.checks.settleWithdrawal(again, w.tx, 'notPaid'))).toBe(
      ErrorCode.MAINTENANCE_SETTLEMENT_IN_PROGRESS,
    );
    gate.release();
    await expect(selfTest).resolves.toMatchObject({ recovered: 1, withdrawalsSettled: 1 });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
    expect(await w.stepCount('recovery.staffVerdict:event')).toBe(1);
    expect(await w.stepCount('recovery.withdrawal.reverse:done')).toBe(1);
    expect(await w.isOpen()).toBe(false);
  });

  it('fault: a restart after the verdict was journaled, before the host heard it: boot confirms as given (not decided again, not left for staff), paid once, closed', async () => {
    await w.verdictJournaled('paid');
    const restarted = w.daemon();
    await expect(restarted.recovery.recoverUnfinished()).resolves.toMatchObject({
      recovered: 1,
      withdrawalsSettled: 1,
    });
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
    // decided once, by the first boot (undecided); this boot only carried the verdict through
    expect(await w.stepCount('recovery.withdrawal:event')).toBe(1);
    expect(await w.stepCount('recovery.needsStaff:event')).toBe(1);
    expect(await w.stepCount('recovery.withdrawal.confirm:done')).toBe(1);
    expect(await w.isOpen()).toBe(false);
    expect(await restarted.checks.pendingSettlements()).toEqual([]);
    // a further boot finds nothing to settle
    await expect(w.daemon().recovery.recoverUnfinished()).resolves.toMatchObject({ recovered: 0 });
    expect(w.ledger('withdrawalPaid')).toBe(1);
  });

  it('fault: a restart with the host still away: the verdict stands, the self test fails WITHDRAWAL_UNDECIDED (out of service), listed with its verdict; the next boot reverses once', async () => {
    await w.verdictJournaled('notPaid');
    w.link.down = true;
    const restarted = w.daemon();
    await expect(restarted.recovery.recoverUnfinished()).rejects.toMatchObject({
      code: ErrorCode.WITHDRAWAL_UNDECIDED,
      details: { transactions: w.tx },
    });
    expect(await restarted.checks.pendingSettlements()).toMatchObject([
      { transactionId: w.tx, verdict: 'notPaid' },
    ]);
    expect(await w.stepCount('recovery.withdrawal:event')).toBe(1);
    expect(await w.held()).toBe(AMOUNT);
    w.link.down = false;
    await expect(w.daemon().recovery.recoverUnfinished()).resolves.toMatchObject({ recovered: 1 });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.balance()).toBe(w.before);
    expect(await w.stepCount('recovery.withdrawal:event')).toBe(1);
    expect(await w.isOpen()).toBe(false);
  });

  it('fault: the host reversed it and its answer was lost, then a restart: boot finds nothing held, sends nothing again, closes it as settled (not decided again)', async () => {
    const supervisor = await w.first.logIn('FS-0002');
    w.link.answerLost = true;
    expect(await codeOf(w.first.checks.settleWithdrawal(supervisor, w.tx, 'notPaid'))).toBe(
      ErrorCode.HOST_TIMEOUT,
    );
    w.link.answerLost = false;
    // the power goes: the visit and the withdrawal are both open at the next boot
    await expect(w.daemon().recovery.recoverUnfinished()).resolves.toMatchObject({ recovered: 2 });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.balance()).toBe(w.before);
    expect(await w.stepCount('recovery.withdrawal.reverse:intent')).toBe(1);
    expect(await w.stepCount('recovery.withdrawal:event')).toBe(1);
    expect(await w.isOpen()).toBe(false);
  });

  it('fault: settled a second time: another verdict refused MAINTENANCE_ALREADY_SETTLED while the host has not answered, the same one sent again; once closed any verdict is MAINTENANCE_ALREADY_SETTLED', async () => {
    const supervisor = await w.first.logIn('FS-0002');
    w.link.answerLost = true; // the host reverses it, its answer never comes back
    expect(await codeOf(w.first.checks.settleWithdrawal(supervisor, w.tx, 'notPaid'))).toBe(
      ErrorCode.HOST_TIMEOUT,
    );
    expect(await w.first.checks.pendingSettlements()).toMatchObject([
      { transactionId: w.tx, verdict: 'notPaid' },
    ]);
    w.link.answerLost = false;
    expect(await codeOf(w.first.checks.settleWithdrawal(supervisor, w.tx, 'paid'))).toBe(
      ErrorCode.MAINTENANCE_ALREADY_SETTLED,
    );
    // the same verdict again: the host reversed it already, nothing is sent twice
    await expect(w.first.checks.settleWithdrawal(supervisor, w.tx, 'notPaid')).resolves.toMatchObject({
      hostStatus: 'reversed',
    });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.balance()).toBe(w.before);
    expect(await w.stepCount('recovery.staffVerdict:event')).toBe(1);
    expect(await w.isOpen()).toBe(false);
    for (const verdict of ['paid', 'notPaid'] as const)
      expect(await codeOf(w.first.checks.settleWithdrawal(supervisor, w.tx, verdict))).toBe(
        ErrorCode.MAINTENANCE_ALREADY_SETTLED,
      );
  });
});

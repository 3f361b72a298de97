/**
 * The fault: a withdrawal whose journey ended `needsReconciliation` with no step for staff journaled
 * (its retract of the notes not taken unanswered past the machine's backstop: the retract's actor
 * stopped, nothing left for staff in the journal; or the step for staff refused by the journal) was
 * not told to the fleet while the kiosk stayed in service: not listed among the withdrawals left for
 * staff, the session's end a journey outcome, the hold neither confirmed nor reversed at the host
 * until the next boot's (or staff visit's) sweep decided it or left it for staff. Now the reporter
 * reads such withdrawals beside those left for staff and tells each at once as `recoveryNeedsStaff`
 * WITHDRAWAL_UNDECIDED under its withdrawal's id, counted in the status (`withdrawalsLeft`), so the
 * fleet's alert holds in service until recovery or the supervisor settles it; left for staff by the
 * next boot, it is told again under the same id: stored once.
 *
 * Real: the journal (SQLite in memory) with the journey's own retract (`retractNotTaken`) on the
 * dispenser emulator behind a retract that never answers, the host simulator, recovery, the
 * reporter, the publisher and its queue file, the fleet monitor with its broker (in process).
 */
import { describe, expect, it } from '@jest/globals';
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { WITHDRAWAL_LEFT_STEPS, retractNotTaken } from '../../journeys/withdrawal-retract.js';
import { AMOUNT, withdrawalWorld } from '../../journeys/withdrawal-settlement.spec-support.js';
import { staffAlertFleet } from '../mqtt/staff-alerts.spec-support.js';
import { KIOSK, WITHDRAWAL_ALERT, withdrawalFleet } from './withdrawal-left-fleet.spec-support.js';
import { withdrawalLeftEventId, withdrawalsLeftForStaff } from './withdrawals-left-to-fleet.js';

const world = staffAlertFleet(100);
const { inService: kioskOf, alerts, storedLeft, statusOf, toldAndRaised } = withdrawalFleet(world);
const withdrawalAlert = WITHDRAWAL_ALERT;

type World = Awaited<ReturnType<typeof withdrawalWorld>>;

/**
 * The notes presented and not taken; the journey's retract asked of a dispenser that never answers
 * it, stopped at the machine's backstop (its signal aborted) and the session ended: the transaction
 * closed failed DEVICE_TIMEOUT, the notes still at the slot, the hold at the host.
 */
async function retractUnanswered(w: World): Promise<void> {
  await w.presented();
  const silent = {
    status: () => w.dispenser.status(),
    cassettes: () => w.dispenser.cassettes(),
    presenter: () => w.dispenser.presenter(),
    retract: (signal?: AbortSignal) =>
      new Promise<never>((_, reject) =>
        signal?.addEventListener('abort', () =>
          reject(new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The retract was cancelled.')),
        ),
      ),
  } as unknown as CashDispenserPort;
  const backstop = new AbortController();
  const retract = retractNotTaken({ dispenser: silent }, w.tools, backstop.signal, { atSlotFen: AMOUNT });
  await eventually(w.steps, 'the retract asked', {
    withinMs: 5_000,
    until: (s) => s.includes('cash.retract:intent'),
  });
  backstop.abort();
  await expect(retract).rejects.toMatchObject({ code: ErrorCode.DEVICE_OPERATION_CANCELLED });
  await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.DEVICE_TIMEOUT);
  // nothing for staff journaled: the supervisor's list does not read it
  expect((await w.journal.stepsOf(w.tx)).filter((s) => WITHDRAWAL_LEFT_STEPS.includes(s.step))).toEqual([]);
  expect(await withdrawalsLeftForStaff(w.journal)).toEqual([]);
  expect(w.dispenser.presenter().state).toBe('presented');
}

describe('journey-left-for-reconciliation-in-service-not-told', () => {
  it("fault: a retract unanswered past the backstop in service raised no fleet alert; now at once, held in service, resolved when the visit's self test settles it", async () => {
    const w = await withdrawalWorld();
    const kiosk = kioskOf(w);
    try {
      await retractUnanswered(w);
      kiosk.withdrawalEnded(ErrorCode.DEVICE_TIMEOUT);
      await toldAndRaised(kiosk, w.tx);
      await eventually(statusOf, 'the status stored', {
        withinMs: 10_000,
        until: (s) => s?.mode === 'inService' && s.withdrawalsLeft === 1,
      });
      expect(await alerts()).toContain(withdrawalAlert);

      // field staff's visit: its self test's recovery finds the notes at the slot, retracts them
      // and reverses the hold; out of the self test the status counts none and the alert goes
      kiosk.toMode('selfTest');
      const recovery = w.recoveryThrough(w.host, w.newRetrier());
      await expect(recovery.recoverUnfinished()).resolves.toMatchObject({ withdrawalsSettled: 1 });
      recovery.onApplicationShutdown();
      kiosk.toMode('inService');
      await eventually(alerts, 'the alert resolved', {
        withinMs: 10_000,
        until: (a) => !a.includes(withdrawalAlert),
      });
      expect(w.balance()).toBe(w.before);
      expect(kiosk.told()).toHaveLength(1);
      expect(await storedLeft()).toHaveLength(1);
    } finally {
      await kiosk.stop();
    }
  });

  it('across a restart: the boot leaves it for staff (the notes gone meanwhile), told again under the same id, stored once; the supervisor resolves it', async () => {
    const w = await withdrawalWorld();
    const first = kioskOf(w);
    try {
      await retractUnanswered(w);
      first.withdrawalEnded(ErrorCode.DEVICE_TIMEOUT);
      await toldAndRaised(first, w.tx);
    } finally {
      await first.stop();
    }
    // the kiosk restarts; the notes left the slot meanwhile: its boot's sweep leaves it for staff
    w.dispenser.takeCash();
    const recovery = w.recoveryThrough(w.host, w.newRetrier());
    // the self test fails on it (its own alert, recovery/SELF_TEST_FAILED, says the kiosk is held)
    await expect(recovery.recoverUnfinished()).rejects.toMatchObject({
      code: ErrorCode.WITHDRAWAL_UNDECIDED,
    });
    expect(recovery.leftForStaff).toEqual({ cause: ErrorCode.WITHDRAWAL_UNDECIDED, transactions: [w.tx] });
    expect(await withdrawalsLeftForStaff(w.journal)).toEqual([w.tx]);
    const second = kioskOf(w, recovery);
    try {
      // told again at start under the same id (sent: the monitor has it): stored once
      await toldAndRaised(second, w.tx);
      expect(await storedLeft()).toEqual([
        expect.objectContaining({ id: withdrawalLeftEventId(KIOSK, w.tx) }),
      ]);

      // the supervisor counts the cash: paid; the status counts none and the alert goes
      await recovery.settleByStaff(w.tx, 'paid', 'FS-0001');
      second.staffActed();
      await eventually(alerts, 'the alert resolved', {
        withinMs: 10_000,
        until: (a) => !a.includes(withdrawalAlert),
      });
      expect(await storedLeft()).toHaveLength(1);
    } finally {
      await second.stop();
      recovery.onApplicationShutdown();
    }
  });
});

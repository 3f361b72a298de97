/**
 * The fault: a withdrawal left for the supervisor while the kiosk is in service (its journey's
 * retract took back fewer notes than it presented, CASH_PARTLY_TAKEN; its notes left in the
 * presenter by a failed retract) reached the fleet only at the next boot or staff visit, as the
 * self test's WITHDRAWAL_UNDECIDED: the session's end told a journey outcome and no alert, and the
 * kiosk stayed in service. Now the reporter reads the withdrawals left for staff at each session's
 * end (and at start, out of recovery, and after field staff act) and tells each at once as
 * `recoveryNeedsStaff` WITHDRAWAL_UNDECIDED under an id from its transaction; the status counts them
 * (`withdrawalsLeft`), and the monitor holds one alert a status in service does not clear, resolved
 * once the supervisor's verdict settled them. Told again at the next start, it is stored once.
 *
 * Real: the journal (SQLite in memory) with the journey's steps, the host simulator, staff's
 * settlement through recovery's hands, the reporter, the publisher and its queue file, the fleet
 * monitor with its broker (in process). The sessions, devices and maintenance services are stood in for.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { TelemetryEvent } from '@kiosk/fleet-monitor/contract';
import { shortRetractDetail } from '../../journeys/retracted-notes.js';
import { AMOUNT, withdrawalWorld } from '../../journeys/withdrawal-settlement.spec-support.js';
import { CASH_RETRACT_SHORT } from '../../journeys/withdrawal-retract.js';
import { dispenserOnlyDevices } from '../../sessions/recovery-devices.spec-support.js';
import { SessionRecoveryService } from '../../sessions/session-recovery.service.js';
import { staffAlertFleet } from '../mqtt/staff-alerts.spec-support.js';
import { TelemetryQueue } from '../mqtt/telemetry-queue.js';
import { KIOSK, LEFT, WITHDRAWAL_ALERT, withdrawalFleet } from './withdrawal-left-fleet.spec-support.js';
import { withdrawalLeftEventId } from './withdrawals-left-to-fleet.js';

const world = staffAlertFleet(100);
const { inService, alerts, storedLeft, toldAndRaised } = withdrawalFleet(world);
const withdrawalAlert = WITHDRAWAL_ALERT;

type World = Awaited<ReturnType<typeof withdrawalWorld>>;

/** The journey's retract took back one of the three notes at the slot: left for staff, the session ended. */
async function retractShort(w: World): Promise<void> {
  await w.presented();
  const facts = shortRetractDetail({
    step: 'cash.retract',
    atSlotFen: AMOUNT,
    atSlotNotes: 3,
    retractedFen: AMOUNT / 3,
    notes: 1,
  });
  await w.tools.step(CASH_RETRACT_SHORT, { forStaff: true, ...facts });
  await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_PARTLY_TAKEN);
}

describe('withdrawal-left-for-staff-in-service-told-to-fleet', () => {
  it('fault: a short journey retract (CASH_PARTLY_TAKEN) in service raised no fleet alert until the next boot; now at once, held while in service, resolved by the supervisor', async () => {
    const w = await withdrawalWorld();
    const kiosk = inService(w);
    try {
      await retractShort(w);
      kiosk.withdrawalEnded(ErrorCode.CASH_PARTLY_TAKEN);
      await toldAndRaised(kiosk, w.tx);
      // no amount, no person: the code alone
      expect(Object.keys(kiosk.told()[0]!).sort()).toEqual(['at', 'code', 'id', 'kioskId', 'seq', 'type']);
      // the kiosk's statuses in service (the withdrawal counted) keep it
      await eventually(async () => (await world.fleet.store.kiosk(KIOSK))?.status, 'the status stored', {
        withinMs: 10_000,
        until: (s) => s?.mode === 'inService' && s.withdrawalsLeft === 1,
      });
      expect(await alerts()).toContain(withdrawalAlert);

      // the supervisor's verdict settles it: the next status counts none and the alert goes
      const recovery = new SessionRecoveryService(dispenserOnlyDevices(w.dispenser), w.journal, w.host);
      await recovery.settleByStaff(w.tx, 'notPaid', 'FS-0001');
      recovery.onApplicationShutdown();
      kiosk.staffActed();
      await eventually(alerts, 'the alert resolved', {
        withinMs: 10_000,
        until: (a) => !a.includes(withdrawalAlert),
      });
      expect(kiosk.told()).toHaveLength(1);
    } finally {
      await kiosk.stop();
    }
  });

  it('notes left in the presenter by a failed retract in service: told at once', async () => {
    const w = await withdrawalWorld();
    const kiosk = inService(w);
    try {
      await w.leftInPresenter();
      kiosk.withdrawalEnded(ErrorCode.CASH_NOT_TAKEN);
      await toldAndRaised(kiosk, w.tx);
    } finally {
      await kiosk.stop();
    }
  });

  it('the late sweep of held withdrawals (the host away at boot) leaves one for staff in service: told at once', async () => {
    const w = await withdrawalWorld();
    // the session ended with the notes at the slot; the kiosk stopped, its dispenser silent at boot
    await w.presented();
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
    w.retrier.retries.onApplicationShutdown();
    w.dispenser.setFault('offline');
    const retrier = w.newRetrier();
    const recovery = w.recoveryThrough(w.deps.host, retrier);
    // the host away: boot leaves the sweep to the background, the kiosk goes in service
    await expect(recovery.recoverUnfinished()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    const kiosk = inService(w, recovery);
    try {
      await eventually(async () => (await world.fleet.store.kiosk(KIOSK))?.status, 'the status stored', {
        withinMs: 10_000,
        until: (s) => s?.withdrawalsLeft === 0,
      });
      expect(kiosk.told()).toEqual([]);
      w.link.down = false;
      await toldAndRaised(kiosk, w.tx);
    } finally {
      await kiosk.stop();
      recovery.onApplicationShutdown();
    }
  });

  it('told again at the next start under the same id: stored once, one alert', async () => {
    const w = await withdrawalWorld();
    await retractShort(w);
    for (let start = 0; start < 2; start += 1) {
      const kiosk = inService(w);
      try {
        // told, and acknowledged by the monitor before this start stops (the second one's a repeat)
        await eventually(kiosk.stored, 'the withdrawal told at start and acknowledged', {
          withinMs: 10_000,
          until: (t) => t.length > 0,
        });
      } finally {
        await kiosk.stop();
      }
    }
    expect(await storedLeft()).toEqual([expect.objectContaining({ id: withdrawalLeftEventId(KIOSK, w.tx) })]);
    expect((await alerts()).filter((a) => a.startsWith('recoveryNeedsStaff'))).toEqual([withdrawalAlert]);
  });

  it("one withdrawal's alert an earlier run queued does not stand for another's", () => {
    const dir = mkdtempSync(join(tmpdir(), 'withdrawal-left-queue-'));
    try {
      const file = join(dir, 'fleet-queue.json');
      const left = (queue: TelemetryQueue, tx: string): TelemetryEvent => ({
        ...LEFT,
        id: withdrawalLeftEventId(KIOSK, tx),
        kioskId: KIOSK,
        seq: queue.nextSeq(),
        at: new Date().toISOString(),
      });
      const before = new TelemetryQueue(5, file);
      before.push(left(before, 'JZ-0001-000001'));
      // the kiosk restarted, the broker still away; another withdrawal is left in service
      const after = new TelemetryQueue(5, file);
      const second = left(after, 'JZ-0001-000002');
      expect(after.push(second)).toBe(second);
      expect(after.length).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

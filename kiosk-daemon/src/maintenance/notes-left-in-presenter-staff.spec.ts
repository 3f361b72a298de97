/**
 * Fault: a withdrawal's notes left in the presenter by a failed retract after a dispense of unknown
 * outcome (`cash.leftInPresenter`, the hold kept at the host, the session's transaction closed).
 * The supervisor's list read open transactions only, and a settlement refused a closed one
 * (SESSION_NOT_FOUND): nobody could retract the notes or settle the hold from the kiosk, and once
 * the sweep of held withdrawals left it undecided (the notes gone) the kiosk stayed out of service
 * for good. Now the list shows such a withdrawal while the host still holds it (stopped at
 * `cash.leftInPresenter:event`), staff's verdict retracts what the presenter holds (counted once)
 * and settles the hold once, the transaction left closed; a verdict whose host call a restart cut
 * short is carried through by the next boot's sweep, never decided again. The real journal
 * (SQLite in a temp folder), the embedded host simulator over HTTP, the dispenser emulator (its
 * shutter jammed for the journey's retract), the maintenance service and the real recovery.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModuleRef } from '@nestjs/core';
import { loadConfig } from '@kiosk/config';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, demoResident } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { journeyTools } from '../journeys/journey-tools.js';
import { dispenserCounts, retractUnknownDispense } from '../journeys/withdrawal-retract.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import { MaintenanceService } from './maintenance.service.js';
import { codeOf, openSpecJournal, staffConfig, staffPinPad } from './staff-journal.spec-support.js';

const AMOUNT = 30_000;
const li = demoResident('li')!;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function world() {
  const dir = mkdtempSync(join(tmpdir(), 'notes-left-'));
  const config = staffConfig(dir);
  const { db, journal } = await openSpecJournal(config);
  const connection = new HostConnection(loadConfig({ profile: 'test' }));
  await connection.onModuleInit();
  const simulator = connection.embedded()!;
  const host = new HostService(connection, new MetricsService());
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  const staffPad = staffPinPad();
  const devices = {
    pinPad: staffPad.pinPad,
    cardReader: { cardPosition: () => 'none' },
    cashDispenser: dispenser,
    statuses: () => [dispenser.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
  const recovery = new SessionRecoveryService(devices, journal, host);
  /** the host's list of held withdrawals refused (the host away), for the supervisor's view */
  const listing = { away: false };
  const listed = Object.assign(Object.create(host) as HostService, {
    authorisedWithdrawals: (signal?: AbortSignal) =>
      listing.away
        ? Promise.reject(new KioskError(ErrorCode.HOST_TIMEOUT, 'The host did not answer.'))
        : host.authorisedWithdrawals(signal),
  });
  const sessions = {
    sessionInProgress: false,
    enterMaintenance: jest.fn(),
    exitMaintenance: jest.fn(),
  } as unknown as SessionsService;
  const maintenance = new MaintenanceService(sessions, devices, journal, journal.counters, config);
  // the daemon's module reference, reduced to the host it hands out
  const moduleRef = { get: () => listed } as unknown as ModuleRef;
  const checks = new MaintenanceDeviceChecksService(
    maintenance,
    sessions,
    devices,
    journal,
    recovery,
    moduleRef,
  );
  cleanups.push(async () => {
    recovery.onApplicationShutdown();
    await maintenance.onApplicationShutdown();
    await connection.onApplicationShutdown();
    await dispenser.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const balanceBefore = simulator.state.balanceOfCard(li.cardNumber)!;
  /** The withdrawal as the journey leaves it: held, its notes in the presenter, its session ended. */
  const notesLeft = async (): Promise<string> => {
    const tx = await journal.openTransaction('s1', 'withdraw');
    const tools = journeyTools(
      journal,
      tx,
      () => 'en',
      () => undefined,
    );
    const view = await tools.irreversible(
      'withdrawal.authorise',
      () =>
        host.authoriseWithdrawal({
          cardNumber: li.cardNumber,
          idNumber: li.idNumber,
          amountFen: AMOUNT,
          transactionSerial: tx,
        }),
      { amountFen: AMOUNT },
    );
    await tools.step('withdrawal.authorised', { authorisationId: view.authorisationId, amountFen: AMOUNT });
    const unknown = new KioskError(ErrorCode.DEVICE_TIMEOUT, 'No answer.', { outcomeUnknown: true });
    await tools
      .irreversible(
        'cash.dispense',
        async () => {
          await dispenser.dispense(AMOUNT);
          throw unknown;
        },
        { amountFen: AMOUNT, ...dispenserCounts(dispenser) },
      )
      .catch(() => undefined);
    // the journey's own retract after the unknown dispense, on a shutter that jams
    const jammed = Object.assign(Object.create(null) as object, {
      status: () => dispenser.status(),
      cassettes: () => dispenser.cassettes(),
      presenter: () => dispenser.presenter(),
      retract: () => Promise.reject(new KioskError(ErrorCode.CASH_JAM, 'The shutter is jammed.')),
    }) as unknown as CashDispenserEmulator;
    await expect(retractUnknownDispense({ dispenser: jammed }, tools, unknown)).rejects.toMatchObject({
      code: ErrorCode.CASH_JAM,
    });
    await journal.closeTransaction(tx, 'failed', ErrorCode.CASH_JAM);
    return tx;
  };
  const retractBin = () => dispenser.status().supplies.find((s) => s.name === 'retractBin')?.count;
  const atHost = async (tx: string) => host.withdrawalByKey(tx);
  const steps = async (tx: string) => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
  const supervisor = () => staffPad.logIn(maintenance, 'FS-0002');
  const balance = () => simulator.state.balanceOfCard(li.cardNumber);
  return {
    journal,
    dispenser,
    recovery,
    checks,
    notesLeft,
    retractBin,
    atHost,
    steps,
    supervisor,
    balance,
    balanceBefore,
    listing,
  };
}

describe('fault: notes left in the presenter by a failed retract, the session ended', () => {
  it("is on the supervisor's list while the host holds it; staff's verdict retracts the notes (counted once) and reverses the hold once", async () => {
    const w = await world();
    const tx = await w.notesLeft();
    expect(w.dispenser.presenter()).toMatchObject({ state: 'staged', notes: 3 });

    const listed = await w.checks.pendingSettlements();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      transactionId: tx,
      verdict: null,
      amountFen: AMOUNT,
      stoppedAt: 'cash.leftInPresenter:event',
    });

    const token = await w.supervisor();
    expect(await w.checks.settleWithdrawal(token, tx, 'notPaid')).toEqual({
      transactionId: tx,
      hostStatus: 'reversed',
    });
    expect(w.dispenser.presenter()).toMatchObject({ state: 'empty', notes: 0 });
    expect(w.retractBin()).toBe(3);
    expect((await w.journal.counters.latestCounters()).cashDispenser?.counters).toMatchObject({
      retractBin: 3,
    });
    expect(await w.atHost(tx)).toMatchObject({ heldFen: 0, reversedFen: AMOUNT, paidFen: 0 });
    expect(w.balance()).toBe(w.balanceBefore);
    expect((await w.steps(tx)).filter((s) => s === 'recovery.cash.retract:done')).toHaveLength(1);
    // off the list; the verdict stands (another refused), nothing moves again
    expect(await w.checks.pendingSettlements()).toEqual([]);
    expect(await codeOf(w.checks.settleWithdrawal(token, tx, 'paid'))).toBe(
      ErrorCode.MAINTENANCE_ALREADY_SETTLED,
    );
    expect(w.retractBin()).toBe(3);
    // the visit's self test: recovery finds nothing held and passes
    await expect(w.recovery.recoverUnfinished()).resolves.toMatchObject({ withdrawalsSettled: 0 });
  });

  it('the sweep left it undecided (the notes gone, the kiosk out of service): staff settle it and the next recovery passes', async () => {
    const w = await world();
    const tx = await w.notesLeft();
    // the jammed shutter gave way and a hand took the notes
    await w.dispenser.present();
    expect(w.dispenser.takeCash()).toBe(true);
    expect(await codeOf(w.recovery.recoverUnfinished())).toBe(ErrorCode.WITHDRAWAL_UNDECIDED);

    const listed = await w.checks.pendingSettlements();
    expect(listed.map((p) => [p.transactionId, p.stoppedAt])).toEqual([[tx, 'cash.leftInPresenter:event']]);
    const token = await w.supervisor();
    expect(await w.checks.settleWithdrawal(token, tx, 'paid')).toEqual({
      transactionId: tx,
      hostStatus: 'confirmed',
    });
    expect(await w.atHost(tx)).toMatchObject({ heldFen: 0, paidFen: AMOUNT });
    expect(await w.checks.pendingSettlements()).toEqual([]);
    await expect(w.recovery.recoverUnfinished()).resolves.toMatchObject({ withdrawalsSettled: 0 });
  });

  it("restart between staff's verdict and the host's answer: the boot's sweep carries the verdict through, once", async () => {
    const w = await world();
    const tx = await w.notesLeft();
    // the notes were taken; staff counted it paid, journaled first, then the kiosk stopped
    await w.dispenser.present();
    expect(w.dispenser.takeCash()).toBe(true);
    await w.journal.recordStep(tx, 'recovery.staffVerdict', 'event', { verdict: 'paid', staff: 'FS-0002' });

    await expect(w.recovery.recoverUnfinished()).resolves.toMatchObject({ withdrawalsSettled: 1 });
    expect(await w.atHost(tx)).toMatchObject({ heldFen: 0, paidFen: AMOUNT, reversedFen: 0 });
    expect((await w.steps(tx)).filter((s) => s === 'recovery.withdrawal.confirm:done')).toHaveLength(1);
    expect(await w.steps(tx)).not.toContain('recovery.needsStaff:event');
    await expect(w.recovery.recoverUnfinished()).resolves.toMatchObject({ withdrawalsSettled: 0 });
  });

  it('the host cannot list what it holds: the view does not fail, the withdrawal shown once it answers', async () => {
    const w = await world();
    const tx = await w.notesLeft();
    w.listing.away = true;
    expect(await w.checks.pendingSettlements()).toEqual([]);
    w.listing.away = false;
    expect((await w.checks.pendingSettlements()).map((p) => p.transactionId)).toEqual([tx]);
  });
});

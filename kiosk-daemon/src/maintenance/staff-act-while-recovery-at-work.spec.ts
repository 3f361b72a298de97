/**
 * The fault: field staff could act while boot recovery was still at work on the same devices. The
 * kiosk machine takes a staff log-in during the self test (and a late settlement), and every act
 * only checked for a resident's session, so a refill, a bin emptied, a test dispense or a self test
 * ran while recovery still read the journal and settled on the dispenser. Now a log-in is taken,
 * but each device act is refused MAINTENANCE_KIOSK_SETTLING, nothing journaled or moved, the staff
 * view says the kiosk is settling and leaves those acts out, and offers them again once recovery
 * has finished. Real journal (SQLite), real recovery, the in-memory cash dispenser emulator.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import { MaintenanceSuppliesService } from './maintenance-supplies.service.js';
import { MaintenanceViewService } from './maintenance-view.service.js';
import { MaintenanceService } from './maintenance.service.js';
import { codeOf, openSpecJournal, staffConfig, staffPinPad } from './staff-journal.spec-support.js';

let dir: string;
let db: DataSource;
let journal: JournalService;
let dispenser: CashDispenserEmulator;
let recovery: SessionRecoveryService;
let maintenance: MaintenanceService;
let supplies: MaintenanceSuppliesService;
let checks: MaintenanceDeviceChecksService;
let views: MaintenanceViewService;
const pad = staffPinPad();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staff-act-recovery-'));
  const config = staffConfig(dir);
  ({ db, journal } = await openSpecJournal(config));
  dispenser = new CashDispenserEmulator({
    cassettes: [{ id: 'upper', denominationFen: 10000, count: 100, lowThreshold: 10, emptyThreshold: 0 }],
    rejectBinCapacity: 3,
  });
  await dispenser.open();
  const noPort = {
    replenishableSupplies: () => [],
    status: () => ({ supplies: [] }),
    cardPosition: () => 'none',
  };
  const devices = {
    pinPad: pad.pinPad,
    cashDispenser: dispenser,
    receiptPrinter: noPort,
    cardPrinter: noPort,
    cardReader: noPort,
    emulators: {},
    statuses: () => [dispenser.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
  const host = { authorisedWithdrawals: () => Promise.resolve([]) } as unknown as HostService;
  recovery = new SessionRecoveryService(devices, journal, host);
  const sessions = {
    sessionInProgress: false,
    get recoveryAtWork() {
      return recovery.atWork.busy;
    },
    enterMaintenance: jest.fn(),
    exitMaintenance: jest.fn(),
  } as unknown as SessionsService;
  maintenance = new MaintenanceService(sessions, devices, journal, journal.counters, config);
  const log = new MaintenanceSupplyLog(db);
  supplies = new MaintenanceSuppliesService(maintenance, sessions, devices, journal, journal.counters, log);
  checks = new MaintenanceDeviceChecksService(maintenance, sessions, devices, journal, recovery);
  views = new MaintenanceViewService(maintenance, devices, journal.counters, log, checks, journal, sessions);
  await journal.counters.recordCounters('cashDispenser', {
    cassettes: [{ cassette: 'upper', denominationFen: 10000, notes: 100 }],
    rejectBin: 0,
    retractBin: 0,
  });
});

afterEach(async () => {
  recovery.onApplicationShutdown();
  await maintenance.onApplicationShutdown();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const cashRefill = { device: 'cashDispenser', supply: 'cassette:upper', denominationFen: 10000 } as const;

/** The steps of the staff visit (journey maintenance), as `step:phase`. */
async function visitSteps(): Promise<string[]> {
  const visit = (await journal.openTransactions()).find((t) => t.journey === 'maintenance');
  return (await journal.stepsOf(visit!.id)).map((s) => `${s.step}:${s.phase}`);
}

describe('staff acting while boot recovery is still at work', () => {
  it('log-in taken; refill, bin emptying, test dispense and self test refused MAINTENANCE_KIOSK_SETTLING, nothing journaled or moved; offered once recovery has finished', async () => {
    // boot recovery read the journal and is still at work (settling on the devices) until released
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const read = journal.openTransactions.bind(journal);
    jest.spyOn(journal, 'openTransactions').mockImplementationOnce(async () => {
      const open = await read();
      await held;
      return open;
    });
    const recovering = recovery.recoverUnfinished();
    expect(recovery.atWork.busy).toBe(true);

    const token = await pad.logIn(maintenance, 'FS-0002');
    expect(await codeOf(supplies.refill(token, { ...cashRefill, added: 50 }))).toBe(
      ErrorCode.MAINTENANCE_KIOSK_SETTLING,
    );
    expect(
      await codeOf(supplies.emptyBin(token, { device: 'cashDispenser', supply: 'rejectBin', counted: 0 })),
    ).toBe(ErrorCode.MAINTENANCE_KIOSK_SETTLING);
    expect(await codeOf(checks.testDispense(token))).toBe(ErrorCode.MAINTENANCE_KIOSK_SETTLING);
    expect(await codeOf(maintenance.selfTest(token))).toBe(ErrorCode.MAINTENANCE_KIOSK_SETTLING);
    expect(dispenser.cassettes()[0]!.count).toBe(100);
    expect(await visitSteps()).toEqual(['maintenance.login:done']);
    // the staff screen says so and leaves the device acts out; reading the reconciliation stays
    const settling = await views.view(token);
    expect(settling.settling).toBe(true);
    expect(settling.actions).not.toEqual(expect.arrayContaining(['refillCash']));
    expect(settling.actions).not.toContain('testDispense');
    expect(settling.actions).toEqual(expect.arrayContaining(['reconciliation', 'returnToService']));
    expect(settling.supplies.every((s) => !s.allowed)).toBe(true);

    release();
    await recovering;
    expect(recovery.atWork.busy).toBe(false);
    const done = await views.view(token);
    expect(done.settling).toBeUndefined();
    expect(done.actions).toEqual(expect.arrayContaining(['refillCash', 'testDispense', 'selfTest']));
    expect(await supplies.refill(token, { ...cashRefill, added: 50, countedBefore: 100 })).toMatchObject({
      after: 150,
    });
  });
});

/**
 * A kiosk as the staff supply specs need it: a real journal (SQLite in a temp folder) knowing the
 * in-memory cash dispenser emulator's one cassette of 100-yuan notes as loaded, real recovery and
 * real maintenance services (supplies, device checks, the staff view) on a profile whose devices
 * say what a cassette holds, the demo staff logging in on a PIN pad. No resident's session runs
 * unless the spec says one does (`sessions.sessionInProgress`).
 */
import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SUPPLY_ACT_MS, type KioskConfig } from '@kiosk/config';
import { CashDispenserEmulator, type ReplenishablePort } from '@kiosk/device-drivers';
import type { HostService } from '../host/host.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import { MaintenanceSuppliesService } from './maintenance-supplies.service.js';
import { MaintenanceViewService } from './maintenance-view.service.js';
import { MaintenanceService } from './maintenance.service.js';
import {
  dispenserOnlyDevices,
  openSpecJournal,
  staffConfig,
  staffPinPad,
} from './staff-journal.spec-support.js';

/**
 * The world with `notes` in the cassette, the profile's `cassetteCapacity` and `ribbonCapacity`
 * (none: unmodelled), and the `receiptPrinter` and `cardPrinter` ports given (none: a device with
 * no supplies).
 */
export async function staffSuppliesWorld(
  options: {
    notes?: number;
    cassetteCapacity?: number;
    ribbonCapacity?: number;
    receiptPrinter?: ReplenishablePort;
    cardPrinter?: ReplenishablePort;
  } = {},
) {
  const notes = options.notes ?? 100;
  const dir = mkdtempSync(join(tmpdir(), 'staff-supplies-'));
  const config = {
    ...staffConfig(dir),
    timeouts: { supplyActMs: DEFAULT_SUPPLY_ACT_MS },
    devices: {
      cashDispenser: { cassetteCapacity: options.cassetteCapacity },
      cardPrinter: { ribbonCapacity: options.ribbonCapacity },
    },
  } as unknown as KioskConfig;
  const { db, journal } = await openSpecJournal(config);
  const dispenser = new CashDispenserEmulator({
    cassettes: [{ id: 'upper', denominationFen: 10000, count: notes, lowThreshold: 10, emptyThreshold: 0 }],
    rejectBinCapacity: 3,
  });
  await dispenser.open();
  const pad = staffPinPad();
  const devices = dispenserOnlyDevices(pad.pinPad, dispenser);
  const ports = devices as unknown as Record<'receiptPrinter' | 'cardPrinter', ReplenishablePort>;
  if (options.receiptPrinter) ports.receiptPrinter = options.receiptPrinter;
  if (options.cardPrinter) ports.cardPrinter = options.cardPrinter;
  const host = { authorisedWithdrawals: () => Promise.resolve([]) } as unknown as HostService;
  const recovery = new SessionRecoveryService(devices, journal, host);
  const sessions: { sessionInProgress: boolean } = {
    sessionInProgress: false,
    get recoveryAtWork() {
      return recovery.atWork.busy;
    },
    enterMaintenance: jest.fn(),
    exitMaintenance: jest.fn(),
  } as { sessionInProgress: boolean };
  const asSessions = sessions as unknown as SessionsService;
  const maintenance = new MaintenanceService(asSessions, devices, journal, journal.counters, config);
  const log = new MaintenanceSupplyLog(db);
  const supplies = new MaintenanceSuppliesService(
    maintenance,
    asSessions,
    devices,
    journal,
    journal.counters,
    log,
    config,
  );
  const checks = new MaintenanceDeviceChecksService(maintenance, asSessions, devices, journal, recovery);
  const views = new MaintenanceViewService(
    maintenance,
    devices,
    journal.counters,
    log,
    checks,
    journal,
    asSessions,
    config,
  );
  await journal.counters.recordCounters('cashDispenser', {
    cassettes: [{ cassette: 'upper', denominationFen: 10000, notes }],
    rejectBin: 0,
    retractBin: 0,
  });
  return {
    journal,
    dispenser,
    /** a resident's session running or not (staff acts are refused beside one) */
    sessions,
    recovery,
    maintenance,
    supplies,
    checks,
    views,
    logIn: (staffId: 'FS-0001' | 'FS-0002') => pad.logIn(maintenance, staffId),
    /** the steps of the staff visit (journey maintenance), as `step:phase` */
    async visitSteps(): Promise<string[]> {
      const visit = (await journal.openTransactions()).find((t) => t.journey === 'maintenance');
      return (await journal.stepsOf(visit!.id)).map((s) => `${s.step}:${s.phase}`);
    },
    async close(): Promise<void> {
      recovery.onApplicationShutdown();
      await maintenance.onApplicationShutdown();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type StaffSuppliesWorld = Awaited<ReturnType<typeof staffSuppliesWorld>>;

/** A supervisor's refill of the upper cassette with 100-yuan notes. */
export const cashRefill = {
  device: 'cashDispenser',
  supply: 'cassette:upper',
  denominationFen: 10000,
} as const;

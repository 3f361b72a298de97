/**
 * What the maintenance specs share: the demo field staff (an engineer and a supervisor, their PINs
 * stored as scrypt hashes as a profile holds them), a configuration naming them, a real journal
 * (SQLite in the spec's temp folder) opened as the daemon opens it, a PIN pad the staff log in on,
 * the maintenance service with its device checks, and what the settlement specs ask of a call (its
 * refusal's code, whether it still runs).
 */
import { jest } from '@jest/globals';
import { randomBytes, scryptSync } from 'node:crypto';
import { join } from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import { DataSource } from '../journal/typeorm-runtime.js';
import type { KioskConfig } from '@kiosk/config';
import { SecurePin } from '@kiosk/device-drivers';
import type { DevicesService } from '../devices/devices.service.js';
import { sqliteJournalOptions } from '../journal/journal.data-source.js';
import { JournalService } from '../journal/journal.service.js';
import type { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import { MaintenanceService } from './maintenance.service.js';

export const STAFF_PINS = { 'FS-0001': '246810', 'FS-0002': '135790' } as const;

/** A staff PIN as a profile stores it: `scrypt$salt$hash`, base64. */
export function staffPinHash(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(pin, salt, 32).toString('base64')}`;
}

/** The configuration of kiosk JZ-0001 with FS-0001 (engineer) and FS-0002 (supervisor), journal in `dir`. */
export function staffConfig(dir: string): KioskConfig {
  return {
    kiosk: { id: 'JZ-0001' },
    journal: { path: join(dir, 'journal.sqlite'), retentionDays: 30 },
    maintenance: {
      staff: [
        { id: 'FS-0001', role: 'engineer', pinHash: staffPinHash(STAFF_PINS['FS-0001']) },
        { id: 'FS-0002', role: 'supervisor', pinHash: staffPinHash(STAFF_PINS['FS-0002']) },
      ],
      pinLength: 6,
      sessionMs: 1_800_000,
    },
  } as unknown as KioskConfig;
}

/** The journal of `config`, migrated and started. */
export async function openSpecJournal(
  config: KioskConfig,
): Promise<{ db: DataSource; journal: JournalService }> {
  const db = new DataSource(sqliteJournalOptions(config.journal.path));
  await db.initialize();
  const journal = new JournalService(db, config);
  await journal.onModuleInit();
  return { db, journal };
}

/** A PIN pad that enters the PIN of whoever `logIn` logs in (the demo staff's). */
export function staffPinPad() {
  let nextPin = '';
  return {
    pinPad: {
      collectPin: async () => ({
        result: 'entered' as const,
        pin: SecurePin.fromKeys([...nextPin].map(Number)),
      }),
    },
    /** logs `staffId` in on `maintenance` with their PIN; the visit's token */
    async logIn(maintenance: MaintenanceService, staffId: keyof typeof STAFF_PINS): Promise<string> {
      nextPin = STAFF_PINS[staffId];
      return (await maintenance.logIn(staffId)).token;
    },
  };
}

/**
 * The kiosk's devices for the staff supply specs: the staff PIN pad and `dispenser`, the other
 * devices with nothing to refill and no card left in the reader.
 */
export function dispenserOnlyDevices(pinPad: unknown, dispenser: { status(): unknown }): DevicesService {
  const noPort = {
    replenishableSupplies: () => [],
    status: () => ({ supplies: [] }),
    cardPosition: () => 'none',
  };
  return {
    pinPad,
    cashDispenser: dispenser,
    receiptPrinter: noPort,
    cardPrinter: noPort,
    cardReader: noPort,
    emulators: {},
    statuses: () => [dispenser.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
}

/** The maintenance service of `config` and its device checks on `recovery`, no session running. */
export function maintenanceOn(
  devices: DevicesService,
  journal: JournalService,
  config: KioskConfig,
  recovery: SessionRecoveryService,
): { maintenance: MaintenanceService; checks: MaintenanceDeviceChecksService } {
  const sessions = {
    sessionInProgress: false,
    enterMaintenance: jest.fn(),
    exitMaintenance: jest.fn(),
  } as unknown as SessionsService;
  const maintenance = new MaintenanceService(sessions, devices, journal, journal.counters, config);
  const checks = new MaintenanceDeviceChecksService(maintenance, sessions, devices, journal, recovery);
  return { maintenance, checks };
}

/** The steps of the visit (the first open transaction) as `step:phase`. */
export async function visitSteps(journal: JournalService): Promise<string[]> {
  const [tx] = await journal.openTransactions();
  return (await journal.stepsOf(tx!.id)).map((s) => `${s.step}:${s.phase}`);
}

/** The code a refusal carries (fails the spec when there is none; another error thrown on). */
export { codeOf } from '@kiosk/domain/testing';

/**
 * Whether the promise is still pending after the journal's pending work had its turns, and then
 * `realMs` of real time (the host simulator's work over HTTP). A bounded look, not a wait for an
 * event: it asserts that something has not happened yet (the self test's recovery still waiting
 * for a settlement's hand), which no event shows; the settlement hands tell no one who waits.
 */
export async function stillRunning(work: Promise<unknown>, realMs = 0): Promise<boolean> {
  let done = false;
  void work.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 50; i += 1) await tick();
  if (realMs > 0) await new Promise((r) => setTimeout(r, realMs));
  return !done;
}

/**
 * The world of the card-making settlement specs: a real journal (SQLite in a temp folder), a card
 * making cut short while its card was being pulled back and left for staff by recovery (a printer
 * that does not count its reject bin, its card gone from the slot), the maintenance service with
 * the demo staff, the device checks on the real SessionRecoveryService, and a host whose issuance
 * report can be held at a gate or be unreachable.
 */
import { afterEach, beforeEach, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardGonePrinter } from '../journeys/card-gone-printer.spec-support.js';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { recoverIssuance } from '../journeys/issuance-recovery.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import { MaintenanceService, type MaintenanceEvent } from './maintenance.service.js';
import {
  maintenanceOn,
  openSpecJournal,
  STAFF_PINS,
  staffConfig,
  staffPinPad,
} from './staff-journal.spec-support.js';
import { hostGate } from '../host/host-gate.spec-support.js';

export const CARD = 'H41080000999';
export const ID_NUMBER = '410802198001010035';

// a printer that does not count its reject bin, its card gone from the slot
const printer = cardGonePrinter(39);

/** The office's issuance report: answered, unreachable (`down`), or held until `release()`. */
export interface SpecOffice {
  readonly report: jest.Mock<(...args: unknown[]) => Promise<object>>;
  down: boolean;
  /** holds the next reports until released; resolves once one is waiting */
  hold(): { waiting: Promise<void>; release: () => void };
}

export interface SettlementWorld {
  readonly dir: string;
  readonly db: DataSource;
  readonly journal: JournalService;
  readonly maintenance: MaintenanceService;
  readonly checks: MaintenanceDeviceChecksService;
  readonly recovery: SessionRecoveryService;
  readonly office: SpecOffice;
  readonly events: MaintenanceEvent[];
  readonly cardTx: string;
  logIn(staffId: keyof typeof STAFF_PINS): Promise<string>;
  stepsOf(tx: string): Promise<string[]>;
  visitTx(): Promise<string>;
  isOpen(tx: string): Promise<boolean>;
  close(): Promise<void>;
}

function specOffice(): SpecOffice {
  const gate = hostGate();
  const office: SpecOffice = {
    down: false,
    report: jest.fn(async () => {
      const held = gate.arrive();
      if (held) await held;
      if (office.down) throw new KioskError(ErrorCode.HOST_UNREACHABLE, 'The office does not answer.');
      return {};
    }),
    hold: () => gate.hold(),
  };
  return office;
}

export async function settlementWorld(): Promise<SettlementWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'card-settlement-'));
  const config = staffConfig(dir);
  const { db, journal } = await openSpecJournal(config);
  const office = specOffice();
  const issuance = { reportIssuance: office.report } as unknown as IssuanceHostService;
  const staffPad = staffPinPad();
  const devices = {
    pinPad: staffPad.pinPad,
    cardPrinter: printer,
    cardReader: { cardPosition: () => 'none' },
    cashDispenser: { cassettes: () => [] },
    statuses: () => [printer.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
  const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
  const recovery = new SessionRecoveryService(devices, journal, host, issuance);
  const { maintenance, checks } = maintenanceOn(devices, journal, config, recovery);
  const events: MaintenanceEvent[] = [];
  maintenance.on('action', (e) => events.push(e));
  // the journal's last record of the printer: 40 blanks, 2 cards in the reject bin (counted by staff)
  await journal.counters.recordCounters('cardPrinter', { blanks: 40, rejectBin: 2 });
  // card making cut short while its card was being pulled back: recovery leaves it for staff
  const cardTx = await journal.openTransaction('s1', 'issueCard');
  await journal.sealPersonalData(cardTx, 'cardNumber', CARD);
  await journal.sealPersonalData(cardTx, 'idNumber', ID_NUMBER);
  await journal.recordStep(cardTx, 'issuance.order', 'event', { applicationNo: 'A0000042', attempt: 1 });
  for (const step of ['card.feed', 'card.present']) {
    await journal.recordStep(cardTx, step, 'intent');
    await journal.recordStep(cardTx, step, 'done');
  }
  await journal.recordStep(cardTx, 'card.retract', 'intent');
  if (await recoverIssuance(journal, printer, issuance, cardTx))
    throw new Error('expected it left for staff');
  if (office.report.mock.calls.length > 0) throw new Error('expected the office told nothing');

  const stepsOf = async (tx: string) => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
  return {
    dir,
    db,
    journal,
    maintenance,
    checks,
    recovery,
    office,
    events,
    cardTx,
    logIn: (staffId) => staffPad.logIn(maintenance, staffId),
    stepsOf,
    visitTx: async () => (await journal.openTransactions()).find((t) => t.journey === 'maintenance')!.id,
    isOpen: async (tx) => (await journal.openTransactions()).some((t) => t.id === tx),
    async close() {
      recovery.onApplicationShutdown();
      await maintenance.onApplicationShutdown();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The world of each test of a spec, the same object made afresh before each test (its fields
 * replaced) and closed after it.
 */
export function settlementWorldPerTest(): SettlementWorld {
  const w = {} as SettlementWorld;
  beforeEach(async () => {
    Object.assign(w, await settlementWorld());
  });
  afterEach(async () => {
    await w.close();
  });
  return w;
}

export { codeOf } from './staff-journal.spec-support.js';

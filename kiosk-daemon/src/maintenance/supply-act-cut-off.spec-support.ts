/**
 * A kiosk whose dispenser is a stand-in, its maintenance services on a real journal, and a cash
 * refill cut off by a restart (ADR 0022): for the specs of supply acts cut off and answered.
 */
import { expect, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { RestoredCashCounts } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { KioskConfig } from '@kiosk/config';
import type { JournalService } from '../journal/journal.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MaintenanceSuppliesService } from './maintenance-supplies.service.js';
import { MaintenanceService } from './maintenance.service.js';
import {
  dispenserOnlyDevices,
  openSpecJournal,
  STAFF_PINS,
  staffConfig,
  staffPinPad,
} from './staff-journal.spec-support.js';
import { recoverSupplyActsAtBoot } from './supply-act-recovery.js';
import { SupplyActSettlementService } from './supply-act-settlement.service.js';

/** The journal and its folder a spec runs on. */
export interface SpecJournal {
  readonly journal: JournalService;
  readonly dir: string;
}

/** A spec's journal (SQLite in a temp folder named from `prefix`), the cassette at 100 notes in it. */
export async function openCashJournal(prefix: string): Promise<SpecJournal & { db: DataSource }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const { db, journal } = await openSpecJournal(staffConfig(dir));
  await journal.counters.recordCounters('cashDispenser', {
    cassettes: [{ cassette: 'upper', denominationFen: 10_000, notes: 100 }],
  });
  return { dir, db, journal };
}

/** Closes a journal `openCashJournal` opened and removes its folder. */
export async function closeCashJournal({ db, dir }: { db: DataSource; dir: string }): Promise<void> {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}

/** A receipt printer whose paper refill never answers (staff alone count its rolls). */
export const silentPrinter = {
  status: () => ({ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'low' }] }),
  replenishableSupplies: () => [{ supply: 'paper', role: 'stock', unit: 'rolls', countedBy: 'staff' }],
  refillSupply: () => new Promise<never>(() => undefined),
};

/** A dispenser with one cassette: its count, and a refill that never answers (the power goes). */
export class StandInDispenser {
  notes = 100;
  cutOff = false;
  constructor(readonly countsFromJournal: boolean) {}
  cassettes() {
    const cassette = { id: 'upper', denominationFen: 10_000, lowThreshold: 10, emptyThreshold: 0 };
    return [{ ...cassette, count: this.notes, present: true }];
  }
  status() {
    return {
      kind: 'cashDispenser',
      device: 'online',
      supplies: [{ name: 'cassette:upper', level: 'ok', count: this.notes }],
    };
  }
  replenishableSupplies() {
    return [
      {
        supply: 'cassette:upper',
        role: 'stock',
        unit: 'notes',
        denominationFen: 10_000,
        countedBy: 'device',
      },
    ];
  }
  refillSupply(supply: string, added: number) {
    if (this.cutOff) return new Promise<never>(() => undefined);
    const before = this.notes;
    this.notes += added;
    return Promise.resolve({ supply, before, after: this.notes });
  }
  restoreCounts(counts: RestoredCashCounts) {
    this.notes = counts.cassettes.find((c) => c.cassette === 'upper')?.notes ?? this.notes;
  }
}

/** A dispenser whose refill answers when `answer` is called (or refuses with `refuse`). */
export class SilentDispenser extends StandInDispenser {
  answer: () => void = () => undefined;
  refuse: () => void = () => undefined;
  override refillSupply(supply: string, added: number) {
    return new Promise<{ supply: string; before: number; after: number }>((resolve, reject) => {
      this.answer = () => {
        const before = this.notes;
        this.notes += added;
        resolve({ supply, before, after: this.notes });
      };
      this.refuse = () => reject(new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The dispenser did not answer.'));
    });
  }
}

/**
 * A kiosk's maintenance services on the journal, the dispenser `dispenser` (one boot of the daemon);
 * `supplyActMs` the bound on a device's answer to a refill (`timeouts.supplyActMs`).
 */
export function kiosk({ journal, dir }: SpecJournal, dispenser: StandInDispenser, supplyActMs?: number) {
  const pad = staffPinPad();
  const devices = dispenserOnlyDevices(pad.pinPad, dispenser);
  const sessions = { sessionInProgress: false, enterMaintenance: jest.fn(), exitMaintenance: jest.fn() };
  const config = staffConfig(dir);
  const maintenance = new MaintenanceService(sessions as never, devices, journal, journal.counters, config);
  const asSessions = sessions as unknown as SessionsService;
  const supplies = new MaintenanceSuppliesService(
    maintenance,
    asSessions,
    devices,
    journal,
    journal.counters,
    journal.supplyLog,
    supplyActMs === undefined ? undefined : ({ ...config, timeouts: { supplyActMs } } as KioskConfig),
  );
  const settlement = new SupplyActSettlementService(maintenance, asSessions, devices, journal);
  const logIn = (staffId: keyof typeof STAFF_PINS) => pad.logIn(maintenance, staffId);
  return { devices, sessions: asSessions, config, maintenance, supplies, settlement, logIn };
}

export const cassetteInJournal = async (journal: JournalService) =>
  (await journal.counters.latestCounters()).cashDispenser?.counters.cassettes?.[0]?.notes;

/** A supervisor's refill of 20 notes cut off by a restart after its intent; the boot's recovery run. */
export async function refillCutOff(world: SpecJournal, dispenser: StandInDispenser, notesAtBoot: number) {
  const { journal } = world;
  const before = kiosk(world, dispenser);
  await journal.counters.recordCounters('cashDispenser', {
    cassettes: [{ cassette: 'upper', denominationFen: 10_000, notes: 100 }],
  });
  const token = await before.logIn('FS-0002');
  dispenser.cutOff = true;
  // the killed boot's refill: its device never answers, so its bound (timeouts.supplyActMs) ends it
  // long after the spec closed its journal; a killed daemon hears nothing of it, nor does the spec
  before.supplies
    .refill(token, {
      device: 'cashDispenser',
      supply: 'cassette:upper',
      added: 20,
      denominationFen: 10_000,
    })
    .catch(() => undefined);
  // the power goes once the intent is journaled and the dispenser told
  for (
    let i = 0;
    i < 1000 &&
    !(await journal.stepsOf((await journal.openTransactions())[0]!.id)).some((s) => s.phase === 'intent');
    i += 1
  )
    await tick();
  // the restart: the dispenser as it comes back, recovery of the open visit
  dispenser.cutOff = false;
  dispenser.notes = notesAtBoot;
  const [visit] = await journal.openTransactions();
  const left = await recoverSupplyActsAtBoot(
    { journal, devices: before.devices },
    visit!.id,
    await journal.stepsOf(visit!.id),
  );
  await before.maintenance.onApplicationShutdown();
  return { visit: visit!.id, left };
}

export const CASH = { device: 'cashDispenser', supply: 'cassette:upper' } as const;
export const PAPER = { device: 'receiptPrinter', supply: 'paper' } as const;

/**
 * A supervisor's visit: a cassette refill and a paper refill handed in at once, neither device
 * answering within `boundMs`: both left for staff in the visit's transaction (`visit`), logged out.
 */
export async function twoActsLeft(world: SpecJournal, boundMs: number) {
  const lcdm = new SilentDispenser(true);
  const kioskNow = kiosk(world, lcdm, boundMs);
  (kioskNow.devices as unknown as Record<string, unknown>)['receiptPrinter'] = silentPrinter;
  const token = await kioskNow.logIn('FS-0002');
  const [visit] = await world.journal.openTransactions();
  const acts = await Promise.allSettled([
    kioskNow.supplies.refill(token, { ...CASH, added: 20, denominationFen: 10_000 }),
    kioskNow.supplies.refill(token, { ...PAPER, added: 2, countedBefore: 1 }),
  ]);
  expect(acts.map((a) => a.status === 'rejected' && (a.reason as { code: string }).code)).toEqual([
    'MAINTENANCE_SUPPLY_ACT_TIMEOUT',
    'MAINTENANCE_SUPPLY_ACT_TIMEOUT',
  ]);
  await kioskNow.maintenance.logOut(token);
  return { lcdm, world: kioskNow, visit: visit!.id };
}

/**
 * The fault: a restart during field staff's test dispense, or between its done and the counts being
 * recorded, brought the dispenser's counts back from the journal as before the test: the cassettes
 * one note too many each, the reject bin two too few, and every later emptying of that bin refused
 * MAINTENANCE_COUNT_MISMATCH. A test dispense failed part-way (one note moved, the next cassette
 * refusing) lost that note the same way when the restart came between its failed and the counts.
 * Now the test dispense is a supply act of the reject bin (ADR 0022, addendum): its done, or its
 * failed with the notes moved before the fault, caught up at boot sets the counts once; cut off before its outcome on a
 * dispenser counting from the journal (an LCDM) it is left for staff, who say whether the notes went
 * to the reject bin, and the counts follow, journaled; a dispenser counting its bin itself decides it.
 * Real journal (SQLite in a temp folder), real maintenance services; the dispenser a stand-in.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { RestoredCashCounts } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import { openSpecJournal, staffConfig } from './staff-journal.spec-support.js';
import { kiosk, type StandInDispenser } from './supply-act-cut-off.spec-support.js';
import { recoverSupplyActsAtBoot } from './supply-act-recovery.js';
import { pendingSupplyActs } from './supply-act-settlement.service.js';

/** Two cassettes and a reject bin; a test dispense that moves the notes, then may never answer. */
class TestDispenser {
  notes: Record<string, number> = { upper: 100, lower: 100 };
  rejectBin = 0;
  powerGoes = false;
  /** the lower cassette refuses its note: the upper's moved, then the fault */
  lowerJams = false;
  constructor(readonly countsFromJournal: boolean) {}
  cassettes() {
    return Object.entries(this.notes).map(([id, count]) => ({
      id,
      denominationFen: id === 'upper' ? 10_000 : 5_000,
      count,
      lowThreshold: 10,
      emptyThreshold: 0,
      present: true,
    }));
  }
  status() {
    const cassettes = this.cassettes().map((c) => ({
      name: `cassette:${c.id}`,
      level: 'ok',
      count: c.count,
    }));
    const supplies = [...cassettes, { name: 'rejectBin', level: 'ok', count: this.rejectBin }];
    return { kind: 'cashDispenser', device: 'online', supplies };
  }
  replenishableSupplies() {
    return [{ supply: 'rejectBin', role: 'bin', unit: 'notes', countedBy: 'device' }];
  }
  emptySupplyBin(supply: string) {
    const before = this.rejectBin;
    this.rejectBin = 0;
    return Promise.resolve({ supply, before, after: 0 });
  }
  testDispense() {
    if (this.lowerJams) {
      this.notes['upper']! -= 1;
      this.rejectBin += 1;
      return Promise.reject(new KioskError(ErrorCode.CASH_JAM, 'The lower cassette jammed.'));
    }
    const notes = Object.keys(this.notes).map((id) => {
      this.notes[id]! -= 1;
      this.rejectBin += 1;
      return { cassetteId: id, denominationFen: id === 'upper' ? 10_000 : 5_000, count: 1 };
    });
    return this.powerGoes ? new Promise<never>(() => undefined) : Promise.resolve({ notes });
  }
  restoreCounts(counts: RestoredCashCounts) {
    for (const c of counts.cassettes) this.notes[c.cassette] = c.notes;
    if (counts.rejectBin !== undefined) this.rejectBin = counts.rejectBin;
  }
}

let dir: string;
let db: DataSource;
let journal: JournalService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'test-dispense-cut-off-'));
  ({ db, journal } = await openSpecJournal(staffConfig(dir)));
  await journal.counters.recordCounters('cashDispenser', {
    cassettes: [
      { cassette: 'upper', denominationFen: 10_000, notes: 100 },
      { cassette: 'lower', denominationFen: 5_000, notes: 100 },
    ],
    rejectBin: 0,
  });
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** One boot of the kiosk: its maintenance services and device checks on the journal. */
function boot(dispenser: TestDispenser) {
  const world = kiosk({ journal, dir }, dispenser as unknown as StandInDispenser);
  const checks = new MaintenanceDeviceChecksService(
    world.maintenance,
    world.sessions,
    world.devices,
    journal,
    {} as never,
  );
  return { ...world, checks };
}

/** The journal's cassettes and reject bin now. */
async function journalCounts() {
  const kept = (await journal.counters.latestCounters()).cashDispenser?.counters;
  const cassettes = Object.fromEntries((kept?.cassettes ?? []).map((c) => [c.cassette, c.notes]));
  return { ...cassettes, rejectBin: kept?.rejectBin };
}

/** The restart: an LCDM's counts are the journal's again; recovery of the open visit. */
async function restart(dispenser: TestDispenser, world: ReturnType<typeof boot>) {
  await world.maintenance.onApplicationShutdown();
  dispenser.powerGoes = false;
  if (dispenser.countsFromJournal) {
    const kept = (await journal.counters.latestCounters()).cashDispenser!.counters;
    dispenser.restoreCounts({ cassettes: kept.cassettes!, rejectBin: kept.rejectBin! });
  }
  const [visit] = await journal.openTransactions();
  const steps = await journal.stepsOf(visit!.id);
  const left = await recoverSupplyActsAtBoot({ journal, devices: world.devices }, visit!.id, steps);
  return { visit: visit!.id, left };
}

/** A supervisor's test dispense, the power going after its outcome, as its counts are recorded. */
async function countsCutOff(dispenser: TestDispenser) {
  const before = boot(dispenser);
  const token = await before.logIn('FS-0002');
  const record = jest.spyOn(journal.counters, 'recordCounters');
  record.mockRejectedValueOnce(new Error('the power went'));
  await expect(before.checks.testDispense(token)).rejects.toThrow('the power went');
  record.mockRestore();
  expect(await journalCounts()).toEqual({ upper: 100, lower: 100, rejectBin: 0 });
  return before;
}

/** A supervisor's test dispense, the power going once the dispenser moved its notes. */
async function testDispenseCutOff(dispenser: TestDispenser) {
  const before = boot(dispenser);
  const token = await before.logIn('FS-0002');
  dispenser.powerGoes = true;
  before.checks.testDispense(token).catch(() => undefined);
  while (
    !(await journal.stepsOf((await journal.openTransactions())[0]!.id)).some((s) => s.phase === 'intent')
  )
    await tick();
  return restart(dispenser, before);
}

describe('a test dispense cut off by a restart', () => {
  it('fault: on an LCDM, cut off after the notes moved: left for staff, answered "in the reject bin", the counts follow and the bin empties', async () => {
    const lcdm = new TestDispenser(true);
    const { visit, left } = await testDispenseCutOff(lcdm);
    expect(left).toBe(true);
    const next = boot(lcdm);
    expect(await pendingSupplyActs(journal, next.devices)).toEqual([
      expect.objectContaining({
        transactionId: visit,
        device: 'cashDispenser',
        supply: 'rejectBin',
        action: 'testDispense',
        quantity: 2,
        journalCount: 0,
        supervisorOnly: true,
      }),
    ]);
    const token = await next.logIn('FS-0002');
    // the bin's emptying waits for the answer, naming the visit
    await expect(
      next.supplies.emptyBin(token, { device: 'cashDispenser', supply: 'rejectBin', counted: 2 }),
    ).rejects.toMatchObject({ code: 'MAINTENANCE_SUPPLY_UNSETTLED' });
    await next.settlement.settle(token, { transactionId: visit }, 'done');
    expect(await journalCounts()).toEqual({ upper: 99, lower: 99, rejectBin: 2 });
    expect({ ...lcdm.notes, rejectBin: lcdm.rejectBin }).toEqual({ upper: 99, lower: 99, rejectBin: 2 });
    expect(await journal.supplyLog.ofTransaction(visit)).toEqual([]);
    // the two notes staff take out of the bin agree with the journal
    await expect(
      next.supplies.emptyBin(token, { device: 'cashDispenser', supply: 'rejectBin', counted: 2 }),
    ).resolves.toMatchObject({ supply: 'rejectBin' });
    expect(await journalCounts()).toMatchObject({ upper: 99, lower: 99, rejectBin: 0 });
    await next.maintenance.onApplicationShutdown();
  });

  it('answered "not in the reject bin": nothing counted, the act closed', async () => {
    const lcdm = new TestDispenser(true);
    const { visit } = await testDispenseCutOff(lcdm);
    const next = boot(lcdm);
    const token = await next.logIn('FS-0002');
    await next.settlement.settle(token, { transactionId: visit }, 'notDone');
    expect(await journalCounts()).toEqual({ upper: 100, lower: 100, rejectBin: 0 });
    expect(await pendingSupplyActs(journal, next.devices)).toEqual([]);
    await next.maintenance.onApplicationShutdown();
  });

  it('fault: a restart between its done and the counts: boot sets them once, the dispenser given them', async () => {
    const lcdm = new TestDispenser(true);
    const { left } = await restart(lcdm, await countsCutOff(lcdm));
    expect(left).toBe(false);
    expect(await journalCounts()).toEqual({ upper: 99, lower: 99, rejectBin: 2 });
    expect({ ...lcdm.notes, rejectBin: lcdm.rejectBin }).toEqual({ upper: 99, lower: 99, rejectBin: 2 });
    // a later boot moves nothing again
    const again = boot(lcdm);
    const [visit] = await journal.openTransactions();
    const steps = await journal.stepsOf(visit!.id);
    await recoverSupplyActsAtBoot({ journal, devices: again.devices }, visit!.id, steps);
    expect(await journalCounts()).toEqual({ upper: 99, lower: 99, rejectBin: 2 });
  });

  it('fault: failed part-way (the upper note in the reject bin, the lower jammed), a restart before the counts: boot counts the note moved, once', async () => {
    const lcdm = new TestDispenser(true);
    lcdm.lowerJams = true;
    const { visit, left } = await restart(lcdm, await countsCutOff(lcdm));
    expect(left).toBe(false);
    expect(await journalCounts()).toEqual({ upper: 99, lower: 100, rejectBin: 1 });
    expect({ ...lcdm.notes, rejectBin: lcdm.rejectBin }).toEqual({ upper: 99, lower: 100, rejectBin: 1 });
    const again = boot(lcdm);
    await recoverSupplyActsAtBoot({ journal, devices: again.devices }, visit, await journal.stepsOf(visit));
    expect(await journalCounts()).toEqual({ upper: 99, lower: 100, rejectBin: 1 });
    // the note staff take out of the bin agrees with the journal
    const staff = await again.logIn('FS-0002');
    await expect(
      again.supplies.emptyBin(staff, { device: 'cashDispenser', supply: 'rejectBin', counted: 1 }),
    ).resolves.toMatchObject({ supply: 'rejectBin' });
    await again.maintenance.onApplicationShutdown();
  });

  it('a dispenser counting its own reject bin: decided at boot by its count, nobody asked', async () => {
    const counting = new TestDispenser(false);
    const { visit, left } = await testDispenseCutOff(counting);
    expect(left).toBe(false);
    expect((await journal.stepsOf(visit)).map((s) => `${s.step}:${s.phase}`)).toContain(
      'maintenance.testDispense:done',
    );
  });
});

/**
 * Field staff's cash refill cut off by a restart (ADR 0022), against the real journal (SQLite in a
 * temp folder) and the real maintenance services; the dispenser a stand-in whose count is set as a
 * restart leaves it. An LCDM counts from the journal (`countsFromJournal`): after a restart its
 * count is the journal's, so it can never show that notes were loaded, and a cut-off refill of it
 * is left for staff, never failed as "not moved"; its count caught up is given back to it. A
 * counting dispenser whose count moved by another number than the act said is left for staff too.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { setImmediate as tick } from 'node:timers/promises';
import { SecurePin, type RestoredCashCounts } from '@kiosk/device-drivers';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MaintenanceSuppliesService } from './maintenance-supplies.service.js';
import { MaintenanceService } from './maintenance.service.js';
import { openSpecJournal, STAFF_PINS, staffConfig } from './staff-journal.spec-support.js';
import {
  recoverSupplyActsAtBoot,
  settleSupplyActByStaff,
  undecidedSupplyActs,
} from './supply-act-recovery.js';
import { intentDetail, supplyActIntent, supplyActsOf } from './supply-act-steps.js';

/** A dispenser with one cassette: its count, and a refill that never answers (the power goes). */
class StandInDispenser {
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

let dir: string;
let db: DataSource;
let journal: JournalService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'supply-act-cut-off-'));
  ({ db, journal } = await openSpecJournal(staffConfig(dir)));
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** A kiosk's maintenance services on the journal, the dispenser `dispenser` (one boot of the daemon). */
function kiosk(dispenser: StandInDispenser) {
  const noPort = { replenishableSupplies: () => [], status: () => ({ supplies: [] }) };
  let pin = '';
  const devices = {
    pinPad: {
      collectPin: async () => ({ result: 'entered', pin: SecurePin.fromKeys([...pin].map(Number)) }),
    },
    cashDispenser: dispenser,
    receiptPrinter: noPort,
    cardPrinter: noPort,
    cardReader: noPort,
    emulators: {},
    statuses: () => [dispenser.status()],
  } as unknown as DevicesService;
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
  );
  const logIn = async (staffId: keyof typeof STAFF_PINS) => {
    pin = STAFF_PINS[staffId];
    return (await maintenance.logIn(staffId)).token;
  };
  return { devices, maintenance, supplies, logIn };
}

const cassetteInJournal = async () =>
  (await journal.counters.latestCounters()).cashDispenser?.counters.cassettes?.[0]?.notes;

/** A supervisor's refill of 20 notes cut off by a restart after its intent; the boot's recovery run. */
async function refillCutOff(dispenser: StandInDispenser, notesAtBoot: number) {
  const before = kiosk(dispenser);
  await journal.counters.recordCounters('cashDispenser', {
    cassettes: [{ cassette: 'upper', denominationFen: 10_000, notes: 100 }],
  });
  const token = await before.logIn('FS-0002');
  dispenser.cutOff = true;
  void before.supplies.refill(token, {
    device: 'cashDispenser',
    supply: 'cassette:upper',
    added: 20,
    denominationFen: 10_000,
  });
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

describe('a cash refill cut off by a restart', () => {
  it('fault: an LCDM refill cut off after its intent (its count is the journal’s): left for staff, never failed as not moved', async () => {
    const lcdm = new StandInDispenser(true);
    const { visit, left } = await refillCutOff(lcdm, 100);
    expect(left).toBe(true);
    const steps = (await journal.stepsOf(visit)).map((s) => `${s.step}:${s.phase}`);
    expect(steps).toContain('recovery.needsStaff:event');
    expect(steps).not.toContain('maintenance.refill:failed');
    expect((await undecidedSupplyActs(journal)).map((u) => u.act.intent.countedBy)).toEqual(['journal']);
    // a new refill of that cassette waits for the answer, naming it
    const next = kiosk(lcdm);
    const token = await next.logIn('FS-0002');
    await expect(
      next.supplies.refill(token, {
        device: 'cashDispenser',
        supply: 'cassette:upper',
        added: 5,
        denominationFen: 10_000,
      }),
    ).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_UNSETTLED',
      details: { unsettledTransactionId: visit },
    });
    // the supervisor found the notes in: the journal counts them, and the dispenser is given its count
    const settled = await settleSupplyActByStaff(
      { journal, devices: next.devices },
      visit,
      'done',
      'FS-0002',
    );
    expect(settled).toEqual({ outcome: 'done', journalCount: 120 });
    expect(await cassetteInJournal()).toBe(120);
    expect(lcdm.notes).toBe(120);
    expect(await journal.supplyLog.ofTransaction(visit)).toEqual([
      expect.objectContaining({ supply: 'cassette:upper', action: 'refill', quantity: 20 }),
    ]);
    // answered once: recovery at a later boot leaves it, the count not moved again
    expect(
      await recoverSupplyActsAtBoot({ journal, devices: next.devices }, visit, await journal.stepsOf(visit)),
    ).toBe(false);
    expect(await cassetteInJournal()).toBe(120);
    expect(await journal.supplyLog.ofTransaction(visit)).toHaveLength(1);
    await next.maintenance.onApplicationShutdown();
  });

  it('fault: a counting dispenser whose count moved by another number than the act said: left for staff, nothing guessed', async () => {
    const counting = new StandInDispenser(false);
    const { visit, left } = await refillCutOff(counting, 110);
    expect(left).toBe(true);
    expect(await journal.supplyLog.ofTransaction(visit)).toEqual([]);
    const [undecided] = await undecidedSupplyActs(journal);
    expect(undecided?.act.intent).toMatchObject({ countedBy: 'device', deviceBefore: 100, quantity: 20 });
  });

  it('a counting dispenser that moved as the act said: done at boot, its entry written once', async () => {
    const counting = new StandInDispenser(false);
    const { visit, left } = await refillCutOff(counting, 120);
    expect(left).toBe(false);
    expect((await journal.stepsOf(visit)).map((s) => `${s.step}:${s.phase}`)).toContain(
      'maintenance.refill:done',
    );
    expect(await journal.supplyLog.ofTransaction(visit)).toEqual([
      expect.objectContaining({ quantity: 20, deviceBefore: 100, deviceAfter: 120 }),
    ]);
    expect(await undecidedSupplyActs(journal)).toEqual([]);
  });
});

describe("a visit's supply acts read from its steps", () => {
  const step = (phase: string, detail: Record<string, unknown>) => ({
    step: 'maintenance.refill',
    phase,
    detail: JSON.stringify(detail),
  });
  const intent = step('intent', {
    device: 'cashDispenser',
    supply: 'cassette:upper',
    added: 20,
    journalBefore: 100,
    ...intentDetail(
      supplyActIntent(
        {
          action: 'refill',
          device: 'cashDispenser',
          supply: 'cassette:upper',
          quantity: 20,
          countedByStaff: null,
        },
        {
          staffId: 'FS-0002',
          spec: {},
          journalBefore: 100,
          deviceBefore: 100,
          countsAfter: 1,
          countsFromJournal: false,
        },
      ),
    ),
  });

  it('fault: a refusal journaled before its intent while another act was under way is not that act’s outcome', () => {
    const refused = step('failed', {
      device: 'cashDispenser',
      supply: 'cassette:upper',
      added: 5,
      code: 'MAINTENANCE_COUNT_MISMATCH',
    });
    const [act, ...more] = supplyActsOf([intent, refused]);
    expect(more).toEqual([]);
    // cut off: boot finishes it, not taken as failed by the other act's refusal
    expect(act?.outcome).toBeUndefined();
    expect(act?.intent).toMatchObject({ countedBy: 'device', deviceBefore: 100, quantity: 20 });
  });

  it('an intent of an earlier release keeps its place: its done is not the next act’s, its entry counted', () => {
    const older = step('intent', {
      device: 'cashDispenser',
      supply: 'cassette:upper',
      added: 20,
      journalBefore: 100,
    });
    const [act, ...more] = supplyActsOf([older, step('done', { deviceAfter: 120 }), intent]);
    expect(more).toEqual([]);
    expect(act).toMatchObject({ outcome: undefined, index: 1 });
  });
});

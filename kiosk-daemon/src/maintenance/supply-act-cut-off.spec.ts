/**
 * Field staff's cash refill cut off by a restart (ADR 0022), against the real journal (SQLite in a
 * temp folder) and the real maintenance services; the dispenser a stand-in whose count is set as a
 * restart leaves it. An LCDM counts from the journal (`countsFromJournal`): after a restart its
 * count is the journal's, so it can never show that notes were loaded, and a cut-off refill of it
 * is left for staff, never failed as "not moved"; its count caught up is given back to it. A
 * counting dispenser whose count moved by another number than the act said is left for staff too.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { JournalService } from '../journal/journal.service.js';
import { openSpecJournal, staffConfig } from './staff-journal.spec-support.js';
import {
  cassetteInJournal,
  kiosk,
  refillCutOff,
  StandInDispenser,
} from './supply-act-cut-off.spec-support.js';
import { recoverSupplyActsAtBoot, undecidedSupplyActs } from './supply-act-recovery.js';
import { settleSupplyActByStaff } from './supply-act-staff-verdict.js';
import { intentDetail, supplyActIntent, supplyActsOf } from './supply-act-steps.js';

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

describe('a cash refill cut off by a restart', () => {
  it('fault: an LCDM refill cut off after its intent (its count is the journal’s): left for staff, never failed as not moved', async () => {
    const lcdm = new StandInDispenser(true);
    const { visit, left } = await refillCutOff({ journal, dir }, lcdm, 100);
    expect(left).toBe(true);
    const steps = (await journal.stepsOf(visit)).map((s) => `${s.step}:${s.phase}`);
    expect(steps).toContain('recovery.needsStaff:event');
    expect(steps).not.toContain('maintenance.refill:failed');
    expect((await undecidedSupplyActs(journal)).map((u) => u.act.intent.countedBy)).toEqual(['journal']);
    // a new refill of that cassette waits for the answer, naming it
    const next = kiosk({ journal, dir }, lcdm);
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
      { transactionId: visit },
      'done',
      'FS-0002',
    );
    expect(settled).toEqual({ outcome: 'done', journalCount: 120 });
    expect(await cassetteInJournal(journal)).toBe(120);
    expect(lcdm.notes).toBe(120);
    expect(await journal.supplyLog.ofTransaction(visit)).toEqual([
      expect.objectContaining({ supply: 'cassette:upper', action: 'refill', quantity: 20 }),
    ]);
    // answered once: recovery at a later boot leaves it, the count not moved again
    expect(
      await recoverSupplyActsAtBoot({ journal, devices: next.devices }, visit, await journal.stepsOf(visit)),
    ).toBe(false);
    expect(await cassetteInJournal(journal)).toBe(120);
    expect(await journal.supplyLog.ofTransaction(visit)).toHaveLength(1);
    await next.maintenance.onApplicationShutdown();
  });

  it('fault: a counting dispenser whose count moved by another number than the act said: left for staff, nothing guessed', async () => {
    const counting = new StandInDispenser(false);
    const { visit, left } = await refillCutOff({ journal, dir }, counting, 110);
    expect(left).toBe(true);
    expect(await journal.supplyLog.ofTransaction(visit)).toEqual([]);
    const [undecided] = await undecidedSupplyActs(journal);
    expect(undecided?.act.intent).toMatchObject({ countedBy: 'device', deviceBefore: 100, quantity: 20 });
  });

  it('a counting dispenser that moved as the act said: done at boot, its entry written once', async () => {
    const counting = new StandInDispenser(false);
    const { visit, left } = await refillCutOff({ journal, dir }, counting, 120);
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

/**
 * The fault: a refill whose device never answers held the staff screen, and the supply's turn
 * with it, until the driver's own deadline (a card printer's 60 s a command, more behind other
 * commands on its line): another screen's act of that supply or staff's answer to one cut off
 * waited as long. Now a device silent past `timeouts.supplyActMs` gets staff a coded refusal
 * (MAINTENANCE_SUPPLY_ACT_TIMEOUT) and frees the turn; whether the device took the act is not known,
 * so it is left for staff as one cut off by a restart is (ADR 0022): journaled first, its visit's
 * transaction kept open for the boot or staff catch-up, the visit going on in a transaction of its
 * own, and the device's late answer never counted beside staff's answer or boot's decision.
 * Against the real journal (SQLite in a temp folder) and the real maintenance services; the
 * dispenser a stand-in whose refill answers only when the spec says.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { JournalService } from '../journal/journal.service.js';
import { openSpecJournal, staffConfig } from './staff-journal.spec-support.js';
import { cassetteInJournal, kiosk, SilentDispenser } from './supply-act-cut-off.spec-support.js';
import { recoverSupplyActsAtBoot, undecidedSupplyActs } from './supply-act-recovery.js';

const REFILL = {
  device: 'cashDispenser',
  supply: 'cassette:upper',
  added: 20,
  denominationFen: 10_000,
} as const;
/** the bound on the device's answer in these specs; the device here never answers within it */
const BOUND_MS = 100;

let dir: string;
let db: DataSource;
let journal: JournalService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'supply-act-never-answers-'));
  ({ db, journal } = await openSpecJournal(staffConfig(dir)));
  await journal.counters.recordCounters('cashDispenser', {
    cassettes: [{ cassette: 'upper', denominationFen: 10_000, notes: 100 }],
  });
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const stepsOf = async (transactionId: string) =>
  (await journal.stepsOf(transactionId)).map((s) => `${s.step}:${s.phase}`);
const openIds = async () => (await journal.openTransactions()).map((t) => t.id);

describe('a refill whose device never answers', () => {
  it('fault: an LCDM silent over a refill held the screen and the cassette’s turn: refused, left for staff, counted once', async () => {
    const lcdm = new SilentDispenser(true);
    const world = kiosk({ journal, dir }, lcdm, BOUND_MS);
    const token = await world.logIn('FS-0002');
    const [visit] = await openIds();

    await expect(world.supplies.refill(token, REFILL)).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_ACT_TIMEOUT',
      details: { device: 'cashDispenser', supply: 'cassette:upper', unsettledTransactionId: visit },
    });
    // journaled: the intent and the act left for staff, no outcome guessed
    const steps = await stepsOf(visit!);
    expect(steps).toEqual(expect.arrayContaining(['maintenance.refill:intent', 'recovery.needsStaff:event']));
    expect(steps.filter((s) => s.startsWith('maintenance.refill:'))).toEqual(['maintenance.refill:intent']);
    // the turn is free: another refill of the cassette is answered now, waiting for staff's word
    await expect(world.supplies.refill(token, { ...REFILL, added: 5 })).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_UNSETTLED',
      details: { unsettledTransactionId: visit },
    });
    expect((await world.settlement.pending(token)).map((p) => [p.transactionId, p.quantity])).toEqual([
      [visit, 20],
    ]);

    // the visit goes on apart: its end leaves the act's transaction open for staff
    const open = await openIds();
    expect(open).toHaveLength(2);
    await world.maintenance.logOut(token);
    expect(await openIds()).toEqual([visit]);

    // the dispenser answers late: not journaled, not counted
    lcdm.answer();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cassetteInJournal(journal)).toBe(100);
    expect(await journal.supplyLog.ofTransaction(visit!)).toEqual([]);

    // the supervisor found the notes in: counted once, by the answer
    const next = kiosk({ journal, dir }, lcdm, BOUND_MS);
    const later = await next.logIn('FS-0002');
    expect(await next.settlement.settle(later, { transactionId: visit! }, 'done')).toMatchObject({
      journalCount: 120,
    });
    expect(await cassetteInJournal(journal)).toBe(120);
    expect(await journal.supplyLog.ofTransaction(visit!)).toEqual([
      expect.objectContaining({ supply: 'cassette:upper', action: 'refill', quantity: 20 }),
    ]);
    expect(await undecidedSupplyActs(journal)).toEqual([]);
    await next.maintenance.logOut(later);
  });

  it('a counting dispenser that answers after the bound: the next boot decides by its count, once', async () => {
    const counting = new SilentDispenser(false);
    const world = kiosk({ journal, dir }, counting, BOUND_MS);
    const token = await world.logIn('FS-0002');
    const [visit] = await openIds();
    await expect(world.supplies.refill(token, REFILL)).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_ACT_TIMEOUT',
    });
    await world.maintenance.logOut(token);
    counting.answer(); // it took the notes after all
    await new Promise((resolve) => setImmediate(resolve));
    expect(await journal.supplyLog.ofTransaction(visit!)).toEqual([]);

    // the restart: recovery of the open visit finds the device's count moved as the act said
    const boot = () =>
      journal
        .stepsOf(visit!)
        .then((steps) => recoverSupplyActsAtBoot({ journal, devices: world.devices }, visit!, steps));
    expect(await boot()).toBe(false);
    expect(await stepsOf(visit!)).toContain('maintenance.refill:done');
    expect(await journal.supplyLog.ofTransaction(visit!)).toHaveLength(1);
    // a boot again (the visit closed by boot recovery in the daemon) adds nothing
    expect(await boot()).toBe(false);
    expect(await journal.supplyLog.ofTransaction(visit!)).toHaveLength(1);
  });

  it('fault: staff log out while the device is silent: the visit ended with the act in it, which was lost to staff', async () => {
    const lcdm = new SilentDispenser(true);
    const world = kiosk({ journal, dir }, lcdm, BOUND_MS);
    const token = await world.logIn('FS-0002');
    const [visit] = await openIds();
    const refill = world.supplies.refill(token, REFILL);
    const refused = expect(refill).rejects.toMatchObject({ code: 'MAINTENANCE_SUPPLY_ACT_TIMEOUT' });
    // the log-out waits for the act, which is left for staff; the visit's own end is apart from it
    await world.maintenance.logOut(token);
    await refused;
    expect(await openIds()).toEqual([visit]);
    expect((await undecidedSupplyActs(journal)).map((u) => u.transactionId)).toEqual([visit]);
  });

  it('a device that refuses after the bound: nothing journaled of it, the act still left for staff', async () => {
    const lcdm = new SilentDispenser(true);
    const world = kiosk({ journal, dir }, lcdm, BOUND_MS);
    const token = await world.logIn('FS-0002');
    const [visit] = await openIds();
    await expect(world.supplies.refill(token, REFILL)).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_ACT_TIMEOUT',
    });
    lcdm.refuse();
    await new Promise((resolve) => setImmediate(resolve));
    expect((await stepsOf(visit!)).filter((s) => s.startsWith('maintenance.refill:'))).toEqual([
      'maintenance.refill:intent',
    ]);
    expect((await undecidedSupplyActs(journal)).map((u) => u.transactionId)).toEqual([visit]);
    await world.maintenance.logOut(token);
  });
});

/**
 * The fault: staff's answer to a supply act left for staff (ADR 0022) named only the visit's
 * transaction. A visit can leave two: acts of two supplies handed in at once, both cut off by one
 * restart or both past the device's bound (`timeouts.supplyActMs`). The answer settled the first
 * and closed the transaction, and the second was lost to staff: never listed again, its count
 * never set, its entry never made, its supply's hold and its fleet alert gone without an answer.
 * Now each act is named by its transaction, device and supply; a request naming only the
 * transaction is taken when one act is left and refused (MAINTENANCE_SUPPLY_ACT_AMBIGUOUS, spec
 * `supply-act-answer-naming-visit-only-malformed`) when more are;
 * the transaction closes with its last act answered; boot carries each one through.
 * Against the real journal (SQLite in a temp folder) and the real maintenance services; the
 * dispenser (counting from the journal) and the receipt printer stand-ins that never answer.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { JournalService } from '../journal/journal.service.js';
import {
  CASH,
  cassetteInJournal,
  closeCashJournal,
  openCashJournal,
  PAPER,
  twoActsLeft as leftInVisit,
} from './supply-act-cut-off.spec-support.js';
import { recoverSupplyActsAtBoot, undecidedSupplyActs } from './supply-act-recovery.js';

const BOUND_MS = 100;

let dir: string;
let db: DataSource;
let journal: JournalService;

beforeEach(async () => {
  ({ dir, db, journal } = await openCashJournal('supply-acts-one-visit-'));
});

afterEach(() => closeCashJournal({ db, dir }));

const openIds = async () => (await journal.openTransactions()).map((t) => t.id);
const twoActsLeft = () => leftInVisit({ journal, dir }, BOUND_MS);
const left = async () =>
  (await undecidedSupplyActs(journal)).map((u) => [
    u.transactionId,
    u.act.intent.device,
    u.act.intent.supply,
  ]);

describe('two supply acts of one visit left for staff', () => {
  it('fault: the answer to one closed the visit and lost the other: each act answered on its own, once', async () => {
    const { lcdm, world, visit } = await twoActsLeft();
    expect(await left()).toEqual([
      [visit, CASH.device, CASH.supply],
      [visit, PAPER.device, PAPER.supply],
    ]);
    // what the fleet hears of staff's answers (each resolves its supply's alert), and what its status lists
    const told: unknown[] = [];
    world.maintenance.on('action', (e: { action: string; supply?: string; count?: number }) => {
      if (e.action === 'refill' && e.count !== undefined) told.push([e.supply, e.count]);
    });
    const token = await world.logIn('FS-0002');
    // one row per act
    expect((await world.settlement.pending(token)).map((p) => [p.transactionId, p.supply])).toEqual([
      [visit, CASH.supply],
      [visit, PAPER.supply],
    ]);
    // naming only the visit cannot tell which: refused, nothing settled
    await expect(world.settlement.settle(token, { transactionId: visit }, 'done')).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_ACT_AMBIGUOUS',
      details: { transactionId: visit },
    });
    expect(await left()).toHaveLength(2);

    // the cassette's notes are in: counted, its visit still open for the paper
    expect(await world.settlement.settle(token, { transactionId: visit, ...CASH }, 'done')).toMatchObject({
      journalCount: 120,
    });
    expect(await cassetteInJournal(journal)).toBe(120);
    expect(await openIds()).toContain(visit);
    expect(await left()).toEqual([[visit, PAPER.device, PAPER.supply]]);
    expect(told).toEqual([[CASH.supply, 20]]);
    // the paper's hold stands until it is answered
    await expect(world.supplies.refill(token, { ...PAPER, added: 1 })).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_UNSETTLED',
      details: { unsettledTransactionId: visit },
    });
    // the cassette was answered; the only act left may be answered naming the visit alone
    await expect(
      world.settlement.settle(token, { transactionId: visit, ...CASH }, 'done'),
    ).rejects.toMatchObject({
      code: 'MAINTENANCE_ALREADY_SETTLED',
    });
    await world.settlement.settle(token, { transactionId: visit }, 'notDone');
    expect(await openIds()).not.toContain(visit);
    expect(await left()).toEqual([]);
    expect(told).toEqual([
      [CASH.supply, 20],
      [PAPER.supply, 0],
    ]);
    expect(
      (await journal.supplyLog.ofTransaction(visit)).map((e) => [e.supply, e.action, e.quantity]),
    ).toEqual([
      [CASH.supply, 'refill', 20],
      [PAPER.supply, 'refill', 0],
    ]);
    await expect(
      world.settlement.settle(token, { transactionId: visit, ...PAPER }, 'notDone'),
    ).rejects.toMatchObject({ code: 'MAINTENANCE_ALREADY_SETTLED' });
    lcdm.answer(); // late: not counted
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cassetteInJournal(journal)).toBe(120);
    await world.maintenance.logOut(token);
  });

  it('fault: boot leaves each act of the visit for staff, and carries an answer cut by a restart through once', async () => {
    const { world, visit } = await twoActsLeft();
    // a restart: boot finds both undecided, leaves both
    expect(
      await recoverSupplyActsAtBoot({ journal, devices: world.devices }, visit, await journal.stepsOf(visit)),
    ).toBe(true);
    expect(await left()).toHaveLength(2);

    const token = await world.logIn('FS-0002');
    await world.settlement.settle(token, { transactionId: visit, ...PAPER }, 'done');
    expect(await openIds()).toContain(visit);
    // the cassette's answer: the power goes once its word is journaled and its count set, before its entry
    const append = journal.supplyLog.append.bind(journal.supplyLog);
    journal.supplyLog.append = () => Promise.reject(new Error('power cut'));
    await expect(world.settlement.settle(token, { transactionId: visit, ...CASH }, 'done')).rejects.toThrow();
    journal.supplyLog.append = append;
    await world.maintenance.logOut(token);
    // the next boot carries the word through; nothing is left for staff
    expect(
      await recoverSupplyActsAtBoot({ journal, devices: world.devices }, visit, await journal.stepsOf(visit)),
    ).toBe(false);
    expect(await left()).toEqual([]);
    expect(await cassetteInJournal(journal)).toBe(120);
    expect(
      (await journal.supplyLog.ofTransaction(visit)).map((e) => [e.supply, e.action, e.quantity]),
    ).toEqual([
      [PAPER.supply, 'refill', 2],
      [CASH.supply, 'refill', 20],
    ]);
    // a boot after it changes nothing
    await recoverSupplyActsAtBoot({ journal, devices: world.devices }, visit, await journal.stepsOf(visit));
    expect(await journal.supplyLog.ofTransaction(visit)).toHaveLength(2);
    expect(await cassetteInJournal(journal)).toBe(120);
  });
});

/**
 * The fault: a visit's transaction that left a supply act for staff (its device silent past
 * `timeouts.supplyActMs`, ADR 0022) while another act of it was still running (its device slower,
 * its bound not reached) stayed open until the next boot when staff answered the left act first.
 * Staff's answer closed the transaction only if every act had an outcome then, and the running act
 * never looked when it ended: the transaction stayed open, to be closed by the next boot as
 * interrupted. Now the transaction closes with its last act, whichever way that act ends, once; the
 * visit's own transaction (it went on apart) stays open for its end.
 * The real journal (SQLite in a temp folder) and the real maintenance services; a dispenser that
 * answers (or refuses) when told and a receipt printer that never answers.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { setImmediate as tick } from 'node:timers/promises';
import type { KioskConfig } from '@kiosk/config';
import type { DataSource } from 'typeorm';
import type { JournalService } from '../journal/journal.service.js';
import { MaintenanceSuppliesService } from './maintenance-supplies.service.js';
import {
  CASH,
  cassetteInJournal,
  closeCashJournal,
  kiosk,
  openCashJournal,
  PAPER,
  SilentDispenser,
  silentPrinter,
} from './supply-act-cut-off.spec-support.js';
import { undecidedSupplyActs } from './supply-act-recovery.js';

const BOUND_MS = 100;

let dir: string;
let db: DataSource;
let journal: JournalService;

beforeEach(async () => {
  ({ dir, db, journal } = await openCashJournal('supply-act-left-open-'));
});

afterEach(() => closeCashJournal({ db, dir }));

const openIds = async () => (await journal.openTransactions()).map((t) => t.id);

/**
 * A visit: the cassette's refill running under a bound it does not reach, the paper's refill left for
 * staff past its bound, and staff answering the paper while the cassette's device is still at work.
 */
async function paperAnsweredWhileCassetteRuns() {
  const lcdm = new SilentDispenser(true);
  const world = kiosk({ journal, dir }, lcdm, BOUND_MS);
  (world.devices as unknown as Record<string, unknown>)['receiptPrinter'] = silentPrinter;
  const patient = new MaintenanceSuppliesService(
    world.maintenance,
    world.sessions,
    world.devices,
    journal,
    journal.counters,
    journal.supplyLog,
    { ...world.config, timeouts: { supplyActMs: 600_000 } } as KioskConfig,
  );
  const token = await world.logIn('FS-0002');
  const [visit] = await openIds();
  const cassette = patient.refill(token, { ...CASH, added: 20, denominationFen: 10_000 });
  for (let i = 0; i < 1000 && !(await journal.stepsOf(visit!)).some((s) => s.phase === 'intent'); i += 1)
    await tick();
  await expect(world.supplies.refill(token, { ...PAPER, added: 2, countedBefore: 1 })).rejects.toMatchObject({
    code: 'MAINTENANCE_SUPPLY_ACT_TIMEOUT',
    details: { unsettledTransactionId: visit },
  });
  await world.settlement.settle(token, { transactionId: visit!, ...PAPER }, 'done');
  // the cassette's act has no outcome yet: the transaction waits for it
  expect(await openIds()).toContain(visit);
  const [, going] = await openIds();
  return { lcdm, world, token, visit: visit!, going: going!, cassette };
}

describe('a visit’s transaction whose left act staff answer before its running act ends', () => {
  it('fault: the transaction stayed open until the next boot after the running act was done: it closes with it, once', async () => {
    const { lcdm, world, token, visit, going, cassette } = await paperAnsweredWhileCassetteRuns();
    lcdm.answer();
    await expect(cassette).resolves.toMatchObject({ quantity: 20 });
    expect(await cassetteInJournal(journal)).toBe(120);
    // closed with its last act; the visit's own transaction goes on
    expect(await openIds()).toEqual([going]);
    expect(await undecidedSupplyActs(journal)).toEqual([]);
    const closed = (await journal.exportRange('2000-01-01', '2100-01-01')).find(
      (t) => t.transaction.id === visit,
    );
    expect(closed?.transaction).toMatchObject({ outcome: 'interrupted', errorCode: 'SESSION_INTERRUPTED' });
    await world.maintenance.logOut(token);
    expect(await openIds()).toEqual([]);
  });

  it('fault: the transaction stayed open until the next boot after the running act was refused: it closes with it', async () => {
    const { lcdm, world, token, visit, going, cassette } = await paperAnsweredWhileCassetteRuns();
    lcdm.refuse();
    await expect(cassette).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
    expect(await cassetteInJournal(journal)).toBe(100);
    expect(await openIds()).toEqual([going]);
    expect(await openIds()).not.toContain(visit);
    await world.maintenance.logOut(token);
    expect(await openIds()).toEqual([]);
  });
});

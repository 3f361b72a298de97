/**
 * The fault: only the first supply act left for staff in a visit's transaction (ADR 0022) got a
 * `recovery.needsStaff` of its own (`leaveActForStaff` wrote one a transaction); every other act of
 * that transaction without an outcome was taken for left by that one record. So a second act left
 * had no record (its device's count and how long it went unanswered were not journaled, and the
 * supervisor's journal showed one act left), and an act still running beside one left (its device
 * slower, its own bound not reached) was shown on the staff screen, listed in the status's
 * `supplyActsLeft` and told to the fleet as left for staff while its device was still at work.
 * Now each act left has its own record naming it, and only acts so named are left for staff.
 * The real journal (SQLite in a temp folder) and the real maintenance services; a dispenser that
 * answers when told and a receipt printer that never answers; the fleet publisher a fake.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { setImmediate as tick } from 'node:timers/promises';
import type { KioskConfig } from '@kiosk/config';
import type { DataSource } from 'typeorm';
import type { JournalService } from '../journal/journal.service.js';
import { stepDetail } from '../journal/step-detail.js';
import { keptEvents, reporterOn } from '../telemetry/fleet/fleet-reporter.spec-support.js';
import { MaintenanceSuppliesService } from './maintenance-supplies.service.js';
import { recentJournal } from './recent-journal.js';
import {
  CASH,
  cassetteInJournal,
  closeCashJournal,
  kiosk,
  openCashJournal,
  PAPER,
  SilentDispenser,
  silentPrinter,
  twoActsLeft,
} from './supply-act-cut-off.spec-support.js';
import { undecidedSupplyActs } from './supply-act-recovery.js';

const BOUND_MS = 100;

let dir: string;
let db: DataSource;
let journal: JournalService;

beforeEach(async () => {
  ({ dir, db, journal } = await openCashJournal('supply-act-left-second-'));
});

afterEach(() => closeCashJournal({ db, dir }));

const left = async () =>
  (await undecidedSupplyActs(journal)).map((u) => [
    u.transactionId,
    u.act.intent.device,
    u.act.intent.supply,
  ]);

/** The visit's records of acts left for staff: the act each names and what the kiosk saw of it. */
const records = async (visit: string) =>
  (await journal.stepsOf(visit))
    .filter((s) => s.step === 'recovery.needsStaff')
    .map((s) => {
      const { act, device, supply, quantity, noAnswerMs } = stepDetail(s);
      return { act, device, supply, quantity, noAnswerMs };
    });

describe('each supply act left for staff in one visit, on its own', () => {
  it('fault: the second act left had no record of its own: each act left is recorded, shown and answered on its own', async () => {
    const { world, visit } = await twoActsLeft({ journal, dir }, BOUND_MS);
    const refill = { act: 'maintenance.refill', noAnswerMs: BOUND_MS };
    expect(await records(visit)).toEqual([
      { ...refill, ...CASH, quantity: 20 },
      { ...refill, ...PAPER, quantity: 2 },
    ]);
    const token = await world.logIn('FS-0002');
    // the supervisor's journal shows the visit leaving two acts
    const shown = (await recentJournal(world.maintenance, journal, token)) as {
      id: string;
      steps: string[];
    }[];
    expect(
      shown.find((t) => t.id === visit)?.steps.filter((s) => s === 'recovery.needsStaff:event'),
    ).toHaveLength(2);
    // the cassette answered: the paper is still left, on its own record
    await world.settlement.settle(token, { transactionId: visit, ...CASH }, 'done');
    expect((await world.settlement.pending(token)).map((p) => [p.transactionId, p.supply])).toEqual([
      [visit, PAPER.supply],
    ]);
    await world.settlement.settle(token, { transactionId: visit }, 'done');
    expect(await left()).toEqual([]);
    expect((await journal.openTransactions()).map((t) => t.id)).not.toContain(visit);
    await world.maintenance.logOut(token);
  });

  it('fault: an act still running beside one left was shown to staff and told to the fleet as left', async () => {
    const lcdm = new SilentDispenser(true);
    const world = kiosk({ journal, dir }, lcdm, BOUND_MS);
    (world.devices as unknown as Record<string, unknown>)['receiptPrinter'] = silentPrinter;
    // the cassette's act runs under a bound it does not reach here (its device slower to answer)
    const patient = new MaintenanceSuppliesService(
      world.maintenance,
      world.sessions,
      world.devices,
      journal,
      journal.counters,
      journal.supplyLog,
      { ...world.config, timeouts: { supplyActMs: 600_000 } } as KioskConfig,
    );
    const { publisher, staffAlerts } = keptEvents();
    const fleet = reporterOn({ publisher, journal, mode: 'maintenance', maintenance: world.maintenance });
    const told = () => staffAlerts().map(({ event }) => [event.device, event.supply]);

    const token = await world.logIn('FS-0002');
    const visit = (await journal.openTransactions())[0]!.id;
    const cassette = patient.refill(token, { ...CASH, added: 20, denominationFen: 10_000 });
    for (let i = 0; i < 1000 && !(await journal.stepsOf(visit)).some((s) => s.phase === 'intent'); i += 1)
      await tick();
    await expect(
      world.supplies.refill(token, { ...PAPER, added: 2, countedBefore: 1 }),
    ).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_ACT_TIMEOUT',
      details: { unsettledTransactionId: visit },
    });
    for (let i = 0; i < 1000 && told().length === 0; i += 1) await tick();

    // the paper is left; the cassette's device is still at work: not shown, not listed, not told
    expect(await left()).toEqual([[visit, PAPER.device, PAPER.supply]]);
    expect((await world.settlement.pending(token)).map((p) => p.supply)).toEqual([PAPER.supply]);
    expect(told()).toEqual([[PAPER.device, PAPER.supply]]);

    // the dispenser answers: the cassette's refill done and counted, the paper still left
    lcdm.answer();
    await expect(cassette).resolves.toMatchObject({ quantity: 20 });
    expect(await cassetteInJournal(journal)).toBe(120);
    expect(await left()).toEqual([[visit, PAPER.device, PAPER.supply]]);
    await world.settlement.settle(token, { transactionId: visit }, 'done');
    expect(await left()).toEqual([]);
    expect((await journal.openTransactions()).map((t) => t.id)).not.toContain(visit);
    await fleet.stop();
    await world.maintenance.logOut(token);
  });
});

/**
 * The fault: staff's answer to a supply act left for staff (ADR 0022) naming only the visit's
 * transaction, where that visit left two acts, was refused GATEWAY_MALFORMED_MESSAGE (HTTP 400): a
 * "malformed request" on a field engineer's screen for a body the endpoint takes when one act is
 * left, which says nothing of what to do. Now it is MAINTENANCE_SUPPLY_ACT_AMBIGUOUS (HTTP 409, as
 * the other refusals a supply act's journal state gives), naming the visit and its acts left; nothing
 * is journaled or settled, and each act answered by its device and supply is taken.
 * Through the maintenance controller, on the real journal (SQLite in a temp folder) and the real
 * maintenance services; a dispenser and a receipt printer that never answer a refill.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { JournalService } from '../journal/journal.service.js';
import { MaintenanceActionsController } from './maintenance-actions.controller.js';
import {
  CASH,
  closeCashJournal,
  openCashJournal,
  PAPER,
  twoActsLeft,
} from './supply-act-cut-off.spec-support.js';
import { undecidedSupplyActs } from './supply-act-recovery.js';

let dir: string;
let db: DataSource;
let journal: JournalService;

beforeEach(async () => {
  ({ dir, db, journal } = await openCashJournal('supply-act-ambiguous-'));
});

afterEach(() => closeCashJournal({ db, dir }));

/** What the staff screen gets back for a request: its HTTP status and body, or the act settled. */
async function answered(work: Promise<unknown>) {
  try {
    return { status: 200, body: await work };
  } catch (e) {
    if (!(e instanceof HttpException)) throw e;
    return { status: e.getStatus(), body: e.getResponse() };
  }
}

describe('an answer naming only a visit that left two supply acts', () => {
  it('fault: refused as a malformed request: a coded MAINTENANCE_SUPPLY_ACT_AMBIGUOUS (409) naming the acts, nothing settled', async () => {
    const { world, visit } = await twoActsLeft({ journal, dir }, 100);
    const controller = new MaintenanceActionsController(
      world.supplies,
      {} as never,
      {} as never,
      world.settlement,
    );
    const token = await world.logIn('FS-0002');
    const settle = (body: unknown) => answered(controller.settleSupplyAct(body, `Bearer ${token}`));

    expect(await settle({ transactionId: visit, verdict: 'done' })).toEqual({
      status: 409,
      body: {
        code: 'MAINTENANCE_SUPPLY_ACT_AMBIGUOUS',
        message: expect.stringContaining('device and supply') as unknown,
        details: {
          transactionId: visit,
          acts: `${CASH.device}/${CASH.supply} ${PAPER.device}/${PAPER.supply}`,
        },
      },
    });
    // nothing journaled, nothing settled: both still wait for staff
    expect((await journal.stepsOf(visit)).map((s) => s.step)).not.toContain('maintenance.settleSupplyAct');
    expect(await undecidedSupplyActs(journal)).toHaveLength(2);

    // named by device and supply, each is taken; the last one left may be named by its visit alone
    expect(await settle({ transactionId: visit, ...CASH, verdict: 'done' })).toMatchObject({
      status: 200,
      body: { transactionId: visit, ...CASH, verdict: 'done' },
    });
    expect(await settle({ transactionId: visit, verdict: 'notDone' })).toMatchObject({
      status: 200,
      body: { transactionId: visit, verdict: 'notDone' },
    });
    expect(await undecidedSupplyActs(journal)).toEqual([]);
    await world.maintenance.logOut(token);
  });
});

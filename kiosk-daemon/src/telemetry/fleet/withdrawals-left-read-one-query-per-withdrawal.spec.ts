/**
 * Fault: the fleet reporter's read of the withdrawals left for staff (`withdrawalsLeftForStaff`, at
 * every session end and after staff act) read the steps of every withdrawal ever left for staff, one
 * query each, settled long ago or not, on the kiosk's CPU: a cost growing with the kiosk's life (some
 * 30–100 ms at 300 on a journal of 500k steps, bench/RESULTS.md). Now the journal's query leaves out
 * those a verdict or a settlement at the host ended (`WITHDRAWAL_LEFT_ENDS`), and the rule
 * (`closedWithdrawalLeftForStaff`) still decides on the steps of each it returns: one query, and one
 * for each withdrawal still left.
 *
 * The real journal (SQLite in memory, migrated as at boot) with a TypeORM logger that hears every query.
 */
import { describe, expect, it } from '@jest/globals';
import type { JournalService, StepDetail } from '../../journal/journal.service.js';
import { journalsHeard, type Query } from '../../journal/query-log.spec-support.js';
import { closedWithdrawalLeftForStaff } from '../../journeys/withdrawal-staff-settlement.js';
import { WITHDRAWAL_LEFT_STEPS } from '../../journeys/withdrawal-retract.js';
import { withdrawalsLeftForStaff } from './withdrawals-left-to-fleet.js';

const heard = journalsHeard();

type Step = readonly [name: string, phase: 'intent' | 'done' | 'failed' | 'event', detail?: StepDetail];

async function withdrawal(journal: JournalService, session: string, steps: readonly Step[]): Promise<string> {
  const id = await journal.openTransaction(session, 'withdraw');
  for (const [name, phase, detail] of steps) await journal.recordStep(id, name, phase, detail);
  await journal.closeTransaction(id, 'failed', 'CASH_PARTLY_TAKEN');
  return id;
}

const SHORT: Step = ['cash.retractShort', 'event', { presented: 4, retracted: 3 }];
const NEEDS_STAFF: Step = ['recovery.needsStaff', 'event'];
const PAID: Step = ['recovery.staffVerdict', 'event', { verdict: 'paid', staff: 'S-1' }];
const UNREADABLE: Step = ['recovery.staffVerdict', 'event', { verdict: 'maybe' }];

describe('withdrawals left read one query per withdrawal', () => {
  it('reads the steps of the withdrawals still left only, however many were settled before', async () => {
    const queries: Query[] = [];
    const { journal } = await heard(queries);
    const settled: string[] = [];
    for (let i = 0; i < 6; i += 1)
      settled.push(
        await withdrawal(journal, `settled-${i}`, [
          i % 2 === 0 ? SHORT : NEEDS_STAFF,
          PAID,
          ['recovery.withdrawal.confirm', 'intent'],
          ['recovery.withdrawal.confirm', 'done'],
        ]),
      );
    settled.push(await withdrawal(journal, 'reversed', [SHORT, ['withdrawal.reverse', 'done']]));
    settled.push(await withdrawal(journal, 'judged-unreadable', [NEEDS_STAFF, UNREADABLE]));
    settled.push(await withdrawal(journal, 'verdict-then-left', [PAID, NEEDS_STAFF]));
    const left = [
      await withdrawal(journal, 'left', [['cash.leftInPresenter', 'event']]),
      await withdrawal(journal, 'reverse-failed', [SHORT, ['withdrawal.reverse', 'failed']]),
      await withdrawal(journal, 'left-again', [NEEDS_STAFF, ['recovery.withdrawal.confirm', 'done'], SHORT]),
    ];
    queries.length = 0;

    expect(await withdrawalsLeftForStaff(journal)).toEqual(left);
    const reads = queries.filter((q) => /^SELECT/i.test(q.sql));
    expect(reads).toHaveLength(1 + left.length);
    // the query leaves out no withdrawal the rule reads as left
    const everEnded = { after: [], phase: 'done', anywhere: [] };
    const ever = await journal.transactionsWithStepUnended('withdraw', WITHDRAWAL_LEFT_STEPS, everEnded);
    expect(ever).toHaveLength(settled.length + left.length);
    for (const id of ever)
      expect([id, closedWithdrawalLeftForStaff(await journal.stepsOf(id))]).toEqual([id, left.includes(id)]);
  });
});

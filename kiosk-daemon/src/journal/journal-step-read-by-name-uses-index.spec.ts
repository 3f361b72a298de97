/**
 * Fault: the journal was read by step name without an index. The fleet reporter reads, at every
 * session end, the withdrawals ever left for staff (`withdrawalsLeftForStaff`: the transactions
 * with a step of the names that leave one, `transactionsWithStepUnended`; and those ended undecided,
 * `withdrawalsEndedUndecided`: with the journey's retract), and `lastStepNamed` (the cards
 * issued, a card inside at boot) the last step of a name; journal_step had no index on the name,
 * so each read scanned every step the kiosk ever journaled (some 700k a year on a terminal). The
 * journal's migrations now make one (`IDX_journal_step_name`: name, id, transaction).
 *
 * The real journal (SQLite, migrated as at boot) with a TypeORM logger that hears every query;
 * each query those reads run is asked for its plan (EXPLAIN QUERY PLAN) on the same database.
 */
import { describe, expect, it } from '@jest/globals';
import {
  withdrawalsEndedUndecided,
  withdrawalsLeftForStaff,
} from '../telemetry/fleet/withdrawals-left-to-fleet.js';
import type { JournalService } from './journal.service.js';
import { journalsHeard, type Query } from './query-log.spec-support.js';
import type { DataSource } from './typeorm-runtime.js';

const heard = journalsHeard();

async function journalWithSteps(queries: Query[]): Promise<{ db: DataSource; journal: JournalService }> {
  const { db, journal } = await heard(queries);
  const left = await journal.openTransaction('s1', 'withdraw');
  await journal.recordStep(left, 'withdrawal.authorise', 'done', { amountFen: 20_000 });
  await journal.recordStep(left, 'cash.retractShort', 'event', { presented: 4, retracted: 3 });
  const card = await journal.openTransaction('s2', 'issueCard');
  await journal.recordStep(card, 'card.taken', 'done', { issued: 1 });
  // a journey's retract never answered: ended undecided
  const undecided = await journal.openTransaction('s3', 'withdraw');
  await journal.recordStep(undecided, 'withdrawal.authorise', 'done', { amountFen: 20_000 });
  await journal.recordStep(undecided, 'cash.retract', 'intent', { retractBinBefore: 0 });
  await journal.closeTransaction(undecided, 'failed', 'DEVICE_TIMEOUT');
  queries.length = 0;
  return { db, journal };
}

/** The plan SQLite makes for each query that reads journal_step by the step's name. */
async function plansByName(db: DataSource, queries: readonly Query[]): Promise<string[][]> {
  const byName = queries.filter((q) => /^SELECT/i.test(q.sql) && /"step" (IN|=)/.test(q.sql));
  const plans: string[][] = [];
  for (const q of byName) {
    const rows: { detail: string }[] = await db.query(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]);
    plans.push(rows.map((r) => r.detail));
  }
  return plans;
}

describe('journal step read by name uses index', () => {
  it('finds the withdrawals left for staff by the step-name index, scanning no step', async () => {
    const queries: Query[] = [];
    const { db, journal } = await journalWithSteps(queries);
    expect(await withdrawalsLeftForStaff(journal)).toHaveLength(1);
    const plans = await plansByName(db, queries);
    expect(plans).toHaveLength(1);
    expect(plans[0]!.some((d) => d.includes('IDX_journal_step_name'))).toBe(true);
    // what ended one is looked for among its own steps, not among every step of that name ever
    expect(plans[0]!.filter((d) => d.includes('IDX_journal_step_name'))).toHaveLength(1);
    expect(plans[0]!.filter((d) => /^SCAN /.test(d))).toEqual([]);
  });

  it('finds the withdrawals ended undecided by the step-name index, what ended one among its own steps', async () => {
    const queries: Query[] = [];
    const { db, journal } = await journalWithSteps(queries);
    expect(await withdrawalsEndedUndecided(journal, [])).toHaveLength(1);
    const plans = await plansByName(db, queries);
    expect(plans).toHaveLength(1);
    expect(plans[0]!.filter((d) => d.includes('IDX_journal_step_name'))).toHaveLength(1);
    expect(plans[0]!.filter((d) => /^SCAN /.test(d))).toEqual([]);
  });

  it("finds the last step of a name by the index, in the index's order (no sort of every such step)", async () => {
    const queries: Query[] = [];
    const { db, journal } = await journalWithSteps(queries);
    expect((await journal.lastStepNamed('card.taken'))?.step).toBe('card.taken');
    expect(await journal.lastStepNamed('card.unaccounted')).toBeNull();
    const plans = await plansByName(db, queries);
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan.some((d) => d.includes('IDX_journal_step_name'))).toBe(true);
      expect(plan.filter((d) => /^SCAN |TEMP B-TREE/.test(d))).toEqual([]);
    }
  });
});

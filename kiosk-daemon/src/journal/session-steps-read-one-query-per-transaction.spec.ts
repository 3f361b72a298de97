/**
 * Fault: a session's steps (`stepsOf(id, 'session')`, boot's read of a card across a session's
 * journeys, ADR 0028) were read with one query for the session's transactions and one more for the
 * steps of each of them. Now one query reads them all, by serial then step order, each table looked
 * up by an index (the transactions by session, the steps by transaction), never scanned.
 *
 * The real journal (SQLite in memory, migrated as at boot) with a TypeORM logger that hears every
 * query; the order and the result on both stores: `journal-drivers` e2e.
 */
import { describe, expect, it } from '@jest/globals';
import { journalsHeard, type Query } from './query-log.spec-support.js';

const heard = journalsHeard();

describe('session steps read one query per transaction', () => {
  it("session-steps-read-one-query-per-transaction: one query reads every transaction's steps, by index", async () => {
    const queries: Query[] = [];
    const { db, journal } = await heard(queries);
    const expected: string[] = [];
    let newest = '';
    for (const journey of ['balance', 'records', 'statement', 'changePin']) {
      newest = await journal.openTransaction('s1', journey);
      for (const step of ['card.read', 'screen.shown']) {
        await journal.recordStep(newest, step, 'event');
        expected.push(`${newest}:${step}`);
      }
      await journal.openTransaction('s2', 'reportLoss');
    }
    queries.length = 0;

    const steps = await journal.stepsOf(newest, 'session');
    expect(steps.map((s) => `${s.transactionId}:${s.step}`)).toEqual(expected);
    const reads = queries.filter((q) => /^SELECT/i.test(q.sql));
    expect(reads).toHaveLength(1);
    const plan: { detail: string }[] = await db.query(`EXPLAIN QUERY PLAN ${reads[0]!.sql}`, [
      ...reads[0]!.parameters,
    ]);
    expect(plan.map((row) => row.detail).filter((detail) => /^SCAN/.test(detail))).toEqual([]);
  });
});

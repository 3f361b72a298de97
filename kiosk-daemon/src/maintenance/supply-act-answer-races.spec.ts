/**
 * Staff's answer to a supply act cut off by a restart and a new refill of the same supply, from two
 * staff screens of one visit at once (ADR 0022), against the real journal (SQLite in a temp folder)
 * and the real maintenance services; the dispenser an LCDM stand-in (it counts from the journal).
 * The interleaving is held by hand: one of the two is stopped in the middle until the other has
 * had its chance. Each waits for the supply's turn (`supply-turns.ts`), so neither reads the
 * journal's count while the other writes it.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { JournalService } from '../journal/journal.service.js';
import { openSpecJournal, staffConfig } from './staff-journal.spec-support.js';
import {
  cassetteInJournal,
  kiosk,
  refillCutOff,
  StandInDispenser,
} from './supply-act-cut-off.spec-support.js';

let dir: string;
let db: DataSource;
let journal: JournalService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'supply-act-answer-races-'));
  ({ db, journal } = await openSpecJournal(staffConfig(dir)));
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** A gate: `wait` holds whoever calls it until `open`. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, wait: () => opened };
}

/** Lets the event loop turn until `done` says so, or a thousand turns went by (the other one waits). */
async function turnsUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i += 1) await tick();
}

const settledFlag = (p: Promise<unknown>) => {
  const flag = { settled: false };
  void p.then(
    () => (flag.settled = true),
    () => (flag.settled = true),
  );
  return flag;
};

/** An LCDM refill of 20 left for staff at 100 notes; the next visit's kiosk, a supervisor logged in. */
async function leftForStaff() {
  const lcdm = new StandInDispenser(true);
  const { visit } = await refillCutOff({ journal, dir }, lcdm, 100);
  const next = kiosk({ journal, dir }, lcdm);
  const token = await next.logIn('FS-0002');
  const refill = () =>
    next.supplies.refill(token, {
      device: 'cashDispenser',
      supply: 'cassette:upper',
      added: 5,
      denominationFen: 10_000,
    });
  return { lcdm, visit, next, token, refill };
}

describe("staff's answer to a cut-off refill and a new refill of that cassette", () => {
  it('fault: a refill that read the journal’s count before the answer wrote it was checked against the stale count', async () => {
    const { lcdm, visit, next, token, refill } = await leftForStaff();
    // the refill is stopped right after it read the journal's count
    const counters = journal.counters;
    const read = counters.latestCounters.bind(counters);
    const held = gate();
    let refillRead = false;
    counters.latestCounters = async () => {
      const latest = await read();
      counters.latestCounters = read;
      refillRead = true;
      await held.wait();
      return latest;
    };
    const refilled = refill();
    await turnsUntil(() => refillRead);
    const answered = next.settlement.settle(token, { transactionId: visit }, 'done');
    const answer = settledFlag(answered);
    await turnsUntil(() => answer.settled);
    held.open();
    // the refill came first: the act was not answered yet, so it is refused; the answer follows
    await expect(refilled).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_UNSETTLED',
      details: { unsettledTransactionId: visit },
    });
    await expect(answered).resolves.toEqual({ transactionId: visit, verdict: 'done', journalCount: 120 });
    // never checked against a journal mid-update: the journal counts what the cassette holds
    expect(await cassetteInJournal(journal)).toBe(120);
    expect(lcdm.notes).toBe(120);
    await next.maintenance.onApplicationShutdown();
  });

  it('fault: a refill while the answer was writing the count was refused as unsettled though it was being answered', async () => {
    const { lcdm, visit, next, token, refill } = await leftForStaff();
    // the answer is stopped after its verdict is journaled, before the count it makes is written
    const counters = journal.counters;
    const record = counters.recordCountsOnce.bind(counters);
    const held = gate();
    let answerWriting = false;
    counters.recordCountsOnce = async (...args) => {
      counters.recordCountsOnce = record;
      answerWriting = true;
      await held.wait();
      return record(...args);
    };
    const answered = next.settlement.settle(token, { transactionId: visit }, 'done');
    await turnsUntil(() => answerWriting);
    expect(answerWriting).toBe(true);
    const refilled = refill();
    const refill_ = settledFlag(refilled);
    await turnsUntil(() => refill_.settled);
    held.open();
    await expect(answered).resolves.toEqual({ transactionId: visit, verdict: 'done', journalCount: 120 });
    // the refill waited for the answer, then was checked against the count it wrote
    await expect(refilled).resolves.toMatchObject({ journalBefore: 120, quantity: 5, after: 125 });
    expect(await cassetteInJournal(journal)).toBe(125);
    expect(lcdm.notes).toBe(125);
    const entries = await journal.supplyLog.ofTransaction((await journal.openTransactions())[0]!.id);
    expect(entries).toEqual([expect.objectContaining({ quantity: 5, journalBefore: 120 })]);
    await next.maintenance.onApplicationShutdown();
  });
});

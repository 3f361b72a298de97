/**
 * Journal reads by step name: what the fleet reporter reads at every session end
 * (`withdrawalsLeftForStaff`: the withdrawals ever left for staff, then each one's steps) and
 * `JournalService.lastStepNamed` (the cards issued, a card inside at boot), on a journal of some
 * 500k steps (about eight months of a terminal's 2,000 a day) with a few hundred withdrawals left
 * for staff among them. Timed on the same file twice in the same run: with the step-name index the
 * daemon's migrations make (`IDX_journal_step_name`) dropped, as a journal before it was, then made
 * again; each read's time is the median of a few.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { KioskConfig } from '@kiosk/config';
import { JournalService, sqliteJournalOptions, withdrawalsLeftForStaff } from '@kiosk/kiosk-daemon';
import { DataSource } from 'typeorm';

const STEP_INDEX = 'IDX_journal_step_name';
const CREATE_STEP_INDEX = `CREATE INDEX "${STEP_INDEX}" ON "journal_step" ("step", "id", "transactionId")`;

/** A withdrawal's steps, a card's, a fee's: the names a terminal's journal is made of. */
const WITHDRAWAL = [
  'card.read',
  'pin.verify',
  'withdrawal.authorise',
  'cash.dispense',
  'cash.taken',
  'withdrawal.release',
  'card.eject',
];
const ISSUANCE = [
  'issuance.order',
  'fee.order',
  'fee.qr',
  'fee.settled',
  'card.feed',
  'card.print',
  'host.issued',
  'card.taken',
];
const BALANCE = ['card.read', 'pin.verify', 'host.balance', 'card.eject'];
/** The names that leave a withdrawal for staff (`withdrawalsLeftForStaff`'s). */
const LEFT_STEPS = ['recovery.needsStaff', 'cash.retractShort', 'cash.leftInPresenter'];
/** What a supervisor's verdict journals on one left for staff: all but the last few are settled. */
const SETTLED_BY_STAFF = ['recovery.staffVerdict', 'recovery.withdrawal.confirm'];
const STILL_LEFT = 3;

/**
 * The read as it was before the journal's query left out the ended ones (ends that end nothing):
 * every withdrawal ever left for staff. The baseline only: the kiosk no longer reads it.
 */
const transactionsWithStep = (journal: JournalService, journey: string, steps: readonly string[]) =>
  journal.transactionsWithStepUnended(journey, steps, { after: [], phase: 'done', anywhere: [] });

export interface JournalReadTimes {
  readonly steps: number;
  /** withdrawals ever left for staff, and those of them still left (no verdict yet) */
  readonly everLeft: number;
  readonly leftForStaff: number;
  /** Milliseconds per read: [without the index, with it]. */
  readonly withdrawalsLeftMs: readonly [number, number];
  /** Its first query alone (`transactionsWithStep`): the one that read every step. */
  readonly transactionsWithStepMs: readonly [number, number];
  readonly lastStepNamedMs: readonly [number, number];
  /** `lastStepNamed` of a name seldom or never written (a card left unaccounted): the whole table. */
  readonly lastRareStepMs: readonly [number, number];
  /** With the index: [the read as it was, the steps of each one ever left; as it is, of those still left]. */
  readonly settledLeftOutMs: readonly [number, number];
}

/**
 * Fills `path` (the daemon's schema) with about `steps` steps, `left` withdrawals left for staff,
 * all but the last `STILL_LEFT` of them settled since by a supervisor's verdict.
 */
function fill(path: string, steps: number, left: number): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const tx = db.prepare(
    `INSERT INTO journal_transaction (id, kioskId, serial, sessionId, journey, status, outcome, startedAt, endedAt) VALUES (?, 'JZ-9001', ?, ?, ?, 'closed', 'completed', ?, ?)`,
  );
  const step = db.prepare(
    `INSERT INTO journal_step (transactionId, seq, step, phase, at, detail) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  let written = 0;
  let serial = 0;
  let leftMade = 0;
  // one withdrawal, one issuance, one balance enquiry every 38 steps
  const every = Math.max(1, Math.floor(steps / 38 / left));
  let withdrawals = 0;
  db.transaction(() => {
    while (written < steps) {
      serial += 1;
      const id = `JZ-9001-${String(serial).padStart(7, '0')}`;
      const kind = serial % 3;
      const journey = kind === 0 ? 'withdraw' : kind === 1 ? 'issueCard' : 'balance';
      const names = kind === 0 ? [...WITHDRAWAL] : kind === 1 ? ISSUANCE : BALANCE;
      if (kind === 0 && (withdrawals += 1) % every === 0 && leftMade < left) {
        names.splice(4, 1, serial % 2 === 0 ? 'cash.retractShort' : 'recovery.needsStaff');
        leftMade += 1;
        if (leftMade <= left - STILL_LEFT) names.splice(5, 0, ...SETTLED_BY_STAFF);
      }
      tx.run(id, serial, `S-${serial}`, journey, at, at);
      let seq = 0;
      for (const name of names)
        for (const phase of ['intent', 'done']) {
          seq += 1;
          step.run(
            id,
            seq,
            name,
            phase,
            at,
            name === 'card.taken'
              ? JSON.stringify({ issued: serial })
              : name === 'recovery.staffVerdict'
                ? JSON.stringify({ verdict: 'paid', staff: 'S-1' })
                : null,
          );
          written += 1;
        }
    }
  })();
  db.close();
  return leftMade;
}

async function medianMs(read: () => Promise<unknown>, times = 7): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await read();
    ms.push(performance.now() - started);
  }
  return ms.sort((a, b) => a - b)[times >> 1]!;
}

/** Times both reads on one journal of `steps` steps, without then with the step-name index. */
export async function measureJournalReads(steps = 500_000, left = 300): Promise<JournalReadTimes> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-journal-read-bench-'));
  const path = join(dir, 'journal.sqlite');
  try {
    const setup = new DataSource(sqliteJournalOptions(path));
    await setup.initialize();
    await setup.destroy();
    fill(path, steps, left);
    const db = new DataSource(sqliteJournalOptions(path));
    await db.initialize();
    const journal = new JournalService(db, { kiosk: { id: 'JZ-9001' } } as KioskConfig);
    // as the read was before the journal's query left out the settled ones: each one's steps
    const eachOnesSteps = async () => {
      for (const id of await transactionsWithStep(journal, 'withdraw', LEFT_STEPS)) await journal.stepsOf(id);
    };
    const times = async () => {
      const found = (await withdrawalsLeftForStaff(journal)).length;
      return {
        found,
        ever: (await transactionsWithStep(journal, 'withdraw', LEFT_STEPS)).length,
        eachOnesSteps: await medianMs(eachOnesSteps),
        withdrawals: await medianMs(() => withdrawalsLeftForStaff(journal)),
        marked: await medianMs(() => transactionsWithStep(journal, 'withdraw', LEFT_STEPS)),
        last: await medianMs(() => journal.lastStepNamed('card.taken')),
        rare: await medianMs(() => journal.lastStepNamed('card.unaccounted')),
      };
    };
    await db.query(`DROP INDEX "${STEP_INDEX}"`);
    await db.query('ANALYZE');
    const before = await times();
    await db.query(CREATE_STEP_INDEX);
    await db.query('ANALYZE');
    const after = await times();
    await db.destroy();
    if (before.found !== after.found) throw new Error('the index changed what the read found');
    return {
      steps,
      everLeft: after.ever,
      leftForStaff: after.found,
      withdrawalsLeftMs: [before.withdrawals, after.withdrawals],
      transactionsWithStepMs: [before.marked, after.marked],
      lastStepNamedMs: [before.last, after.last],
      lastRareStepMs: [before.rare, after.rare],
      settledLeftOutMs: [after.eachOnesSteps, after.withdrawals],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The section of bench/RESULTS.md for `measureJournalReads`'s times. */
export function journalReadSection(t: JournalReadTimes): string[] {
  const row = (what: string, [before, after]: readonly [number, number]) =>
    `| ${what} | ${before.toFixed(2)} | ${after.toFixed(2)} | ${(before / after).toFixed(0)}× |`;
  return [
    '## Journal reads by step name',
    '',
    `A SQLite journal of ${t.steps} steps (withdrawals, card issuances, balance enquiries; ${t.everLeft} withdrawals ever left for staff`,
    `among them, ${t.leftForStaff} still left, the others settled by a supervisor's verdict), read as the fleet reporter reads it`,
    'at every session end (`withdrawalsLeftForStaff`: the transactions with a step that left a withdrawal for staff and none that',
    "ended it since, then each one's steps) and as `lastStepNamed` reads it (the cards issued, a card at boot).",
    `The same file, the same run: first with the step-name index (\`${STEP_INDEX}\`, migration 1764300000000) dropped, as every`,
    'journal was before it, then made again; median of 7 reads each.',
    '',
    '| read | without the index (ms) | with it (ms) | ratio |',
    '| --- | ---: | ---: | ---: |',
    row('`withdrawalsLeftForStaff` (then the steps of each still left)', t.withdrawalsLeftMs),
    row('its `transactionsWithStep` alone', t.transactionsWithStepMs),
    row("`lastStepNamed('card.taken')`, written at every card issued", t.lastStepNamedMs),
    row("`lastStepNamed('card.unaccounted')`, written seldom", t.lastRareStepMs),
    '',
    'Without the index each read of a name scans the table (`lastStepNamed` of a name written often finds one near the end',
    'at once, with or without it).',
    '',
    `With the index, the same run: \`withdrawalsLeftForStaff\` as it read before, the steps of each of the ${t.everLeft} withdrawals ever`,
    "left for staff (a query each), against as it reads now: the journal's query leaves out those a verdict or a settlement at",
    `the host ended (\`transactionsWithStepUnended\`), then reads the steps of the ${t.leftForStaff} still left.`,
    '',
    '| read | each one ever left (ms) | those still left (ms) | ratio |',
    '| --- | ---: | ---: | ---: |',
    row('`withdrawalsLeftForStaff`', t.settledLeftOutMs),
    '',
  ];
}

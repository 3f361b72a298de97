/**
 * Journal commits per second: the daemon's JournalService (TypeORM over better-sqlite3) against
 * raw better-sqlite3 prepared inserts into the same table, same file settings (WAL,
 * synchronous FULL), same machine, same run. One commit = one journal step made durable.
 *
 * Each commit waits for a WAL sync, so the disk sets the pace, and on a shared machine the disk's
 * pace changes from second to second. The two writers therefore take turns in short rounds (the
 * first of each pair alternating), both files open side by side in one folder, and each side's
 * rate is that of its median round: both see the same disk, and a burst of someone else's writes
 * during a few rounds of one side does not decide the ratio.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { KioskConfig } from '@kiosk/config';
import { JournalService, sqliteJournalOptions } from '@kiosk/kiosk-daemon';
import { DataSource } from 'typeorm';

export interface JournalRates {
  readonly rawPerSecond: number;
  readonly journalPerSecond: number;
}

/** A writer of `count` journal steps, one commit each; resolves to the milliseconds it took. */
interface StepWriter {
  write(count: number): Promise<number>;
  close(): Promise<void>;
}

async function journalWriter(path: string): Promise<StepWriter> {
  const db = new DataSource(sqliteJournalOptions(path));
  await db.initialize();
  const journal = new JournalService(db, { kiosk: { id: 'JZ-9001' } } as KioskConfig);
  await journal.onModuleInit();
  const tx = await journal.openTransaction('bench-session', 'withdraw');
  let i = 0;
  return {
    async write(count) {
      const started = performance.now();
      for (const end = i + count; i < end; i += 1) {
        await journal.recordStep(tx, 'cash.dispense', i % 2 === 0 ? 'intent' : 'done', { amountFen: 50000 });
      }
      return performance.now() - started;
    },
    close: () => db.destroy(),
  };
}

async function rawWriter(path: string): Promise<StepWriter> {
  // the same schema, made by the daemon's own migration, then written with raw statements
  const setup = new DataSource(sqliteJournalOptions(path));
  await setup.initialize();
  await setup.destroy();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.prepare(
    `INSERT INTO journal_transaction (id, kioskId, serial, sessionId, journey, status, startedAt) VALUES (?, ?, ?, ?, ?, 'open', ?)`,
  ).run('JZ-9001-000001', 'JZ-9001', 1, 'bench-session', 'withdraw', new Date().toISOString());
  const insert = db.prepare(
    `INSERT INTO journal_step (transactionId, seq, step, phase, at, detail) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  let i = 0;
  return {
    write(count) {
      const started = performance.now();
      for (const end = i + count; i < end; i += 1) {
        insert.run(
          'JZ-9001-000001',
          i + 1,
          'cash.dispense',
          i % 2 === 0 ? 'intent' : 'done',
          new Date().toISOString(),
          JSON.stringify({ amountFen: 50000 }),
        );
      }
      return Promise.resolve(performance.now() - started);
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `commits` steps per side, in `rounds` alternating rounds, after a short warm-up of each. */
export async function measureJournalCommits(commits: number, rounds = 20): Promise<JournalRates> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-journal-bench-'));
  const perRound = Math.max(1, Math.round(commits / rounds));
  const writers: StepWriter[] = [];
  try {
    const raw = await rawWriter(join(dir, 'raw.sqlite'));
    writers.push(raw);
    const ours = await journalWriter(join(dir, 'ours.sqlite'));
    writers.push(ours);
    await raw.write(perRound);
    await ours.write(perRound);
    const rawMs: number[] = [];
    const oursMs: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      if (round % 2 === 0) {
        rawMs.push(await raw.write(perRound));
        oursMs.push(await ours.write(perRound));
      } else {
        oursMs.push(await ours.write(perRound));
        rawMs.push(await raw.write(perRound));
      }
    }
    return {
      rawPerSecond: (perRound / median(rawMs)) * 1000,
      journalPerSecond: (perRound / median(oursMs)) * 1000,
    };
  } finally {
    for (const w of writers) await w.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The section of bench/RESULTS.md for `measureJournalCommits(commits)`'s rates. */
export function journalSection(commits: number, rates: JournalRates, rounds = 20): string[] {
  const ratio = rates.journalPerSecond / rates.rawPerSecond;
  return [
    '## Journal commits (issue 9)',
    '',
    `${commits} journal steps per side written one after the other, each its own durable commit, into a SQLite file with WAL and`,
    "synchronous FULL: the daemon's JournalService (TypeORM's connection, statements prepared on it) against raw better-sqlite3",
    `prepared inserts into the same table. The two take turns in ${rounds} rounds, both files open side by side; each side's rate is its median round's.`,
    '',
    '| raw better-sqlite3 (commits/s) | JournalService (commits/s) | ratio | goal |',
    '| ---: | ---: | ---: | --- |',
    `| ${rates.rawPerSecond.toFixed(0)} | ${rates.journalPerSecond.toFixed(0)} | ${ratio.toFixed(2)}× | ≥ 0.8×: ${ratio >= 0.8 ? 'met' : 'NOT met'} |`,
    '',
  ];
}

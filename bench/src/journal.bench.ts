/**
 * Journal commits per second: the daemon's JournalService (TypeORM over better-sqlite3) against
 * raw better-sqlite3 prepared inserts into the same table, same file settings (WAL,
 * synchronous FULL), same machine, same run. One commit = one journal step made durable.
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

async function journalRate(path: string, commits: number): Promise<number> {
  const db = new DataSource(sqliteJournalOptions(path));
  await db.initialize();
  const journal = new JournalService(db, { kiosk: { id: 'JZ-9001' } } as KioskConfig);
  await journal.onModuleInit();
  const tx = await journal.openTransaction('bench-session', 'withdraw');
  const started = performance.now();
  for (let i = 0; i < commits; i += 1) {
    await journal.recordStep(tx, 'cash.dispense', i % 2 === 0 ? 'intent' : 'done', { amountFen: 50000 });
  }
  const seconds = (performance.now() - started) / 1000;
  await db.destroy();
  return commits / seconds;
}

async function rawRate(path: string, commits: number): Promise<number> {
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
  const started = performance.now();
  for (let i = 0; i < commits; i += 1) {
    insert.run(
      'JZ-9001-000001',
      i + 1,
      'cash.dispense',
      i % 2 === 0 ? 'intent' : 'done',
      new Date().toISOString(),
      JSON.stringify({ amountFen: 50000 }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return commits / seconds;
}

export async function measureJournalCommits(commits: number): Promise<JournalRates> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-journal-bench-'));
  try {
    // alternate the two, twice, and keep the better of each, so neither pays a cold disk alone
    const raw1 = await rawRate(join(dir, 'raw1.sqlite'), commits);
    const ours1 = await journalRate(join(dir, 'ours1.sqlite'), commits);
    const raw2 = await rawRate(join(dir, 'raw2.sqlite'), commits);
    const ours2 = await journalRate(join(dir, 'ours2.sqlite'), commits);
    return { rawPerSecond: Math.max(raw1, raw2), journalPerSecond: Math.max(ours1, ours2) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Fault: a late step not told after a restart. The transactions a daemon closed were known in
 * memory only, so a step journaled after a restart into a transaction an earlier run had closed
 * (a background act resumed at boot) was not recognised as late, and a write meant for its next
 * write was held for a next write that never comes. The transaction row's status is read once
 * for a transaction this run does not know (with its last step number, one query); one this run
 * opened is known in memory, no read before its writes. A real SQLite file, the daemon restarted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { Logger } from '@nestjs/common';
import { sqliteJournalOptions } from './journal.data-source.js';
import { JournalService } from './journal.service.js';
import { DataSource } from './typeorm-runtime.js';

let dir: string;
const opened: DataSource[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-late-step-restart-'));
});

afterEach(async () => {
  jest.restoreAllMocks();
  for (const db of opened.splice(0)) if (db.isInitialized) await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** The daemon's journal started on the file in `dir`, as a (re)started daemon starts it. */
async function start(): Promise<{ db: DataSource; journal: JournalService }> {
  const db = new DataSource(sqliteJournalOptions(join(dir, 'journal.sqlite')));
  await db.initialize();
  opened.push(db);
  const journal = new JournalService(db, {
    profile: 'test',
    kiosk: { id: 'JZ-0001' },
    journal: { path: join(dir, 'journal.sqlite'), retentionDays: 30 },
  } as KioskConfig);
  await journal.onModuleInit();
  return { db, journal };
}

const lateWarnings = (warn: { mock: { calls: unknown[][] } }) =>
  warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('journaled'));

describe('a late step after a restart', () => {
  it('a step into a transaction closed before the restart is written to it at once and logged as late', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const before = await start();
    const tx = await before.journal.openTransaction('s1', 'withdraw');
    await before.journal.recordStep(tx, 'withdrawal.release', 'intent');
    await before.journal.closeTransaction(tx, 'failed', 'HOST_TIMEOUT');
    await before.db.destroy();

    const { journal } = await start();
    await journal.recordStep(tx, 'withdrawal.release', 'done', undefined, new Date(), {
      withNextWrite: true,
    });
    await journal.setMaskedCardNumber(tx, 'H41******101', { withNextWrite: true });

    // written at once (no next write of a closed transaction will carry them), numbered after the file's
    expect((await journal.stepsOf(tx)).map((s) => `${s.seq}:${s.step}:${s.phase}`)).toEqual([
      '1:withdrawal.release:intent',
      '2:withdrawal.release:done',
    ]);
    expect((await journal.exportRange('2000-01-01', '2100-01-01'))[0]?.transaction.maskedCardNumber).toBe(
      'H41******101',
    );
    expect(lateWarnings(warn)).toEqual([
      `${tx}: withdrawal.release done journaled late, after the transaction closed`,
      `${tx}: maskedCardNumber journaled late, after the transaction closed`,
    ]);
  });

  it('a transaction left open before the restart is not late: recovery journals into it, its close makes later steps late', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const before = await start();
    const tx = await before.journal.openTransaction('s1', 'withdraw');
    await before.journal.recordStep(tx, 'cash.dispense', 'intent');
    await before.db.destroy();

    const { journal } = await start();
    await journal.recordStep(tx, 'recovery.found', 'event');
    expect(lateWarnings(warn)).toEqual([]);
    await journal.closeTransaction(tx, 'interrupted', 'SESSION_INTERRUPTED');
    await journal.recordStep(tx, 'withdrawal.release', 'intent');
    expect(lateWarnings(warn)).toEqual([
      `${tx}: withdrawal.release intent journaled late, after the transaction closed`,
    ]);
    expect((await journal.stepsOf(tx)).map((s) => `${s.seq}:${s.step}`)).toEqual([
      '1:cash.dispense',
      '2:recovery.found',
      '3:withdrawal.release',
    ]);
  });

  it('a transaction opened in this run is written with no read before its steps; one of an earlier run is read once', async () => {
    const before = await start();
    const earlier = await before.journal.openTransaction('s1', 'balance');
    await before.journal.closeTransaction(earlier, 'completed', null);
    await before.db.destroy();

    const { db, journal } = await start();
    const tx = await journal.openTransaction('s2', 'balance');
    const reads = jest.spyOn(db, 'query');
    const built = jest.spyOn(db, 'createQueryBuilder');
    await journal.recordStep(tx, 'card.read', 'event');
    await journal.setMaskedCardNumber(tx, 'H41******101', { withNextWrite: true });
    await journal.recordStep(tx, 'card.eject', 'done', undefined, new Date(), { withNextWrite: true });
    await journal.closeTransaction(tx, 'completed', null);
    expect(reads).not.toHaveBeenCalled();
    expect(built).not.toHaveBeenCalled();

    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await journal.recordStep(earlier, 'fee.settled', 'event');
    await journal.recordStep(earlier, 'fee.settled', 'event');
    // its status and last step number in one query, then known
    expect(reads).toHaveBeenCalledTimes(1);
  });
});

/**
 * The journal's claim on a SQLite file (journal-claim.ts), in one process: a second claim is
 * refused while the first holds, naming it; a released claim lets the next one in; an in-memory
 * journal is never claimed. Across processes and on PostgreSQL:
 * test/rotate-journal-key-of-running-daemon.e2e-spec.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { claimJournal, journalClaimFiles } from './journal-claim.js';

describe('the journal claim on a SQLite file', () => {
  let dir: string;
  let journal: JournalConfig;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-claim-unit-'));
    journal = { driver: 'sqlite', path: join(dir, 'journal.sqlite'), retentionDays: 30 } as JournalConfig;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a second claim while the first holds is refused, naming the holder and what to do', async () => {
    const first = await claimJournal(journal, 'kiosk-daemon');
    try {
      await expect(claimJournal(journal, 'rotate-journal-key')).rejects.toMatchObject({
        code: ErrorCode.JOURNAL_IN_USE,
        message: expect.stringContaining(
          `The journal is in use by kiosk-daemon pid ${process.pid}`,
        ) as string,
      });
      await expect(claimJournal(journal, 'kiosk-daemon')).rejects.toMatchObject({
        code: ErrorCode.JOURNAL_IN_USE,
        message: expect.stringContaining('A second daemon on one journal is refused') as string,
      });
      // the refused claims took nothing from the holder
      await expect(claimJournal(journal, 'rotate-journal-key')).rejects.toMatchObject({
        code: ErrorCode.JOURNAL_IN_USE,
      });
      expect(JSON.parse(readFileSync(journalClaimFiles(journal.path).holder, 'utf8'))).toMatchObject({
        what: 'kiosk-daemon',
        pid: process.pid,
      });
    } finally {
      await first.release();
    }
  });

  it('a released claim lets the next one in, its note gone', async () => {
    const first = await claimJournal(journal, 'kiosk-daemon');
    await first.release();
    await first.release();
    expect(existsSync(journalClaimFiles(journal.path).holder)).toBe(false);
    const next = await claimJournal(journal, 'rotate-journal-key');
    expect(next.holder.what).toBe('rotate-journal-key');
    await next.release();
  });

  it('an in-memory journal is never claimed', async () => {
    const memory = { ...journal, path: ':memory:' };
    const a = await claimJournal(memory, 'kiosk-daemon');
    const b = await claimJournal(memory, 'kiosk-daemon');
    await Promise.all([a.release(), b.release()]);
    expect(existsSync(join(dir, ':memory:-claim'))).toBe(false);
  });
});

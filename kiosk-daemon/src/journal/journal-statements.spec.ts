import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { DataSource } from 'typeorm';
import { sqliteJournalOptions } from './journal.data-source.js';
import { JournalService } from './journal.service.js';

const config = { kiosk: { id: 'JZ-0001' }, journal: { retentionDays: 30 } } as KioskConfig;

describe('JournalService on SQLite, statements prepared on the connection TypeORM opened', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journal-statements-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('journal closed: a step is refused with JOURNAL_WRITE_FAILED', async () => {
    const db = await new DataSource(sqliteJournalOptions(join(dir, 'journal.sqlite'))).initialize();
    const journal = new JournalService(db, config);
    await journal.onModuleInit();
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.recordStep(tx, 'card.read', 'event');
    await db.destroy();
    const failed = await journal.recordStep(tx, 'card.eject', 'intent').catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(KioskError);
    expect((failed as KioskError).code).toBe(ErrorCode.JOURNAL_WRITE_FAILED);
  });

  it('journal reopened: the writes go to the new connection, on the file', async () => {
    const path = join(dir, 'journal.sqlite');
    const db = await new DataSource(sqliteJournalOptions(path)).initialize();
    const journal = new JournalService(db, config);
    await journal.onModuleInit();
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.recordStep(tx, 'card.read', 'event');
    await db.destroy();
    await db.initialize();
    await journal.recordStep(tx, 'card.eject', 'intent');
    await journal.closeTransaction(tx, 'completed', null);
    await db.destroy();

    const again = await new DataSource(sqliteJournalOptions(path)).initialize();
    const rows: { seq: number; step: string }[] = await again.query(
      `SELECT "seq", "step" FROM "journal_step" WHERE "transactionId" = ? ORDER BY "seq"`,
      [tx],
    );
    expect(rows).toEqual([
      { seq: 1, step: 'card.read' },
      { seq: 2, step: 'card.eject' },
    ]);
    expect(await again.query(`SELECT "status" FROM "journal_transaction"`)).toEqual([{ status: 'closed' }]);
    await again.destroy();
  });

  it('a step of a transaction the journal does not have is refused (JOURNAL_WRITE_FAILED), as the foreign key says', async () => {
    const db = await new DataSource(sqliteJournalOptions(join(dir, 'journal.sqlite'))).initialize();
    const journal = new JournalService(db, config);
    await journal.onModuleInit();
    const failed = await journal
      .recordStep('JZ-0001-999999', 'card.read', 'event')
      .catch((e: unknown) => e as KioskError);
    expect((failed as KioskError).code).toBe(ErrorCode.JOURNAL_WRITE_FAILED);
    expect(await db.query(`SELECT COUNT(*) AS n FROM "journal_step"`)).toEqual([{ n: 0 }]);
    await db.destroy();
  });
});

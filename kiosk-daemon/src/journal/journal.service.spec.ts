import type { KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { codeOf } from '@kiosk/domain/testing';
import { DataSource } from 'typeorm';
import { sqliteJournalOptions } from './journal.data-source.js';
import { JournalService } from './journal.service.js';
import { openMemoryJournal } from './memory-journal.spec-support.js';

function journalOnFreshFile(retentionDays = 30) {
  return openMemoryJournal(retentionDays);
}

describe('JournalService', () => {
  it('numbers transactions per kiosk and steps per transaction, and continues after a restart', async () => {
    const { db, journal } = await journalOnFreshFile();
    const a = await journal.openTransaction('s1', 'balance');
    await journal.recordStep(a, 'card.read', 'event', { card: 'H41******101' });
    await journal.recordStep(a, 'card.eject', 'intent');
    expect(a).toBe('JZ-0001-000001');
    // a second service on the same file (the daemon restarted) carries on from the file
    const again = new JournalService(db, {
      kiosk: { id: 'JZ-0001' },
      journal: { retentionDays: 30 },
    } as KioskConfig);
    await again.onModuleInit();
    await again.recordStep(a, 'card.eject', 'done');
    expect(await again.openTransaction('s2', 'balance')).toBe('JZ-0001-000002');
    expect((await again.stepsOf(a)).map((s) => `${s.seq}:${s.step}:${s.phase}`)).toEqual([
      '1:card.read:event',
      '2:card.eject:intent',
      '3:card.eject:done',
    ]);
    await db.destroy();
  });

  it('two steps of one transaction journaled at the same moment: both written, numbered in call order', async () => {
    const { db, journal } = await journalOnFreshFile();
    const tx = await journal.openTransaction('s1', 'withdraw');
    await Promise.all([
      journal.recordStep(tx, 'withdrawal.reverse', 'intent'),
      journal.recordStep(tx, 'withdrawal.release', 'intent'),
    ]);
    // the daemon restarted: nothing of the transaction is known in memory, the next number is read
    const again = new JournalService(db, {
      kiosk: { id: 'JZ-0001' },
      journal: { retentionDays: 30 },
    } as KioskConfig);
    await again.onModuleInit();
    await Promise.all([
      again.recordStep(tx, 'withdrawal.reverse', 'done'),
      again.recordStep(tx, 'withdrawal.release', 'done'),
      again.recordStep(tx, 'recovery.withdrawal', 'event'),
    ]);
    expect((await again.stepsOf(tx)).map((s) => `${s.seq}:${s.step}:${s.phase}`)).toEqual([
      '1:withdrawal.reverse:intent',
      '2:withdrawal.release:intent',
      '3:withdrawal.reverse:done',
      '4:withdrawal.release:done',
      '5:recovery.withdrawal:event',
    ]);
    await db.destroy();
  });

  it('two transactions opened at the same moment (a stray card and a resident): two serials', async () => {
    const { db, journal } = await journalOnFreshFile();
    const ids = await Promise.all([
      journal.openTransaction('s1', 'strayCard'),
      journal.openTransaction('s2', 'balance'),
    ]);
    expect(ids).toEqual(['JZ-0001-000001', 'JZ-0001-000002']);
    expect(await journal.openTransaction('s3', 'balance')).toBe('JZ-0001-000003');
    await db.destroy();
  });

  it('masks an ID number that slipped into a step detail', async () => {
    const { db, journal } = await journalOnFreshFile();
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.recordStep(tx, 'host.refused', 'event', { note: 'id 41080219800315131X refused' });
    expect((await journal.stepsOf(tx))[0]!.detail).toBe('{"note":"id 4108**********131X refused"}');
    await db.destroy();
  });

  it('removes closed transactions past the retention period and keeps open and recent ones', async () => {
    const { db, journal } = await journalOnFreshFile(30);
    const now = new Date('2026-11-26T12:00:00Z');
    const old = await journal.openTransaction('s1', 'balance', new Date('2026-09-01T00:00:00Z'));
    await journal.recordStep(old, 'card.read', 'event');
    await journal.closeTransaction(old, 'completed', null, new Date('2026-09-01T00:05:00Z'));
    const stillOpen = await journal.openTransaction('s2', 'balance', new Date('2026-09-02T00:00:00Z'));
    const recent = await journal.openTransaction('s3', 'balance', new Date('2026-11-20T00:00:00Z'));
    await journal.closeTransaction(recent, 'completed', null, new Date('2026-11-20T00:05:00Z'));

    expect(await journal.applyRetention(now)).toBe(1);
    const left = await journal.exportRange('2026-01-01', '2026-12-31');
    expect(left.map((r) => r.transaction.id)).toEqual([stillOpen, recent]);
    expect(await journal.stepsOf(old)).toEqual([]);
    await db.destroy();
  });

  it('opens a transaction and writes a step as one insert each, with numbered placeholders on PostgreSQL', async () => {
    const statements: { sql: string; params: unknown[] }[] = [];
    const fakePostgres = {
      options: { type: 'postgres' },
      query: (sql: string, params: unknown[]) => {
        statements.push({ sql, params });
        return Promise.resolve([]);
      },
    } as unknown as DataSource;
    const journal = new JournalService(fakePostgres, { kiosk: { id: 'JZ-0001' } } as KioskConfig);
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(tx, 'cash.dispense', 'intent', { amountFen: 100 });
    expect(statements).toHaveLength(2);
    expect(statements[0]!.sql).toMatch(
      /^INSERT INTO "journal_transaction" .* VALUES \(\$1, \$2, \$3, \$4, \$5, 'open', NULL, NULL, NULL, \$6, NULL\)$/,
    );
    expect(statements[0]!.params).toEqual([
      'JZ-0001-000001',
      'JZ-0001',
      1,
      's1',
      'withdraw',
      expect.any(String),
    ]);
    expect(statements[1]!.sql).toContain('VALUES ($1, $2, $3, $4, $5, $6)');
    expect(statements[1]!.params).toEqual([
      'JZ-0001-000001',
      1,
      'cash.dispense',
      'intent',
      expect.any(String),
      '{"amountFen":100}',
    ]);
  });

  it('PIN in a step detail: the step is refused and nothing is written', async () => {
    const { db, journal } = await journalOnFreshFile();
    const tx = await journal.openTransaction('s1', 'changePin');
    expect(await codeOf(journal.recordStep(tx, 'pin.change', 'intent', { newPin: '123456' }))).toBe(
      ErrorCode.JOURNAL_BAD_RECORD,
    );
    expect(await codeOf(journal.recordStep(tx, 'pin.verify', 'event', { PIN: '123456' }))).toBe(
      ErrorCode.JOURNAL_BAD_RECORD,
    );
    expect(await journal.stepsOf(tx)).toEqual([]);
    await db.destroy();
  });

  it('a field that is not personal data (a PIN) cannot be sealed either', async () => {
    const { db, journal } = await journalOnFreshFile();
    const tx = await journal.openTransaction('s1', 'changePin');
    expect(await codeOf(journal.sealPersonalData(tx, 'pin' as 'cardNumber', '123456'))).toBe(
      ErrorCode.JOURNAL_BAD_RECORD,
    );
    expect(await journal.personalDataOf(tx)).toEqual({});
    await db.destroy();
  });

  it('personal data before the key is loaded: refused with the key missing', async () => {
    const db = new DataSource(sqliteJournalOptions(':memory:'));
    await db.initialize();
    const journal = new JournalService(db, { kiosk: { id: 'JZ-0001' } } as KioskConfig);
    expect(await codeOf(journal.sealPersonalData('JZ-0001-000001', 'cardNumber', '6214830012345678'))).toBe(
      ErrorCode.JOURNAL_KEY_MISSING,
    );
    await db.destroy();
  });
});

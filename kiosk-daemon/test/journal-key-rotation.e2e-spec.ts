/**
 * Key rotation with the daemon stopped: the rotation command re-seals the journal's personal data
 * under a new key file, after which only the new key opens it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { DataSource } from 'typeorm';
import { sqliteJournalOptions } from '../src/journal/journal.data-source.js';
import { JournalService } from '../src/journal/journal.service.js';
import { rotate } from './rotate-journal-key-command.js';

describe('journal key rotation command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-journal-rotate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function journalWith(keyFile: string) {
    const path = join(dir, 'journal.sqlite');
    const db = new DataSource(sqliteJournalOptions(path));
    await db.initialize();
    const journal = new JournalService(db, {
      profile: 'test',
      kiosk: { id: 'JZ-0001' },
      journal: { driver: 'sqlite', path, retentionDays: 30, keyFile },
    } as KioskConfig);
    await journal.onModuleInit();
    return { db, journal, path };
  }

  it('re-seals every value under the new key file, which alone opens them afterwards', async () => {
    const oldKey = join(dir, 'old.key');
    const newKey = join(dir, 'keys', 'new.key');
    const { db, journal, path } = await journalWith(oldKey);
    const tx = await journal.openTransaction('s1', 'issueCard');
    await journal.sealPersonalData(tx, 'cardNumber', '6214830012345678');
    await journal.sealPersonalData(tx, 'residentName', '张三明');
    const oldId = journal.keyId;
    await db.destroy();

    const done = await rotate([
      '--set',
      `journal.path=${path}`,
      '--set',
      `journal.keyFile=${oldKey}`,
      '--new-key-file',
      newKey,
    ]);
    expect(done.code).toBe(0);
    const line = JSON.parse(done.stdout) as { event: string; from: string; to: string; resealed: number };
    expect(line).toMatchObject({ event: 'journalKeyRotated', from: oldId, resealed: 2 });
    expect(line.to).not.toBe(oldId);

    const withNew = await journalWith(newKey);
    expect(withNew.journal.keyId).toBe(line.to);
    expect(await withNew.journal.personalDataOf(tx)).toEqual({
      cardNumber: '6214830012345678',
      residentName: '张三明',
    });
    await withNew.db.destroy();
    const withOld = await journalWith(oldKey);
    await expect(withOld.journal.personalDataOf(tx)).rejects.toMatchObject({
      code: ErrorCode.JOURNAL_KEY_MISSING,
    } satisfies Partial<KioskError>);
    await withOld.db.destroy();
  }, 30_000);

  it('without --new-key-file: refused as a usage error, nothing changed', async () => {
    const outcome = await rotate(['--set', `journal.path=${join(dir, 'journal.sqlite')}`]);
    expect(outcome.code).toBe(64);
    expect(outcome.stderr).toContain('--new-key-file FILE is required');
  });

  it('current key file missing: refused, no key made up, the values stay under the old key', async () => {
    const oldKey = join(dir, 'old.key');
    const { db, journal, path } = await journalWith(oldKey);
    const tx = await journal.openTransaction('s1', 'issueCard');
    await journal.sealPersonalData(tx, 'cardNumber', '6214830012345678');
    await db.destroy();

    const outcome = await rotate([
      '--set',
      `journal.path=${path}`,
      '--set',
      `journal.keyFile=${join(dir, 'nowhere.key')}`,
      '--new-key-file',
      join(dir, 'new.key'),
    ]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(ErrorCode.JOURNAL_KEY_MISSING);
    expect(existsSync(join(dir, 'nowhere.key'))).toBe(false);
    const again = await journalWith(oldKey);
    expect(await again.journal.personalDataOf(tx)).toEqual({ cardNumber: '6214830012345678' });
    await again.db.destroy();
  }, 30_000);

  it('a different current key: refused, nothing re-sealed', async () => {
    const oldKey = join(dir, 'old.key');
    const { db, journal, path } = await journalWith(oldKey);
    const tx = await journal.openTransaction('s1', 'issueCard');
    await journal.sealPersonalData(tx, 'cardNumber', '6214830012345678');
    await db.destroy();
    const other = join(dir, 'other.key');
    const { db: otherDb } = await journalWith(other); // makes the other key file
    await otherDb.destroy();

    const outcome = await rotate([
      '--set',
      `journal.path=${path}`,
      '--set',
      `journal.keyFile=${other}`,
      '--new-key-file',
      join(dir, 'new.key'),
    ]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(ErrorCode.JOURNAL_KEY_MISSING);
    const again = await journalWith(oldKey);
    expect(await again.journal.personalDataOf(tx)).toEqual({ cardNumber: '6214830012345678' });
    await again.db.destroy();
  }, 30_000);
});

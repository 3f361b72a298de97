import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { JournalConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { openJournal } from './journal-data-source.module.js';

describe('openJournal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-journal-open-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the journal file with its migrations run', async () => {
    const db = await openJournal({ driver: 'sqlite', path: join(dir, 'journal.sqlite') } as JournalConfig, {
      attempts: 1,
      retryMs: 0,
    });
    try {
      const tables = await db.query<{ name: string }[]>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'journal_%' ORDER BY name",
      );
      expect(tables.map((t) => t.name)).toEqual([
        'journal_personal_data',
        'journal_step',
        'journal_transaction',
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('fault: a journal that cannot be opened is tried again, then boot fails with JOURNAL_OPEN_FAILED naming it and the cause', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    // the journal's folder is a file: neither the folder nor the database can be made
    writeFileSync(join(dir, 'not-a-folder'), '');
    const journal = { driver: 'sqlite', path: join(dir, 'not-a-folder', 'journal.sqlite') } as JournalConfig;
    const refused = await openJournal(journal, { attempts: 3, retryMs: 1 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: ErrorCode.JOURNAL_OPEN_FAILED,
      details: { driver: 'sqlite', attempts: 3 },
    });
    expect((refused as Error).message).toMatch(/the SQLite file .*not-a-folder.*tried 3 times/);
    expect(errors).toHaveBeenCalledTimes(3);
    expect(String(errors.mock.calls[2]?.[0])).toContain('attempt 3 of 3');
  });
});

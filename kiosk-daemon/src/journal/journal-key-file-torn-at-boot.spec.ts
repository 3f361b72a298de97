/**
 * Fault: the journal key written on a demo kiosk's first start with no flush to the disk: a power
 * cut could leave `journal.key` empty or half written while the journal (SQLite, synchronous FULL)
 * kept rows sealed with the key, and every later start refused for good. The key is now written once
 * and durably before anything is sealed with it (flushed, linked to its name, its folder flushed;
 * the calls themselves: `kept-file-not-flushed-before-rename`): a power cut before the link leaves
 * no key file, and the next start makes one. A key file found empty or torn is never replaced: boot
 * stops JOURNAL_KEY_INVALID naming it (what was sealed reads only with that key), the file kept.
 * Real files.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { loadJournalKey, writeNewJournalKeyFile } from './journal-key-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journal-key-torn-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const demo = () =>
  ({
    profile: 'demo',
    journal: { driver: 'sqlite', retentionDays: 30, path: join(dir, 'kiosk', 'journal.sqlite') },
  }) as KioskConfig;
const keyFile = () => join(dir, 'kiosk', 'journal.key');

describe('journal-key-file-torn-at-boot', () => {
  it.each([
    ['empty', ''],
    ['torn', 'q1w2e3r4t5y6u7i8o9p0'],
  ])(
    'journal-key-file-torn-at-boot: a key file found %s stops boot JOURNAL_KEY_INVALID naming it, the file kept',
    (_what, text) => {
      mkdirSync(join(dir, 'kiosk'));
      writeFileSync(keyFile(), text);
      expect(() => loadJournalKey(demo())).toThrow(
        expect.objectContaining({ code: ErrorCode.JOURNAL_KEY_INVALID, details: { file: keyFile() } }),
      );
      expect(readFileSync(keyFile(), 'utf8')).toBe(text);
    },
  );

  it('journal-key-cut-before-its-name: a power cut before the key got its name leaves no key: the next start makes one', () => {
    mkdirSync(join(dir, 'kiosk'));
    // what such a cut leaves: the temporary file, half written, and no key file
    writeFileSync(`${keyFile()}.tmp`, 'q1w2e3');
    const key = loadJournalKey(demo());
    expect(readFileSync(keyFile(), 'utf8')).toBe(`${key.secret.toString('base64')}\n`);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'kiosk'))).toEqual(['journal.key']);
    expect(loadJournalKey(demo()).id).toBe(key.id);
  });

  it('a new key never replaces one there: EEXIST, the key kept', () => {
    const first = loadJournalKey(demo());
    expect(() => writeNewJournalKeyFile(keyFile())).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(loadJournalKey(demo()).id).toBe(first.id);
  });
});

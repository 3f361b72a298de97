/**
 * Fault: a new journal key (a demo kiosk's first start, or a rotation's new key file) is written
 * through `<file>.tmp`, and the write first removed any temp file there as left by a write cut off.
 * But a temp that holds a whole key may be the only copy of the key the journal sealed with: a crash
 * between the link and the unlink left it as a second name of the key, and the key file was then lost
 * or restored from the wrong backup. A demo boot without the key file made a new key and removed
 * that copy for good (a production boot stops JOURNAL_KEY_MISSING and keeps it); so did a rotation
 * whose new key file's temp was such a copy. Now no new key is written over a temp that reads as a
 * whole key: that key is kept, byte for byte, as the key file (`journal-key-left-at-temp-refused-
 * every-demo-start`), and a production boot stops JOURNAL_KEY_MISSING, the temp kept for staff to
 * restore. A temp that does not read as a key (empty, half written: a write cut off, never sealed
 * with) is still removed and the key made (`journal-key-file-torn-at-boot`). Real files.
 */
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import { loadJournalKey, readOrCreateJournalKeyFile, writeNewJournalKeyFile } from './journal-key-file.js';
import { journalKeyFolderPerTest } from './journal-key-folder.spec-support.js';

const folder = journalKeyFolderPerTest('journal-key-copy-', { makeKioskFolder: true });
const { config, kioskFiles } = folder;

/** a whole key left at `file`'s temp, the only copy of it; its text */
function onlyCopyAt(file: string): string {
  const text = `${randomBytes(32).toString('base64')}\n`;
  writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
  return text;
}

const refusedNaming = (temp: string) =>
  expect.objectContaining({ code: ErrorCode.JOURNAL_KEY_MISSING, details: { file: temp } });

describe('journal-key-only-copy-removed-by-a-new-key', () => {
  it('journal-key-only-copy-removed-by-a-new-key: a production boot without the key file stops JOURNAL_KEY_MISSING, the copy kept', () => {
    const file = join(folder.dir(), 'kiosk', 'journal.key');
    const copy = onlyCopyAt(file);
    expect(() => loadJournalKey(config('production'))).toThrow(
      expect.objectContaining({ code: ErrorCode.JOURNAL_KEY_MISSING }),
    );
    expect(kioskFiles()).toEqual(['journal.key.tmp']);
    expect(readFileSync(`${file}.tmp`, 'utf8')).toBe(copy);
  });

  it('journal-key-only-copy-unnamed-at-production-boot: the words name the key file and the copy, and say to restore it', () => {
    const file = join(folder.dir(), 'kiosk', 'journal.key');
    onlyCopyAt(file);
    expect(() => loadJournalKey(config('production'))).toThrow(
      expect.objectContaining({
        code: ErrorCode.JOURNAL_KEY_MISSING,
        details: { file },
        message: expect.stringContaining(`restore it as ${file} `),
      }),
    );
    expect(() => loadJournalKey(config('production'))).toThrow(`${file}.tmp holds a whole key`);
    rmSync(`${file}.tmp`);
    writeFileSync(`${file}.tmp`, 'half');
    expect(() => loadJournalKey(config('production'))).toThrow(
      `The journal key file ${file} is missing; provision it (journal.keyFile) before the kiosk goes in service.`,
    );
  });

  it('a demo boot without the key file: the copy kept byte for byte, as the key file', () => {
    const file = join(folder.dir(), 'kiosk', 'journal.key');
    const copy = onlyCopyAt(file);
    loadJournalKey(config('demo'));
    expect(kioskFiles()).toEqual(['journal.key']);
    expect(readFileSync(file, 'utf8')).toBe(copy);
  });

  it("a rotation's new key file whose temp is a whole key: the copy kept byte for byte, as the new key file", () => {
    const file = join(folder.dir(), 'kiosk', 'journal-2.key');
    const copy = onlyCopyAt(file);
    readOrCreateJournalKeyFile(file);
    expect(kioskFiles()).toEqual(['journal-2.key']);
    expect(readFileSync(file, 'utf8')).toBe(copy);
  });

  it('a new key asked for where a key is, its temp another key: refused, both kept', () => {
    const file = join(folder.dir(), 'kiosk', 'journal.key');
    const key = loadJournalKey(config('demo'));
    const copy = onlyCopyAt(file);
    expect(() => writeNewJournalKeyFile(file)).toThrow(refusedNaming(`${file}.tmp`));
    expect(kioskFiles()).toEqual(['journal.key', 'journal.key.tmp']);
    expect(readFileSync(`${file}.tmp`, 'utf8')).toBe(copy);
    expect(loadJournalKey(config('production')).id).toBe(key.id);
  });

  it('the copy restored as the key file by staff: the next boot reads it', () => {
    const file = join(folder.dir(), 'kiosk', 'journal.key');
    const copy = onlyCopyAt(file);
    expect(() => loadJournalKey(config('production'))).toThrow(
      expect.objectContaining({ code: ErrorCode.JOURNAL_KEY_MISSING }),
    );
    writeFileSync(file, copy, { mode: 0o600 });
    rmSync(`${file}.tmp`);
    const key = loadJournalKey(config('production'));
    expect(key.secret.toString('base64')).toBe(copy.trim());
  });
});

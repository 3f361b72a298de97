/**
 * Fault: the journal key is written once through a temporary file linked to its name, then the
 * temporary file unlinked. A crash between the link and the unlink left `journal.key.tmp`: a second
 * name of the key (mode 0600) that no later write removed (the key is never written again) and that
 * stayed on the disk when the key was rotated and its file retired. A key file read whole (at boot,
 * by a rotation) now has it removed, its folder flushed (the calls: `kept-file-not-flushed-before-
 * rename`). A key file that does not read, or none, leaves it: it is not known to be a copy of a
 * key in use. Real files.
 */
import { describe, expect, it } from '@jest/globals';
import { linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import { loadJournalKey, readJournalKeyFile, readOrCreateJournalKeyFile } from './journal-key-file.js';
import { journalKeyFolderPerTest } from './journal-key-folder.spec-support.js';

const folder = journalKeyFolderPerTest('journal-key-temp-', { makeKioskFolder: false });
const { config, keyFile, kioskFiles } = folder;

/** what the crash leaves: the key under its name and under the temporary file's */
function crashBetweenLinkAndUnlink(): string {
  const key = loadJournalKey(config('demo'));
  linkSync(keyFile(), `${keyFile()}.tmp`);
  expect(kioskFiles()).toEqual(['journal.key', 'journal.key.tmp']);
  return key.id;
}

describe('journal-key-temp-left-by-a-crash-between-link-and-unlink', () => {
  it.each(['demo', 'production'] as const)(
    'journal-key-temp-left-by-a-crash-between-link-and-unlink: the next %s boot removes the copy and keeps the key',
    (profile) => {
      const id = crashBetweenLinkAndUnlink();
      expect(loadJournalKey(config(profile)).id).toBe(id);
      expect(kioskFiles()).toEqual(['journal.key']);
    },
  );

  it('a rotation reading the current key removes its copy; the new key is written beside', () => {
    const id = crashBetweenLinkAndUnlink();
    expect(readJournalKeyFile(keyFile()).id).toBe(id);
    const next = readOrCreateJournalKeyFile(join(folder.dir(), 'kiosk', 'journal-2.key'));
    expect(next.id).not.toBe(id);
    expect(kioskFiles()).toEqual(['journal-2.key', 'journal.key']);
  });

  it('journal-key-only-copy-removed-as-a-crash-leftover: a temporary file that is not the key file (the key file replaced since) is kept', () => {
    const id = crashBetweenLinkAndUnlink();
    // the key file replaced by another key (a restore from the wrong backup): the temporary file is
    // then the only copy of the key the journal sealed with, not a second name of the key file
    rmSync(keyFile());
    writeFileSync(keyFile(), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    const other = loadJournalKey(config('production'));
    expect(other.id).not.toBe(id);
    expect(kioskFiles()).toEqual(['journal.key', 'journal.key.tmp']);
    expect(readJournalKeyFile(`${keyFile()}.tmp`).id).toBe(id);
  });

  it('a key file that does not read leaves the temporary file: boot stops JOURNAL_KEY_INVALID, both kept', () => {
    mkdirSync(join(folder.dir(), 'kiosk'));
    writeFileSync(keyFile(), 'q1w2e3');
    linkSync(keyFile(), `${keyFile()}.tmp`);
    expect(() => loadJournalKey(config('demo'))).toThrow(
      expect.objectContaining({ code: ErrorCode.JOURNAL_KEY_INVALID }),
    );
    expect(kioskFiles()).toEqual(['journal.key', 'journal.key.tmp']);
  });

  it('no key file: a production boot stops JOURNAL_KEY_MISSING and leaves the temporary file (no key in use)', () => {
    mkdirSync(join(folder.dir(), 'kiosk'));
    writeFileSync(`${keyFile()}.tmp`, 'q1w2e3');
    expect(() => loadJournalKey(config('production'))).toThrow(
      expect.objectContaining({ code: ErrorCode.JOURNAL_KEY_MISSING }),
    );
    expect(kioskFiles()).toEqual(['journal.key.tmp']);
  });
});

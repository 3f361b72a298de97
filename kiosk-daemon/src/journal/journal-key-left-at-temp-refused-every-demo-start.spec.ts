/**
 * Fault: a demo kiosk's start whose key write was cut after the temp file was written whole and
 * before its link (a kill or a power cut in the flush), or a key file lost with its temp a whole
 * copy (a crash between the link and the unlink), refused every start after, JOURNAL_KEY_MISSING:
 * `npm start` stopped for good until a person judged whether a file they were never told of was
 * "that key", since the words printed at boot (the code and the message) named no file. Such a
 * temp's key is either the only copy of the key the journal sealed with, or a key never used, as
 * good as a new one: a start without the key file (a demo boot, a rotation's new key file) takes
 * it as the key file, flushed and linked to its name, the temp then removed, so nothing is guessed
 * and nothing lost. A temp that cannot be read is still refused, its words naming it and the key
 * file and what to do. Real files.
 */
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { loadJournalKey, readOrCreateJournalKeyFile } from './journal-key-file.js';
import { journalKeyFolderPerTest } from './journal-key-folder.spec-support.js';

const folder = journalKeyFolderPerTest('journal-key-left-', { makeKioskFolder: true });
const { config, keyFile, kioskFiles } = folder;

describe('journal-key-left-at-temp-refused-every-demo-start', () => {
  it('journal-key-left-at-temp-refused-every-demo-start: a first start cut between its flush and its link; the next takes that key', () => {
    const text = `${randomBytes(32).toString('base64')}\n`;
    writeFileSync(`${keyFile()}.tmp`, text, { mode: 0o600 });
    const key = loadJournalKey(config('demo'));
    expect(key.secret.toString('base64')).toBe(text.trim());
    expect(kioskFiles()).toEqual(['journal.key']);
    expect(readFileSync(keyFile(), 'utf8')).toBe(text);
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(loadJournalKey(config('production')).id).toBe(key.id);
  });

  it('the key file lost, its temp the only copy of the key the journal sealed with: a demo start reads with that key', () => {
    const sealedWith = loadJournalKey(config('demo'));
    linkSync(keyFile(), `${keyFile()}.tmp`); // a crash between the link and the unlink
    rmSync(keyFile()); // then the key file lost
    expect(loadJournalKey(config('demo')).id).toBe(sealedWith.id);
    expect(kioskFiles()).toEqual(['journal.key']);
  });

  it("a copy left readable by others (a staff's copy): the key file is its owner's only", () => {
    writeFileSync(`${keyFile()}.tmp`, `${randomBytes(32).toString('base64')}\n`, { mode: 0o644 });
    loadJournalKey(config('demo'));
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
  });

  it("a rotation's new key file whose temp holds a whole key: that key, as the new key file", () => {
    const file = join(folder.dir(), 'kiosk', 'journal-2.key');
    const text = `${randomBytes(32).toString('base64')}\n`;
    writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
    expect(readOrCreateJournalKeyFile(file).secret.toString('base64')).toBe(text.trim());
    expect(kioskFiles()).toEqual(['journal-2.key']);
  });

  it('a temp that cannot be read (a folder in its place): refused, the words name it and the key file and what to do', () => {
    const temp = `${keyFile()}.tmp`;
    mkdirSync(temp);
    let refused: unknown;
    try {
      loadJournalKey(config('demo'));
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(KioskError);
    const error = refused as KioskError;
    expect(error.code).toBe(ErrorCode.JOURNAL_KEY_MISSING);
    expect(error.details).toEqual({ file: temp });
    expect(error.message).toContain(temp);
    expect(error.message).toContain(`${keyFile()} `);
    expect(error.message).toMatch(/move it away/);
    expect(kioskFiles()).toEqual(['journal.key.tmp']);
  });
});

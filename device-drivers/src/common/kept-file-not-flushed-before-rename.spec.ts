/**
 * Fault: a kept file (an emulator's mechanism, a virtual card's memory, the fleet link's files, the
 * journal's key) was written and renamed over the old one, or written in place, without a flush to
 * the disk: after a power cut the rename could survive with an empty or half file, or the folder
 * fall back to the old file. The unit's disk calls are watched through its seam (node's own fs
 * under it, a real file written): what this proves is the order of the calls (the temp file flushed
 * before the rename, the folder flushed after it), not that the disk honours them; a power cut
 * itself is not simulated.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  keptFileValue,
  linkTempLeftByOnceWrite,
  readKeptFile,
  removeKeptFile,
  removeTempLeftByCutWrite,
  removeTempLeftByOnceWrite,
  writeKeptFile,
  writeKeptText,
} from './kept-file.js';
import { coded, watchedDisk } from './kept-file-disk.spec-support.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'kept-file-flush-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kept-file-not-flushed-before-rename', () => {
  it('kept-file-not-flushed-before-rename: the temp file is flushed before it is renamed, the folder after', () => {
    const file = join(dir, 'card-reader.json');
    const temp = `${file}.tmp`;
    const { disk, calls } = watchedDisk();
    writeKeptFile(file, { position: 'inReader' }, { disk });
    expect(calls).toEqual([
      `mkdir ${dir}`,
      `unlink ${temp}`,
      `open ${temp}`,
      `write ${temp}`,
      `fsync ${temp}`,
      `close ${temp}`,
      `rename ${temp}`,
      `open ${dir}`,
      `fsync ${dir}`,
      `close ${dir}`,
    ]);
    expect(keptFileValue(file)).toEqual({ position: 'inReader' });
    expect(fs.existsSync(temp)).toBe(false);
  });

  it('kept-file-written-once-not-flushed: flushed, linked to its name, the temp removed, the folder flushed', () => {
    const file = join(dir, 'journal.key');
    const temp = `${file}.tmp`;
    const { disk, calls } = watchedDisk();
    writeKeptText(file, 'c2VjcmV0\n', { once: true, mode: 0o600, disk });
    expect(calls).toEqual([
      `mkdir ${dir}`,
      `unlink ${temp}`,
      `open ${temp}`,
      `write ${temp}`,
      `fsync ${temp}`,
      `close ${temp}`,
      `link ${temp}`,
      `unlink ${temp}`,
      `open ${dir}`,
      `fsync ${dir}`,
      `close ${dir}`,
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe('c2VjcmV0\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(temp)).toBe(false);
  });

  it('a file written once is not overwritten: EEXIST, the one there kept, no temp left', () => {
    const file = join(dir, 'journal.key');
    writeKeptText(file, 'first\n', { once: true });
    expect(() => writeKeptText(file, 'second\n', { once: true })).toThrow(
      expect.objectContaining({ code: 'EEXIST' }),
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('first\n');
    expect(fs.readdirSync(dir)).toEqual(['journal.key']);
  });

  it.each(['EISDIR', 'EPERM'])(
    'a folder that cannot be opened to flush (%s, not Linux): the write stands',
    (code) => {
      const file = join(dir, 'fleet-queue.json');
      const { disk } = watchedDisk((call) => (call === `open ${dir}` ? coded(code) : undefined));
      writeKeptFile(file, { nextSeq: 3 }, { disk });
      expect(keptFileValue(file)).toEqual({ nextSeq: 3 });
    },
  );

  it.each(['EPERM', 'EINVAL'])(
    'a folder that cannot be flushed (%s): the write stands and the folder is closed',
    (code) => {
      const file = join(dir, 'fleet-hold.json');
      const { disk, calls } = watchedDisk((call) => (call === `fsync ${dir}` ? coded(code) : undefined));
      writeKeptFile(file, { reason: 'OPERATOR' }, { disk });
      expect(keptFileValue(file)).toEqual({ reason: 'OPERATOR' });
      expect(calls.at(-1)).toBe(`close ${dir}`);
    },
  );

  it('a disk fault flushing the temp file: thrown before the rename, the old file kept', () => {
    const file = join(dir, 'cash-dispenser.json');
    writeKeptFile(file, { retractBin: 6 });
    const { disk, calls } = watchedDisk((call) => (call.startsWith('fsync') ? coded('EIO') : undefined));
    expect(() => writeKeptFile(file, { retractBin: 7 }, { disk })).toThrow('EIO');
    expect(calls).not.toContain(`rename ${file}.tmp`);
    expect(calls.at(-1)).toBe(`close ${file}.tmp`);
    expect(keptFileValue(file)).toEqual({ retractBin: 6 });
  });

  it('a new file gets the mode asked for (a virtual card: its owner only)', () => {
    const file = join(dir, 'cards', 'zhang.card.json');
    writeKeptText(file, '{"format":1}\n', { mode: 0o600 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('kept-file-temp-left-by-a-cut-write: made anew with the mode asked, not written into with its own', () => {
    const file = join(dir, 'journal.key');
    fs.writeFileSync(`${file}.tmp`, 'half', { mode: 0o644 });
    writeKeptText(file, 'c2VjcmV0\n', { once: true, mode: 0o600 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('c2VjcmV0\n');
    expect(fs.readdirSync(dir)).toEqual(['journal.key']);
  });
});

describe('kept-file-torn-at-boot: what a kept file is found as', () => {
  it.each([
    ['empty (its write cut off by a power cut)', '', /empty/],
    ['blank', ' \n', /empty/],
    ['torn', '{"format":1,"posi', /not JSON/],
  ])('%s: unreadable, with the reason', (_what, text, why) => {
    const file = join(dir, 'kept.json');
    fs.writeFileSync(file, text);
    expect(readKeptFile(file)).toMatchObject({ found: 'unreadable', why: expect.stringMatching(why) });
    expect(keptFileValue(file)).toBeUndefined();
  });

  it('a folder in its place: unreadable, it cannot be read', () => {
    const file = join(dir, 'kept.json');
    fs.mkdirSync(file);
    expect(readKeptFile(file)).toMatchObject({ found: 'unreadable', why: 'it cannot be read' });
  });

  it('kept-file-removal-not-flushed: a removed file (a hold lifted) is unlinked and its folder flushed after; none there is fine', () => {
    const file = join(dir, 'operator-hold.json');
    writeKeptFile(file, { reason: 'x' });
    const { disk, calls } = watchedDisk();
    removeKeptFile(file, disk);
    expect(calls).toEqual([`unlink ${file}`, `open ${dir}`, `fsync ${dir}`, `close ${dir}`]);
    expect(fs.existsSync(file)).toBe(false);
    const again = watchedDisk();
    removeKeptFile(file, again.disk);
    expect(again.calls).toEqual([`unlink ${file}`, `open ${dir}`, `fsync ${dir}`, `close ${dir}`]);
  });

  it('kept-file-once-temp-left-by-a-crash-between-link-and-unlink: removed, its folder flushed after; none, or no file, nothing flushed', () => {
    const file = join(dir, 'journal.key');
    writeKeptText(file, 'c2VjcmV0\n', { once: true, mode: 0o600 });
    fs.linkSync(file, `${file}.tmp`);
    const { disk, calls } = watchedDisk();
    expect(removeTempLeftByOnceWrite(file, disk)).toBe(true);
    // the two names are looked at through the seam: the same file (device and inode) before the unlink
    expect(calls).toEqual([
      `stat ${file}`,
      `stat ${file}.tmp`,
      `unlink ${file}.tmp`,
      `open ${dir}`,
      `fsync ${dir}`,
      `close ${dir}`,
    ]);
    expect(fs.readdirSync(dir)).toEqual(['journal.key']);
    const again = watchedDisk();
    expect(removeTempLeftByOnceWrite(file, again.disk)).toBe(false);
    expect(again.calls).toEqual([`stat ${file}`, `stat ${file}.tmp`]);
    // journal-key-only-copy-removed-as-a-crash-leftover: a temp that is another file is left
    fs.writeFileSync(`${file}.tmp`, 'b3RoZXI=\n');
    const another = watchedDisk();
    expect(removeTempLeftByOnceWrite(file, another.disk)).toBe(false);
    expect(another.calls).toEqual([`stat ${file}`, `stat ${file}.tmp`]);
    expect(fs.readFileSync(`${file}.tmp`, 'utf8')).toBe('b3RoZXI=\n');
    const none = join(dir, 'other.key');
    fs.writeFileSync(`${none}.tmp`, 'half');
    const noFile = watchedDisk();
    expect(removeTempLeftByOnceWrite(none, noFile.disk)).toBe(false);
    expect(noFile.calls).toEqual([`stat ${none}`]);
    expect(fs.existsSync(`${none}.tmp`)).toBe(true);
  });

  it('journal-key-left-at-temp-refused-every-demo-start: a whole temp a write once left taken as the file: flushed, linked, unlinked, the folder flushed', () => {
    const file = join(dir, 'journal.key');
    fs.writeFileSync(`${file}.tmp`, 'c2VjcmV0\n', { mode: 0o600 });
    const { disk, calls } = watchedDisk();
    linkTempLeftByOnceWrite(file, disk);
    expect(calls).toEqual([
      `open ${file}.tmp`,
      `fsync ${file}.tmp`,
      `close ${file}.tmp`,
      `link ${file}.tmp`,
      `unlink ${file}.tmp`,
      `open ${dir}`,
      `fsync ${dir}`,
      `close ${dir}`,
    ]);
    expect(fs.readdirSync(dir)).toEqual(['journal.key']);
    expect(fs.readFileSync(file, 'utf8')).toBe('c2VjcmV0\n');
    // a file there refuses it (EEXIST): both left as they were
    fs.writeFileSync(`${file}.tmp`, 'b3RoZXI=\n');
    expect(() => linkTempLeftByOnceWrite(file)).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(fs.readFileSync(file, 'utf8')).toBe('c2VjcmV0\n');
    expect(fs.readFileSync(`${file}.tmp`, 'utf8')).toBe('b3RoZXI=\n');
  });

  it('journal-key-on-a-read-only-mount-stops-boot: no temp, nothing asked of its folder; one there that the folder will not lose, left', () => {
    // a key provisioned on a read-only mount (a service's credentials folder, a secrets volume):
    // unlink answers EROFS there even for a file that is not there, which stopped the key's read
    const file = join(dir, 'journal.key');
    writeKeptText(file, 'c2VjcmV0\n', { once: true, mode: 0o600 });
    const readOnly = (call: string) => (call.startsWith('unlink') ? coded('EROFS') : undefined);
    const none = watchedDisk(readOnly);
    expect(removeTempLeftByOnceWrite(file, none.disk)).toBe(false);
    expect(none.calls).toEqual([`stat ${file}`, `stat ${file}.tmp`]);
    fs.linkSync(file, `${file}.tmp`);
    for (const code of ['EROFS', 'EACCES', 'EPERM']) {
      const kept = watchedDisk((call) => (call.startsWith('unlink') ? coded(code) : undefined));
      expect(removeTempLeftByOnceWrite(file, kept.disk)).toBe(false);
      expect(kept.calls).toEqual([`stat ${file}`, `stat ${file}.tmp`, `unlink ${file}.tmp`]);
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['journal.key', 'journal.key.tmp']);
    const broken = watchedDisk((call) => (call.startsWith('unlink') ? coded('EIO') : undefined));
    expect(() => removeTempLeftByOnceWrite(file, broken.disk)).toThrow('EIO');
  });

  it('kept-file-temp-left-by-a-cut-write removed at boot: unlinked, not flushed; none, or one that cannot be, left', () => {
    const file = join(dir, 'fleet-hold.json');
    fs.writeFileSync(`${file}.tmp`, '{"reason":"REMO');
    const { disk, calls } = watchedDisk();
    expect(removeTempLeftByCutWrite(file, disk)).toBe(true);
    expect(calls).toEqual([`unlink ${file}.tmp`]);
    expect(removeTempLeftByCutWrite(file, disk)).toBe(false);
    fs.writeFileSync(`${file}.tmp`, '{}');
    for (const code of ['EROFS', 'EACCES', 'EIO', 'EISDIR']) {
      const refused = watchedDisk((call) => (call.startsWith('unlink') ? coded(code) : undefined));
      expect(removeTempLeftByCutWrite(file, refused.disk)).toBe(false);
    }
    expect(fs.readdirSync(dir)).toEqual(['fleet-hold.json.tmp']);
  });

  it('none yet, or its JSON', () => {
    const file = join(dir, 'kept.json');
    expect(readKeptFile(file)).toEqual({ found: 'none' });
    writeKeptFile(file, { count: 2 });
    expect(readKeptFile(file)).toEqual({ found: 'json', value: { count: 2 } });
  });
});

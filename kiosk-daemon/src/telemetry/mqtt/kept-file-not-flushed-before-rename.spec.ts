/**
 * Fault: a kept file (the connection count, the telemetry queue, the commands answered, the replies
 * waiting, the operator's hold) was written to a temporary file and renamed over the old one without
 * a flush to the disk: after a power cut the rename could survive with an empty or half file, or the
 * folder fall back to the old file (a connection count gone back, ADR 0011). The unit's disk calls
 * are watched through its seam (node's own fs under it, a real file written): what this proves is
 * the order of the calls (the temp file flushed before the rename, the folder flushed after it), not
 * that the disk honours them; a power cut itself is not simulated.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKeptFile, writeKeptFile, type KeptFileDisk } from './kept-file.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'kept-file-flush-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** node's fs, each call noted as `name path-or-fd`; `fail` may throw instead of a call */
function watchedDisk(fail: (call: string) => NodeJS.ErrnoException | undefined = () => undefined) {
  const calls: string[] = [];
  const paths = new Map<number, string>();
  const note = (call: string) => {
    calls.push(call);
    const error = fail(call);
    if (error) throw error;
  };
  const disk: KeptFileDisk = {
    mkdirSync: ((path: string, options: fs.MakeDirectoryOptions) => {
      note(`mkdir ${path}`);
      return fs.mkdirSync(path, options);
    }) as KeptFileDisk['mkdirSync'],
    openSync: ((path: string, flags: string) => {
      note(`open ${path}`);
      const fd = fs.openSync(path, flags);
      paths.set(fd, path);
      return fd;
    }) as KeptFileDisk['openSync'],
    writeFileSync: ((fd: number, data: string) => {
      note(`write ${paths.get(fd)}`);
      fs.writeFileSync(fd, data);
    }) as KeptFileDisk['writeFileSync'],
    fsyncSync: (fd: number) => {
      note(`fsync ${paths.get(fd)}`);
      fs.fsyncSync(fd);
    },
    closeSync: (fd: number) => {
      note(`close ${paths.get(fd)}`);
      fs.closeSync(fd);
    },
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      note(`rename ${String(from)}`);
      fs.renameSync(from, to);
    },
  };
  return { disk, calls };
}

const coded = (code: string) => Object.assign(new Error(code), { code });

describe('kept-file-not-flushed-before-rename', () => {
  it('kept-file-not-flushed-before-rename: the temp file is flushed before it is renamed, the folder after', () => {
    const file = join(dir, 'fleet-connections.json');
    const temp = `${file}.tmp`;
    const { disk, calls } = watchedDisk();
    writeKeptFile(file, { connections: 7 }, disk);
    expect(calls).toEqual([
      `mkdir ${dir}`,
      `open ${temp}`,
      `write ${temp}`,
      `fsync ${temp}`,
      `close ${temp}`,
      `rename ${temp}`,
      `open ${dir}`,
      `fsync ${dir}`,
      `close ${dir}`,
    ]);
    expect(readKeptFile(file)).toEqual({ connections: 7 });
    expect(fs.existsSync(temp)).toBe(false);
  });

  it.each(['EISDIR', 'EPERM'])(
    'a folder that cannot be opened to flush (%s, not Linux): the write stands',
    (code) => {
      const file = join(dir, 'fleet-queue.json');
      const { disk } = watchedDisk((call) => (call === `open ${dir}` ? coded(code) : undefined));
      writeKeptFile(file, { nextSeq: 3 }, disk);
      expect(readKeptFile(file)).toEqual({ nextSeq: 3 });
    },
  );

  it.each(['EPERM', 'EINVAL'])(
    'a folder that cannot be flushed (%s): the write stands and the folder is closed',
    (code) => {
      const file = join(dir, 'fleet-hold.json');
      const { disk, calls } = watchedDisk((call) => (call === `fsync ${dir}` ? coded(code) : undefined));
      writeKeptFile(file, { reason: 'OPERATOR' }, disk);
      expect(readKeptFile(file)).toEqual({ reason: 'OPERATOR' });
      expect(calls.at(-1)).toBe(`close ${dir}`);
    },
  );

  it('a disk fault flushing the temp file: thrown before the rename, the old file kept', () => {
    const file = join(dir, 'fleet-connections.json');
    writeKeptFile(file, { connections: 6 });
    const { disk, calls } = watchedDisk((call) => (call.startsWith('fsync') ? coded('EIO') : undefined));
    expect(() => writeKeptFile(file, { connections: 7 }, disk)).toThrow('EIO');
    expect(calls).not.toContain(`rename ${file}.tmp`);
    expect(calls.at(-1)).toBe(`close ${file}.tmp`);
    expect(readKeptFile(file)).toEqual({ connections: 6 });
  });
});

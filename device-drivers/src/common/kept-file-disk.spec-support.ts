/**
 * What the kept file's unit specs share: node's fs behind the unit's disk seam, each call noted, so a
 * spec sees the order of the calls (flushes before and after a rename or a link) on real files.
 */
import * as fs from 'node:fs';
import type { KeptFileDisk } from './kept-file.js';

/** node's fs, each call noted as `name path-or-fd`; `fail` may throw instead of a call */
export function watchedDisk(fail: (call: string) => NodeJS.ErrnoException | undefined = () => undefined) {
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
    openSync: ((path: string, flags: string, mode?: number) => {
      note(`open ${path}`);
      const fd = fs.openSync(path, flags, mode);
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
    linkSync: (from: fs.PathLike, to: fs.PathLike) => {
      note(`link ${String(from)}`);
      fs.linkSync(from, to);
    },
    unlinkSync: (path: fs.PathLike) => {
      note(`unlink ${String(path)}`);
      fs.unlinkSync(path);
    },
    statSync: ((path: fs.PathLike, options?: fs.StatSyncOptions) => {
      note(`stat ${String(path)}`);
      return fs.statSync(path, options);
    }) as KeptFileDisk['statSync'],
  };
  return { disk, calls };
}

export const coded = (code: string) => Object.assign(new Error(code), { code });

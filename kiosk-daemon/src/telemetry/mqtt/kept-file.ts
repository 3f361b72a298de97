/**
 * How the fleet link writes a file it keeps across daemon restarts (the telemetry queue, the
 * commands answered, the replies no monitor acknowledged yet, the operator's hold, the count of its
 * connections): whole and durably, its folder made if need be. A temporary file in the same folder
 * is written and flushed to the disk (fsync), renamed over the old one, and the folder is flushed
 * too, so that a crash or a power cut leaves the old file or the new one, never an empty or half
 * one, and a rename the kiosk went on from is not lost (a connection count must only grow, ADR
 * 0011). Where a folder cannot be opened or flushed (EISDIR, EPERM, EINVAL: not Linux, or a file
 * system without it), the written file stands. Read back as JSON, or nothing when there is no file
 * or it does not read (the caller starts as if it were empty).
 */
import * as nodeFs from 'node:fs';
import { dirname } from 'node:path';

/** The calls a kept file is written with: node's, or a unit spec's watching them. */
export type KeptFileDisk = Pick<
  typeof nodeFs,
  'mkdirSync' | 'openSync' | 'writeFileSync' | 'fsyncSync' | 'closeSync' | 'renameSync'
>;

/** the codes of a folder that cannot be opened or flushed on this platform: the write stands */
const FOLDER_NOT_FLUSHABLE = new Set(['EISDIR', 'EPERM', 'EINVAL']);

/** Writes `contents` as JSON to `file`, durably (temp file flushed, renamed, its folder flushed). */
export function writeKeptFile(file: string, contents: unknown, disk: KeptFileDisk = nodeFs): void {
  const folder = dirname(file);
  disk.mkdirSync(folder, { recursive: true });
  const temp = `${file}.tmp`;
  const fd = disk.openSync(temp, 'w');
  try {
    disk.writeFileSync(fd, JSON.stringify(contents));
    disk.fsyncSync(fd);
  } finally {
    disk.closeSync(fd);
  }
  disk.renameSync(temp, file);
  flushFolder(folder, disk);
}

function flushFolder(folder: string, disk: KeptFileDisk): void {
  let fd: number;
  try {
    fd = disk.openSync(folder, 'r');
  } catch (error) {
    if (FOLDER_NOT_FLUSHABLE.has((error as NodeJS.ErrnoException).code ?? '')) return;
    throw error;
  }
  try {
    disk.fsyncSync(fd);
  } catch (error) {
    if (!FOLDER_NOT_FLUSHABLE.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    disk.closeSync(fd);
  }
}

/** The JSON `file` holds; undefined when there is none or it does not read. */
export function readKeptFile(file: string): unknown {
  try {
    return JSON.parse(nodeFs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

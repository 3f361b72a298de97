/**
 * How the kiosk writes a file it keeps across restarts (an emulator's mechanism: where the cards,
 * the blanks and the notes are; a virtual card's chip memory; the fleet link's queue, commands,
 * replies, hold and connection count; the journal's key): whole and durably, its folder made if need
 * be. A temporary file in the same folder is written and flushed to the disk (fsync), renamed over
 * the old one (or, for a file written once, linked to its name, which refuses a file already
 * there), and the folder is flushed too, so that a crash or a power cut leaves the old file or the
 * new one, never an empty or half one, and a rename the kiosk went on from is not lost. Where a
 * folder cannot be opened or flushed (EISDIR, EPERM, EINVAL: not Linux, or a file system without
 * it), the written file stands; a disk fault before the rename throws, the old file kept.
 *
 * Read back (`readKeptFile`) as what was found: no file, its JSON, or why it does not read (empty:
 * its write cut off; torn; not readable). What an unreadable file means is each owner's to say.
 */
import * as nodeFs from 'node:fs';
import { dirname } from 'node:path';

/** The calls a kept file is written with: node's, or a unit spec's watching them. */
export type KeptFileDisk = Pick<
  typeof nodeFs,
  | 'mkdirSync'
  | 'openSync'
  | 'writeFileSync'
  | 'fsyncSync'
  | 'closeSync'
  | 'renameSync'
  | 'linkSync'
  | 'unlinkSync'
  | 'statSync'
>;

export interface KeptFileWrite {
  /** the permission bits of a new file (0o600: its owner only); default 0o666 less the umask */
  readonly mode?: number;
  /** written once: refused (EEXIST) when the file is already there, which is left untouched */
  readonly once?: boolean;
  /** the disk calls (node's by default) */
  readonly disk?: KeptFileDisk;
}

/** the codes of a folder that cannot be opened or flushed on this platform: the write stands */
const FOLDER_NOT_FLUSHABLE = new Set(['EISDIR', 'EPERM', 'EINVAL']);

/** the codes of a folder the kiosk may not change (a read-only mount, another owner's): left as it is */
const FOLDER_NOT_WRITABLE = new Set(['EROFS', 'EACCES', 'EPERM']);

/** Writes `contents` as JSON to `file`, durably (temp file flushed, renamed, its folder flushed). */
export function writeKeptFile(file: string, contents: unknown, options: KeptFileWrite = {}): void {
  writeKeptText(file, JSON.stringify(contents), options);
}

/** Writes `text` to `file`, durably (temp file flushed, renamed or linked, its folder flushed). */
export function writeKeptText(file: string, text: string, options: KeptFileWrite = {}): void {
  const disk = options.disk ?? nodeFs;
  const folder = dirname(file);
  disk.mkdirSync(folder, { recursive: true });
  const temp = `${file}.tmp`;
  // one left by a write cut off keeps its own mode if opened again: made anew with the mode asked
  removeStale(temp, disk);
  const fd = disk.openSync(temp, 'wx', options.mode);
  try {
    disk.writeFileSync(fd, text);
    disk.fsyncSync(fd);
  } finally {
    disk.closeSync(fd);
  }
  if (options.once) {
    try {
      disk.linkSync(temp, file);
    } finally {
      disk.unlinkSync(temp);
    }
  } else {
    disk.renameSync(temp, file);
  }
  flushFolder(folder, disk);
}

/**
 * Removes `file` durably: unlinked (none there is fine) and its folder flushed, so that a power cut
 * after the kiosk went on from the removal does not bring the file back (an operator's hold lifted).
 */
export function removeKeptFile(file: string, disk: KeptFileDisk = nodeFs): void {
  removeStale(file, disk);
  flushFolder(dirname(file), disk);
}

/**
 * Removes durably the temp file a write once (`once`) left when a crash came between its link and its
 * unlink: a second name of the same bytes (the journal key's: a copy of the key), which no later write
 * removes, since a file written once is not written again, and which would outlive the file when it
 * is retired (a key rotated). Call it once `file` has been read whole. Only that second name is
 * removed (the same file as `file`, by device and inode): a temp that is another file is left, for
 * it may be the only copy of what `file` held before it was replaced (a key restored from the wrong
 * backup), or a write that `file` refused (never used). With no `file` it is left: a write may be
 * under way, or one was cut off before its link, and the next write removes it first (the journal
 * key's owner takes a whole key there as the key file instead: `linkTempLeftByOnceWrite`). With no
 * temp, nothing is asked of the folder but the two names' stat: `file` may be on a read-only mount (a
 * service's credentials folder), where unlink answers EROFS even for a file that is not there; a temp
 * in a folder the kiosk may not change (EROFS, EACCES, EPERM) was not left by its write and is left.
 * Returns whether one was removed; the folder is flushed only then.
 */
export function removeTempLeftByOnceWrite(file: string, disk: KeptFileDisk = nodeFs): boolean {
  const temp = `${file}.tmp`;
  if (!sameFile(file, temp, disk) || !removeLeftTemp(temp, disk)) return false;
  flushFolder(dirname(file), disk);
  return true;
}

/**
 * Removes the temp file a write renamed over `file` left when it was cut off before its rename (a
 * crash, a power cut, a disk fault): never the only copy of anything (the kiosk went on from `file`,
 * or none), read by nothing, but left until the file's next write, which for one seldom written (an
 * operator's hold) may be months, and a field engineer may take it for what its name says. Call it
 * where no write of `file` can be under way (its one writer, at boot). Not flushed: one a power cut
 * brings back goes at the next boot. Never throws: one that cannot be removed (a folder the kiosk may
 * not change, a disk fault, a folder in its place) is left, as it was, and must not stop a boot.
 * Returns whether one was removed. (The others are written often and their next write removes it;
 * a virtual card's, a demo's, at that card's next write: the card list skips it.)
 */
export function removeTempLeftByCutWrite(file: string, disk: KeptFileDisk = nodeFs): boolean {
  try {
    return removeStale(`${file}.tmp`, disk);
  } catch {
    return false;
  }
}

/**
 * Makes the temp file a write once (`once`) left whole the file itself, as that write would have: the
 * temp flushed (a write cut off in its flush may have left it in memory only), linked to `file`'s
 * name (refused, EEXIST, when `file` is there: the temp is then left as it was), unlinked, and the
 * folder flushed. For an owner that knows the temp holds a whole file and must keep it rather than
 * write another (the journal key's: it may be the only copy of the key the journal sealed with).
 */
export function linkTempLeftByOnceWrite(file: string, disk: KeptFileDisk = nodeFs): void {
  const temp = `${file}.tmp`;
  const fd = disk.openSync(temp, 'r');
  try {
    disk.fsyncSync(fd);
  } finally {
    disk.closeSync(fd);
  }
  disk.linkSync(temp, file);
  disk.unlinkSync(temp);
  flushFolder(dirname(file), disk);
}

/** Unlinks a temp left; whether it was there. A folder the kiosk may not change leaves it: false. */
function removeLeftTemp(temp: string, disk: KeptFileDisk): boolean {
  try {
    return removeStale(temp, disk);
  } catch (error) {
    if (FOLDER_NOT_WRITABLE.has((error as NodeJS.ErrnoException).code ?? '')) return false;
    throw error;
  }
}

/** `a` and `b` are two names of one file (a hard link); false when either is not there. */
function sameFile(a: string, b: string, disk: KeptFileDisk): boolean {
  const first = disk.statSync(a, { throwIfNoEntry: false });
  const second = first && disk.statSync(b, { throwIfNoEntry: false });
  return second !== undefined && first?.dev === second.dev && first.ino === second.ino;
}

/** Unlinks `temp`; whether it was there (none there is fine). */
function removeStale(temp: string, disk: KeptFileDisk): boolean {
  try {
    disk.unlinkSync(temp);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return false;
  }
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

/** What a kept file held when read: none yet, its JSON, or why it does not read. */
export type KeptFileRead =
  | { readonly found: 'none' }
  | { readonly found: 'json'; readonly value: unknown }
  | { readonly found: 'unreadable'; readonly why: string; readonly cause?: unknown };

/** Reads `file` as JSON; never throws. */
export function readKeptFile(file: string): KeptFileRead {
  let text: string;
  try {
    text = nodeFs.readFileSync(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { found: 'none' };
    return { found: 'unreadable', why: 'it cannot be read', cause };
  }
  if (text.trim() === '') {
    return { found: 'unreadable', why: 'it is empty: its last write was cut off, as by a power cut' };
  }
  try {
    return { found: 'json', value: JSON.parse(text) };
  } catch (cause) {
    return { found: 'unreadable', why: 'it is not JSON: torn or overwritten', cause };
  }
}

/** The JSON `file` holds; undefined when there is none or it does not read (the owner starts empty). */
export function keptFileValue(file: string): unknown {
  const read = readKeptFile(file);
  return read.found === 'json' ? read.value : undefined;
}

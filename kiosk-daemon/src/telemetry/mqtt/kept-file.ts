/**
 * How the fleet link writes a file it keeps across daemon restarts (the telemetry queue, the
 * commands answered, the replies no monitor acknowledged yet, the operator's hold): whole and
 * atomically, its folder made if need be, a temporary file renamed over it, so that a crash while
 * writing leaves the old file or the new one, never half of one. Read back as JSON, or nothing when
 * there is no file or it does not read (the caller starts as if it were empty).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `contents` as JSON to `file`, atomically (temp file + rename). */
export function writeKeptFile(file: string, contents: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(contents));
  renameSync(temp, file);
}

/** The JSON `file` holds; undefined when there is none or it does not read. */
export function readKeptFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

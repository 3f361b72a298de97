/**
 * The journal key's file: 32 random bytes written as one line of base64, readable by the daemon's
 * user only. Outside production a missing file is created on first start (the demo keeps its key
 * beside its journal); in production it must be provisioned, so a missing key stops boot.
 *
 * A new key is written once and durably before the journal seals anything with it
 * (`writeKeptText`, once: flushed to the disk, linked to its name, its folder flushed), so a power
 * cut leaves no key file (the next start makes one: nothing was sealed with the lost one) or the
 * whole key, never an empty or half one. A key file that does not read (empty, torn, not 32 bytes
 * of base64) stops boot for good with JOURNAL_KEY_INVALID naming it: what the journal sealed can be
 * read only with that key, so it is never replaced silently; staff restore it from its backup.
 * A crash between the link and the unlink of the temporary file leaves `journal.key.tmp`, a second
 * copy of the key that nothing writes again and that would outlive a rotation: a key file read whole
 * (at boot, and by a rotation) has it removed, durably (`removeTempLeftByOnceWrite`), but only when
 * it is a second name of that file. A temp that holds a whole key with no key file beside is either
 * the only copy of the key the journal sealed with (a crash between the link and the unlink, the key
 * file lost since) or a key never used (a write cut after its flush, before its link), as good as a
 * new one: where a new key would be written (a demo start, a rotation's new key file) that key is
 * taken as the key file instead (`linkTempLeftByOnceWrite`), so nothing is guessed, nothing lost,
 * and no start is refused for good over a file a person cannot judge. A production boot without
 * the key file still stops. One that holds no whole key (empty, half written: a write cut off, never
 * sealed with) is removed by the write; one that cannot be read is refused JOURNAL_KEY_MISSING, its
 * words naming it and the key file.
 */
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { linkTempLeftByOnceWrite, removeTempLeftByOnceWrite, writeKeptText } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { JOURNAL_KEY_BYTES, journalKeyFrom, newJournalKey, type JournalKey } from './journal-seal.js';

export function readJournalKeyFile(file: string): JournalKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new KioskError(
      ErrorCode.JOURNAL_KEY_MISSING,
      'The journal key file cannot be read.',
      { file },
      { cause: e },
    );
  }
  const secret = secretOf(text);
  if (secret === undefined) {
    throw new KioskError(
      ErrorCode.JOURNAL_KEY_INVALID,
      `The journal key file must hold ${JOURNAL_KEY_BYTES} bytes as one line of base64.`,
      { file },
    );
  }
  removeTempLeftByOnceWrite(file);
  return journalKeyFrom(secret);
}

/** The key's bytes `text` holds as one line of base64; undefined when it holds no whole key. */
function secretOf(text: string): Buffer | undefined {
  const secret = Buffer.from(text.trim(), 'base64');
  const whole = secret.length === JOURNAL_KEY_BYTES && /^[A-Za-z0-9+/]+={0,2}$/.test(text.trim());
  return whole ? secret : undefined;
}

/**
 * The key `file`'s temp holds whole, if any: left by a write cut off after its flush, it may be the
 * only copy of the key the journal sealed with, and is never removed by a new key's write. One that
 * cannot be read is refused: it may be that copy. One that holds no whole key (empty, half written)
 * was never sealed with: undefined, and the write removes it.
 */
function keyLeftAtTemp(file: string): Buffer | undefined {
  const temp = `${file}.tmp`;
  let text: string;
  try {
    text = readFileSync(temp, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw keyCopyKept(
      `The journal key's temporary file ${temp} cannot be read, and it may hold the only copy of the ` +
        `key the journal sealed with: no new key is written at ${file} over it. Make it readable by ` +
        `the kiosk's user (its key is then taken as the key file), or move it away; then start again.`,
      temp,
      e,
    );
  }
  return secretOf(text);
}

function keyCopyKept(message: string, temp: string, cause?: unknown): KioskError {
  return new KioskError(ErrorCode.JOURNAL_KEY_MISSING, message, { file: temp }, { cause });
}

/**
 * Writes a new key file at `file` (refusing to overwrite one) and returns its key: the key its temp
 * holds whole, if it does (`keyLeftAtTemp`: kept as the key file), else a new one.
 */
export function writeNewJournalKeyFile(file: string): JournalKey {
  const left = keyLeftAtTemp(file);
  if (left !== undefined) return takeKeyLeftAtTemp(file, left);
  const key = newJournalKey();
  writeKeptText(file, `${key.secret.toString('base64')}\n`, { mode: 0o600, once: true });
  return key;
}

/** The whole key `file`'s temp holds, made the key file (its owner's only, flushed, linked). */
function takeKeyLeftAtTemp(file: string, secret: Buffer): JournalKey {
  const temp = `${file}.tmp`;
  try {
    chmodSync(temp, 0o600);
    linkTempLeftByOnceWrite(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
    const why =
      code === 'EEXIST'
        ? `${file} is there and ${temp} holds a whole key`
        : `${temp} holds a whole key that could not be taken as the key file (${code})`;
    throw keyCopyKept(
      `No new journal key is written: ${why}, which may be the only copy of the key the journal ` +
        `sealed with. Keep the key the journal sealed with as ${file}, move the other away; then ` +
        'start again.',
      temp,
      e,
    );
  }
  return journalKeyFrom(secret);
}

/** The key in `file`, or a new one written there when the file does not exist yet. */
export function readOrCreateJournalKeyFile(file: string): JournalKey {
  return existsSync(file) ? readJournalKeyFile(file) : writeNewJournalKeyFile(file);
}

/** The key file the configuration names, or the default beside a SQLite file; none in memory. */
export function journalKeyFileOf(config: Pick<KioskConfig, 'journal'>): string | undefined {
  // the bench and some tests pass a partial config without a journal section
  const journal = config.journal as KioskConfig['journal'] | undefined;
  if (journal?.keyFile !== undefined) return journal.keyFile;
  return journal?.path !== undefined && journal.path !== ':memory:'
    ? join(dirname(journal.path), 'journal.key')
    : undefined;
}

/**
 * The key the journal seals with: `journal.keyFile`, else `journal.key` beside the SQLite file.
 * An in-memory journal without a key file (tests, the bench) gets a key that lives as long as it.
 */
export function loadJournalKey(config: Pick<KioskConfig, 'profile' | 'journal'>): JournalKey {
  const file = journalKeyFileOf(config);
  if (file === undefined) return newJournalKey();
  if (existsSync(file)) return readJournalKeyFile(file);
  if (config.profile === 'production') {
    throw new KioskError(
      ErrorCode.JOURNAL_KEY_MISSING,
      `The journal key file ${file} is missing; provision it (journal.keyFile) before the kiosk goes ` +
        `in service.${copyBeside(file)}`,
      { file },
    );
  }
  return writeNewJournalKeyFile(file);
}

/** What staff are told of a whole key the missing key file's temp holds: it may be the only copy. */
function copyBeside(file: string): string {
  let left: Buffer | undefined;
  try {
    left = keyLeftAtTemp(file);
  } catch {
    left = undefined; // one that cannot be read is no key staff can restore
  }
  return left === undefined
    ? ''
    : ` Its temporary file ${file}.tmp holds a whole key, maybe the only copy of the key the journal ` +
        `sealed with: if the journal was sealed with it, restore it as ${file} rather than a new key.`;
}

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
 * it is a second name of that file. A temp that holds a whole key with no key file beside (the key
 * file lost or restored from the wrong backup since) may be the only copy of the key the journal
 * sealed with: no new key is written over it (a demo start, a rotation's new key file), refused
 * JOURNAL_KEY_MISSING naming it, as a production boot without the key stops. One that holds no whole
 * key (empty, half written: a write cut off, never sealed with) is removed by the write.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { removeTempLeftByOnceWrite, writeKeptText } from '@kiosk/device-drivers';
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
 * Refuses a new key at `file` while its temp holds a whole key (or cannot be read): the write would
 * remove it as left by a write cut off, and it may be the only copy of the key the journal sealed
 * with (a crash between the link and the unlink, then the key file lost or restored from the wrong
 * backup). One that holds no whole key (empty, half written) was never sealed with: the write removes it.
 */
function refuseOverKeyCopy(file: string): void {
  const temp = `${file}.tmp`;
  let text: string;
  try {
    text = readFileSync(temp, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw keyCopyKept(temp, e);
  }
  if (secretOf(text) !== undefined) throw keyCopyKept(temp);
}

function keyCopyKept(temp: string, cause?: unknown): KioskError {
  return new KioskError(
    ErrorCode.JOURNAL_KEY_MISSING,
    'No new journal key is written while its temporary file may hold the only copy of the key the ' +
      'journal sealed with: restore that file as the key file if it is that key, or move it away.',
    { file: temp },
    { cause },
  );
}

/**
 * Writes a new random key to `file` (refusing to overwrite one, or to remove a key its temp holds:
 * `refuseOverKeyCopy`) and returns it.
 */
export function writeNewJournalKeyFile(file: string): JournalKey {
  refuseOverKeyCopy(file);
  const key = newJournalKey();
  writeKeptText(file, `${key.secret.toString('base64')}\n`, { mode: 0o600, once: true });
  return key;
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
      'The journal key file is missing; provision it (journal.keyFile) before the kiosk goes in service.',
      { file },
    );
  }
  return writeNewJournalKeyFile(file);
}

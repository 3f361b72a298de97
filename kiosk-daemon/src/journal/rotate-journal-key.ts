/**
 * Rotates the journal key with the daemon stopped:
 *   node kiosk-daemon/dist/journal/rotate-journal-key.js [--profile P] [--config F] [--set k=v]... --new-key-file FILE
 * Opens the configured journal (SQLite or PostgreSQL) with the current key (`journal.keyFile`, or
 * `journal.key` beside the SQLite file; it must exist), re-seals every personal data value under the key in FILE
 * (created when missing) in one database transaction, and prints one JSON line. Then point
 * `journal.keyFile` at FILE and start the daemon; keep the old key file until it has started.
 * The daemon must be stopped: a running daemon keeps sealing with the key in its memory, so the
 * command claims the journal as the daemon does (`journal-claim.ts`) and is refused while a
 * daemon holds it (a daemon started meanwhile is refused in turn).
 * Exit codes: 0 done, 64 bad arguments, 78 bad configuration, 75 the journal is in use (a daemon
 * runs on it: stop it first), 1 the journal refused.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { bootConfigOrExit } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { claimJournal, type JournalClaim } from './journal-claim.js';
import { DataSource } from './typeorm-runtime.js';
import { journalDataSourceOptions } from './journal.data-source.js';
import { journalKeyFileOf, readJournalKeyFile, readOrCreateJournalKeyFile } from './journal-key-file.js';
import { PersonalDataVault } from './journal-personal-data.js';

let values;
try {
  ({ values } = parseArgs({
    options: {
      profile: { type: 'string' },
      config: { type: 'string' },
      set: { type: 'string', multiple: true },
      'new-key-file': { type: 'string' },
    },
    strict: true,
  }));
} catch (e) {
  process.stderr.write(`rotate-journal-key: ${(e as Error).message}\n`);
  process.exit(64);
}
const newKeyFile = values['new-key-file'];
if (newKeyFile === undefined || newKeyFile === '') {
  process.stderr.write('rotate-journal-key: --new-key-file FILE is required\n');
  process.exit(64);
}

const config = bootConfigOrExit({
  ...(values.profile ? { profile: values.profile } : {}),
  ...(values.config ? { file: values.config } : {}),
  overrides: values.set ?? [],
});

const currentKeyFile = journalKeyFileOf(config);
if (currentKeyFile === undefined) {
  process.stderr.write('rotate-journal-key: an in-memory journal has no key to rotate\n');
  process.exit(64);
}

const db = new DataSource(journalDataSourceOptions(config.journal));
let claim: JournalClaim | undefined;
try {
  // the current key must exist: this command never makes one up
  const current = readJournalKeyFile(currentKeyFile);
  claim = await claimJournal(config.journal, 'rotate-journal-key');
  await db.initialize();
  const vault = new PersonalDataVault(db, current);
  const from = vault.keyId;
  const resealed = await vault.rotate(readOrCreateJournalKeyFile(newKeyFile));
  process.stdout.write(
    `${JSON.stringify({ event: 'journalKeyRotated', from, to: vault.keyId, resealed })}\n`,
  );
} catch (e) {
  const error = KioskError.from(e);
  process.stderr.write(`rotate-journal-key: ${error.code}: ${error.message}\n`);
  process.exitCode = error.code === ErrorCode.JOURNAL_IN_USE ? 75 : 1;
} finally {
  if (db.isInitialized) await db.destroy();
  await claim?.release();
}

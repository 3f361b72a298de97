/**
 * A test profile whose cash dispenser, ID reader and receipt printer run their real serial
 * drivers (LCDM, GA 467, ESC/POS) against the byte-level emulators the daemon starts itself on
 * pseudo-terminal pairs. Written to a temp file for `--config`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PROFILES_DIR } from '@kiosk/config';
import Database from 'better-sqlite3';
import { parse, stringify } from 'yaml';
import { daemonForSuite, type DaemonForSuite } from './daemon-for-suite.js';

export interface SerialProfile {
  readonly file: string;
  /** the daemon arguments that load it, with the demo panel on (the emulators' controls) */
  readonly args: string[];
  remove(): void;
}

export interface SerialProfileOptions {
  /** hundred-yuan notes in the upper cassette (200 by default; its near-end sensor is at 20) */
  readonly upperCount?: number;
  /** a dispenser port to open instead of the emulator's pseudo terminal */
  readonly cashDispenserPath?: string;
  /** an ID reader port to open instead of the emulator's pseudo terminal */
  readonly idReaderPath?: string;
  /** how long an ended session's screen stays (`timeouts.endedViewMs`; the profile's 5 s when absent) */
  readonly endedViewMs?: number;
  /** the daemon's log level (`log.level`; the test profile's warn when absent): info to read the better news too */
  readonly logLevel?: 'info';
}

export function writeSerialProfile(options: SerialProfileOptions = {}): SerialProfile {
  const profile = parse(readFileSync(join(DEFAULT_PROFILES_DIR, 'test.yaml'), 'utf8')) as {
    devices: Record<string, unknown>;
  };
  profile.devices['cashDispenser'] = {
    driver: 'lcdm-serial',
    ...(options.cashDispenserPath ? { path: options.cashDispenserPath } : { emulatedOnPseudoTerminal: true }),
    cassettes: {
      upper: { denominationFen: 10000, count: options.upperCount ?? 200, lowThreshold: 20 },
      lower: { denominationFen: 5000, count: 200, lowThreshold: 20 },
    },
  };
  profile.devices['idReader'] = {
    driver: 'ga467-serial',
    ...(options.idReaderPath ? { path: options.idReaderPath } : { emulatedOnPseudoTerminal: true }),
  };
  profile.devices['receiptPrinter'] = { driver: 'escpos-serial', emulatedOnPseudoTerminal: true };
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-serial-profile-'));
  const file = join(dir, 'serial.yaml');
  writeFileSync(file, stringify(profile));
  return {
    file,
    args: [
      ...['--config', file, '--set', 'demo.panel=true'],
      ...(options.endedViewMs === undefined ? [] : ['--set', `timeouts.endedViewMs=${options.endedViewMs}`]),
      ...(options.logLevel === undefined ? [] : ['--set', `log.level=${options.logLevel}`]),
    ],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The daemon on a serial profile of its own, for the calling describe (see `daemonForSuite`): the
 * profile written when the suite starts and removed once the daemon has stopped.
 */
export function daemonOnSerialProfile(options: SerialProfileOptions = {}): DaemonForSuite {
  let profile: SerialProfile | undefined;
  return daemonForSuite(
    () => {
      profile = writeSerialProfile(options);
      return profile.args;
    },
    { afterStop: () => profile?.remove() },
  );
}

export interface JournalStepRow {
  readonly step: string;
  readonly phase: string;
  readonly detail: Record<string, unknown>;
}

/** The journal's steps of one journey, in order (details as journaled; personal data is sealed). */
export function journalSteps(path: string, journey: string): JournalStepRow[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT s.step AS step, s.phase AS phase, s.detail AS detail FROM journal_step s
         JOIN journal_transaction t ON t.id = s.transactionId WHERE t.journey = ? ORDER BY t.serial, s.seq`,
      )
      .all(journey)
      .map((r) => {
        const row = r as { step: string; phase: string; detail: string | null };
        return {
          step: row.step,
          phase: row.phase,
          detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {},
        };
      });
  } finally {
    db.close();
  }
}

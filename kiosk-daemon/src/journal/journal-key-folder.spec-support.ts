/**
 * A kiosk folder of its own for each test of the journal key's files: made before the test (with
 * its `kiosk` folder when asked), removed after; the configuration whose journal lives in it, the
 * key file's path, and the folder's files by name. Real files.
 */
import { afterEach, beforeEach } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';

export interface JournalKeyFolder {
  /** the test's folder (the kiosk folder is `kiosk` in it) */
  readonly dir: () => string;
  /** a configuration of that profile whose journal (and so its key) is in the kiosk folder */
  readonly config: (profile: 'demo' | 'production') => KioskConfig;
  /** the journal key file's path */
  readonly keyFile: () => string;
  /** the kiosk folder's files, sorted */
  readonly kioskFiles: () => string[];
}

/** Registers the folder's making and removal around each test of the calling suite. */
export function journalKeyFolderPerTest(
  prefix: string,
  options: { makeKioskFolder: boolean },
): JournalKeyFolder {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    if (options.makeKioskFolder) mkdirSync(join(dir, 'kiosk'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    config: (profile) =>
      ({
        profile,
        journal: { driver: 'sqlite', retentionDays: 30, path: join(dir, 'kiosk', 'journal.sqlite') },
      }) as KioskConfig,
    keyFile: () => join(dir, 'kiosk', 'journal.key'),
    kioskFiles: () => readdirSync(join(dir, 'kiosk')).sort(),
  };
}

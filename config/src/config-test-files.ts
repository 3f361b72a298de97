/**
 * Test support: writes profiles into a temp folder, either as text (for YAML faults) or as the
 * shipped demo profile with one change (for value faults). Not exported from the package.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ConfigError } from './config-error.js';
import { DEFAULT_PROFILES_DIR } from './load-config.js';

type Section = Record<string, unknown>;
/** The demo profile's data, loosely typed so a test can break any value. */
export type ProfileData = {
  kiosk: Section;
  caps: Section;
  pin: Section;
  timeouts: Section;
  devices: Section;
  host: Section;
  gateway: Section;
  log: Section;
  demo: Section;
} & Record<string, unknown>;

export class TempProfiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
  private written = 0;

  /** Writes `text` as `<name>.yaml` (a fresh name when none is given) and returns its path. */
  writeText(text: string, name = `case-${++this.written}`): string {
    const file = join(this.dir, `${name}.yaml`);
    writeFileSync(file, text);
    return file;
  }

  /** Writes the shipped demo profile after `change` has edited its data. */
  writeDemoWith(change: (data: ProfileData) => void, name?: string): string {
    const data = shippedProfile('demo');
    change(data);
    return this.writeText(stringify(data), name);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function shippedProfile(name: string): ProfileData {
  return parse(readFileSync(join(DEFAULT_PROFILES_DIR, `${name}.yaml`), 'utf8')) as ProfileData;
}

/** Runs `load` and returns the ConfigError it throws; fails the test when it does not throw one. */
export function configErrorOf(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the configuration loaded');
}

/** The journal section: which store, where, and the key that seals personal data. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { configErrorOf } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const withOverrides = (...overrides: string[]) => loadConfig({ profile: 'test', overrides });
function problemsOf(...overrides: string[]): { code: string; lines: string[] } {
  const error = configErrorOf(() => withOverrides(...overrides));
  return { code: error.code, lines: error.problems.map((p) => `${p.path}: ${p.reason}`) };
}

describe('journal configuration', () => {
  it('defaults to the SQLite driver without a url or key file', () => {
    const { journal } = withOverrides();
    expect(journal.driver).toBe('sqlite');
    expect(journal.url).toBeUndefined();
    expect(journal.keyFile).toBeUndefined();
  });

  it('takes a PostgreSQL journal with its url and a key file', () => {
    const { journal } = withOverrides(
      'journal.driver=postgres',
      'journal.url=postgres://kiosk@127.0.0.1:5432/journal',
      'journal.keyFile=var/test/journal.key',
    );
    expect(journal).toMatchObject({
      driver: 'postgres',
      url: 'postgres://kiosk@127.0.0.1:5432/journal',
      keyFile: 'var/test/journal.key',
    });
  });

  it('keeps a transaction with a host act owed 90 days past the retention period by default', () => {
    const { journal } = withOverrides();
    expect(journal.retentionDays).toBe(1825);
    expect(journal.owedActGraceDays).toBe(90);
    expect(withOverrides('journal.owedActGraceDays=0').journal.owedActGraceDays).toBe(0);
  });

  it('owed-act-grace-days-refused: a negative or fractional grace for owed host acts is refused, coded', () => {
    for (const value of ['-1', '1.5', 'soon']) {
      const { code, lines } = problemsOf(`journal.owedActGraceDays=${value}`);
      expect(code).toBe(ErrorCode.CONFIG_INVALID);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^journal\.owedActGraceDays: expected a whole number of days, 0 or more/);
    }
  });

  it('refuses the postgres driver without a url', () => {
    expect(problemsOf('journal.driver=postgres')).toEqual({
      code: ErrorCode.CONFIG_INVALID,
      lines: ['journal.url: required when journal.driver is postgres'],
    });
  });

  it('refuses a url with the sqlite driver, which would silently ignore it', () => {
    const { lines } = problemsOf('journal.url=postgres://kiosk@127.0.0.1/journal');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^journal\.url: only used with journal\.driver postgres/);
  });

  it('refuses a url that is not a PostgreSQL one', () => {
    const { lines } = problemsOf('journal.driver=postgres', 'journal.url=mysql://kiosk@127.0.0.1/journal');
    expect(lines[0]).toMatch(/^journal\.url: expected a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it('refuses an unknown driver', () => {
    const { lines } = problemsOf('journal.driver=mongodb');
    expect(lines[0]).toMatch(/^journal\.driver: expected one of sqlite, postgres/);
  });

  it('refuses an empty key file name', () => {
    const { lines } = problemsOf('journal.keyFile=""');
    expect(lines[0]).toMatch(/^journal\.keyFile: expected a non-empty text/);
  });

  it('takes the kill harness hook in the test profile', () => {
    expect(withOverrides('journal.crashAt=after:cash.dispense:intent').journal.crashAt).toBe(
      'after:cash.dispense:intent',
    );
  });

  it('refuses the kill harness hook outside the test profile (a kiosk that kills itself)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-crash-at-'));
    const keyFile = join(dir, 'kiosk.key');
    writeFileSync(keyFile, 'a-key-of-enough-length');
    for (const profile of ['demo', 'production']) {
      const error = configErrorOf(() =>
        loadConfig({
          profile,
          overrides: [
            ...(profile === 'production' ? [`host.kioskKeyFile=${keyFile}`] : []),
            'journal.crashAt=before:withdrawal.confirm:intent',
          ],
        }),
      );
      expect(error.problems.map((p) => `${p.path}: ${p.reason}`)).toContain(
        'journal.crashAt: the kill harness hook is refused outside the test profile, got "before:withdrawal.confirm:intent"',
      );
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a kill point that names no journal step phase', () => {
    const { lines } = problemsOf('journal.crashAt=after:cash.dispense');
    expect(lines[0]).toMatch(/^journal\.crashAt: expected before\|after/);
  });
});

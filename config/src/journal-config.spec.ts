/** The journal section: which store, where, and the key that seals personal data. */
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
});

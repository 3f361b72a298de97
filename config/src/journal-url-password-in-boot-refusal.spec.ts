/**
 * Fault: a journal URL refused at boot (not a PostgreSQL one, mistyped, or given with the SQLite
 * driver) was shown in the refusal as written, its password with it (`got "postgres://kiosk:…@db"`),
 * on the terminal's stderr and log, though the journal's own open failure hides it. The refusal now
 * names the file, the key path and the reason, the URL with its password as ***.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { formatConfigError } from './config-error.js';
import { configErrorOf } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const PASSWORD = 'S3cret-journal-pw';

describe('journal url password in the boot refusal', () => {
  it.each([
    ['mistyped', ['journal.driver=postgres', `journal.url=postgresql//kiosk:${PASSWORD}@db:5432/kiosk`]],
    ['of another database', ['journal.driver=postgres', `journal.url=mysql://kiosk:${PASSWORD}@db/kiosk`]],
    ['with the SQLite driver', [`journal.url=postgres://kiosk:${PASSWORD}@db:5432/kiosk`]],
    [
      'long, its @ past the shown part',
      ['journal.driver=postgres', `journal.url=pg://kiosk-journal-writer:${PASSWORD}-and-more@db/k`],
    ],
  ])('a url %s: refused naming the key, its password hidden', (_what, overrides) => {
    const error = configErrorOf(() => loadConfig({ profile: 'test', overrides }));
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.problems.map((p) => p.path)).toEqual(['journal.url']);
    const told = [error.message, formatConfigError(error), JSON.stringify(error.problems)].join('\n');
    expect(told).not.toContain(PASSWORD.slice(0, 6));
    expect(told).toContain('kiosk');
  });
});

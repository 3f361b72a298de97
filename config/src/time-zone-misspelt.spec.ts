/**
 * The kiosk's time zone comes from its profile (`kiosk.timeZone`). A misspelt zone name stops boot
 * with CONFIG_INVALID at its key path, the name as written and what is expected: it must not reach
 * the touch screen, whose browser refuses an unknown zone on the first date it shows.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { formatConfigError } from './config-error.js';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const files = new TempProfiles();
afterAll(() => files.remove());

function withZone(zone: unknown): string {
  return files.writeDemoWith((data) => {
    data.kiosk.timeZone = zone;
  });
}

describe('a misspelt time zone in the profile', () => {
  it.each(['Asia/Shangai', 'Asia/Beijing', 'China Standard Time', '+08:00', 'CST', ''])(
    'stops boot with CONFIG_INVALID at kiosk.timeZone (%p)',
    (zone) => {
      const error = configErrorOf(() => loadConfig({ file: withZone(zone) }));
      expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]?.path).toBe('kiosk.timeZone');
      expect(error.problems[0]?.reason).toContain(
        'expected an IANA time zone name such as Asia/Shanghai or Asia/Urumqi',
      );
      expect(formatConfigError(error)).toContain('kiosk.timeZone');
    },
  );

  it('says which name it did not know', () => {
    const error = configErrorOf(() => loadConfig({ file: withZone('Asia/Shangai') }));
    expect(error.problems[0]?.reason).toMatch(/^unknown time zone "Asia\/Shangai"/);
  });

  it('refuses a zone that is not a text', () => {
    const error = configErrorOf(() => loadConfig({ file: withZone(8) }));
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.problems[0]?.path).toBe('kiosk.timeZone');
  });
});

describe('the time zone a profile names', () => {
  it('is China Standard Time when the profile names none', () => {
    expect(loadConfig({ profile: 'demo' }).kiosk.timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ file: files.writeDemoWith((d) => delete d.kiosk.timeZone) }).kiosk.timeZone).toBe(
      'Asia/Shanghai',
    );
  });

  it('takes a region’s own zone, in its canonical spelling', () => {
    expect(loadConfig({ file: withZone('Asia/Urumqi') }).kiosk.timeZone).toBe('Asia/Urumqi');
    expect(loadConfig({ file: withZone('asia/urumqi') }).kiosk.timeZone).toBe('Asia/Urumqi');
    expect(loadConfig({ profile: 'demo', overrides: ['kiosk.timeZone=Europe/Lisbon'] }).kiosk.timeZone).toBe(
      'Europe/Lisbon',
    );
  });
});

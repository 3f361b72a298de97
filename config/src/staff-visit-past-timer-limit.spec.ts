/**
 * The fault: `maintenance.sessionMs` had a floor and no ceiling, and the visit's end is a Node timer,
 * which takes at most 2,147,483,647 ms (about 24.8 days) and fires at once past it: a profile with
 * an extra zero (or a year for "never") booted, and every staff visit ended the moment it began,
 * the kiosk back in service under the engineer's hands. Now a length past a day (the longest a
 * visit may sensibly run) stops boot naming the key; a day and the default still load.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const profiles = new TempProfiles();
afterAll(() => profiles.remove());

const withSessionMs = (sessionMs: number) =>
  profiles.writeDemoWith((data) => {
    (data['maintenance'] as Record<string, unknown>)['sessionMs'] = sessionMs;
  });

describe('a staff visit longer than its timer can hold', () => {
  it.each([2_147_483_648, 18_000_000_000, 86_400_001])('refuses boot naming the key (%p ms)', (sessionMs) => {
    const error = configErrorOf(() => loadConfig({ file: withSessionMs(sessionMs) }));
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.problems.map((p) => p.path)).toEqual(['maintenance.sessionMs']);
    expect(error.problems[0]!.reason).toMatch(/^expected /);
  });

  it.each([60_000, 1_800_000, 86_400_000])('loads a visit of %p ms', (sessionMs) => {
    expect(loadConfig({ file: withSessionMs(sessionMs) }).maintenance?.sessionMs).toBe(sessionMs);
  });
});

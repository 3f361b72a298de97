/**
 * The fault: a profile could set `pin.length` anywhere from 4 to 12, while the default PIN a new
 * card carries is RULES.md's 123456, six digits, with no default given for another length. At any
 * other length the weak-PIN rule's default check (`weakPinRuleOfDigits`, 'default') could never
 * match, and the card made here was written a default PIN of a length the PIN pad never collects.
 * Now a PIN length other than the default PIN's stops boot naming the key and why; 6 loads.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_PIN, ErrorCode } from '@kiosk/domain';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const profiles = new TempProfiles();
afterAll(() => profiles.remove());

const withPinLength = (length: number) =>
  profiles.writeDemoWith((data) => {
    (data['pin'] as Record<string, unknown>)['length'] = length;
  });

describe('a PIN length that cannot be the default PIN’s', () => {
  it.each([4, 5, 7, 8, 12])(
    'refuses boot naming pin.length and the default PIN’s length (%p digits)',
    (length) => {
      const error = configErrorOf(() => loadConfig({ file: withPinLength(length) }));
      expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
      expect(error.problems.map((p) => p.path)).toEqual(['pin.length']);
      expect(error.problems[0]!.reason).toMatch(
        /^expected 6 digits, the length of the default PIN a new card carries/,
      );
    },
  );

  it('loads the default PIN’s length', () => {
    expect(DEFAULT_PIN).toHaveLength(6);
    expect(loadConfig({ file: withPinLength(6) }).pin.length).toBe(6);
  });
});

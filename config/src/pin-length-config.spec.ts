/**
 * The PIN's length (`pin.length`) is a region's number, as RULES.md makes every number: 6 by
 * default, 4 to 12 where a region's cards take another (ISO 9564, what the PIN pad collects and the
 * card's PIN takes). The fault: only 6 loaded, held to the default PIN's length, though that PIN is
 * the kiosk's own to write and verify at activation, never typed on the pad. A value outside 4–12,
 * or no whole number, stops boot naming the key and why.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const profiles = new TempProfiles();
afterAll(() => profiles.remove());

const withPinLength = (length: unknown) =>
  profiles.writeDemoWith((data) => {
    (data['pin'] as Record<string, unknown>)['length'] = length;
  });

describe('the PIN length of a region', () => {
  it.each([4, 5, 6, 8, 12])('loads %p digits', (length) => {
    expect(loadConfig({ file: withPinLength(length) }).pin.length).toBe(length);
  });

  it.each([
    ['3, shorter than ISO 9564 allows', 3],
    ['13, longer than ISO 9564 allows', 13],
    ['0', 0],
    ['6.5, no whole number', 6.5],
    ['"six", no number', 'six'],
    ['"6", a number in quotes', '6'],
  ])('fault: %s stops boot naming pin.length', (_what, length) => {
    const error = configErrorOf(() => loadConfig({ file: withPinLength(length) }));
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.problems.map((p) => p.path)).toEqual(['pin.length']);
    expect(error.problems[0]!.reason).toMatch(/^expected 4–12 digits \(ISO 9564/);
  });

  it('fault: a profile without it stops boot naming pin.length (no region is given a length silently)', () => {
    const file = profiles.writeDemoWith((data) => {
      delete (data['pin'] as Record<string, unknown>)['length'];
    });
    const error = configErrorOf(() => loadConfig({ file }));
    expect(error.problems.map((p) => p.path)).toEqual(['pin.length']);
  });
});

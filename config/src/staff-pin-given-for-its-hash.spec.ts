/**
 * A staff PIN written where its hash belongs (`maintenance.staff[].pinHash: '246810'`, the mistake
 * the key's own error warns of) stops boot naming the file, the key path and the reason, and the
 * refusal never shows the PIN: the boot's error went to the terminal's log with `got "246810"`.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { formatConfigError } from './config-error.js';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const profiles = new TempProfiles();
afterAll(() => profiles.remove());

describe('a staff PIN given for its hash', () => {
  it.each(['246810', 246810])('refuses boot without showing the PIN (%p)', (pin) => {
    const file = profiles.writeDemoWith((data) => {
      const maintenance = data['maintenance'] as { staff: Record<string, unknown>[] };
      maintenance.staff[1]!['pinHash'] = pin;
    });
    const error = configErrorOf(() => loadConfig({ file }));
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.file).toBe(file);
    expect(error.problems.map((p) => p.path)).toEqual(['maintenance.staff[1].pinHash']);
    expect(error.problems[0]!.reason).toMatch(/^expected /);
    const told = [error.message, formatConfigError(error), JSON.stringify(error.problems)].join('\n');
    expect(told).not.toContain('246810');
  });
});

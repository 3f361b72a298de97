/**
 * The fault: the shared `ms` schema of the profile's durations had no ceiling, and each of them
 * bounds a step with a Node timer, which holds at most 2,147,483,647 ms (about 24.8 days) and fires
 * at once past it (a TimeoutOverflowWarning): a timeout typed too large (an extra zero, a year for
 * "never") booted, and the step it bounds ended the moment it began. Now every duration past the
 * timer's limit stops boot naming the file, the key and the reason; those a timer of their sum
 * is made of stop sooner: the dispenser's two answer times (its backstop twice their sum plus 30 s),
 * the camera's two and a card move's bound past 10 min, a waiting step past a day (the hand-in's
 * backstop is the step plus the card move). The limit itself loads.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { configErrorOf, type ProfileData, TempProfiles } from './config-test-files.js';
import { MOST_TIMER_MS } from './config-values.js';
import { loadConfig } from './load-config.js';

const profiles = new TempProfiles();
afterAll(() => profiles.remove());

/** The demo profile with `value` at the key `path` (its sections made as needed). */
function withValue(path: string, value: number): string {
  return profiles.writeDemoWith((data: ProfileData) => {
    const keys = path.split('.');
    let section: Record<string, unknown> = data;
    for (const key of keys.slice(0, -1)) {
      section[key] ??= {};
      section = section[key] as Record<string, unknown>;
    }
    section[keys.at(-1)!] = value;
  });
}

const PAST_TIMER = MOST_TIMER_MS + 1;

describe('a timeout past what a timer can hold', () => {
  it.each([
    ['timeouts.cardTakeMs', PAST_TIMER],
    ['timeouts.cashTakeMs', 18_000_000_000],
    ['timeouts.selfTestMs', PAST_TIMER],
    ['timeouts.supplyActMs', PAST_TIMER],
    ['timeouts.endedViewMs', PAST_TIMER],
    ['devices.camera.captureTimeoutMs', PAST_TIMER],
    ['devices.cashDispenser.dispenseTimeoutMs', PAST_TIMER],
    ['devices.cashDispenser.dispenseTimeoutMs', 600_001],
    ['devices.cashDispenser.responseTimeoutMs', 600_001],
    ['devices.cashDispenser.ackTimeoutMs', 10_001],
    ['devices.camera.requestTimeoutMs', 600_001],
    ['devices.cardReader.moveTimeoutMs', 600_001],
    ['timeouts.stepMs', 86_400_001],
  ])('refuses boot naming the file and key (%s: %p ms)', (path, value) => {
    const file = withValue(path, value);
    const error = configErrorOf(() => loadConfig({ file }));
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    expect(error.file).toBe(file);
    expect(error.problems.map((p) => p.path)).toEqual([path]);
    expect(error.problems[0]!.reason).toMatch(/^expected at most \d+ ms/);
  });

  it("loads a timeout at the timer's limit", () => {
    expect(loadConfig({ file: withValue('timeouts.selfTestMs', MOST_TIMER_MS) }).timeouts.selfTestMs).toBe(
      MOST_TIMER_MS,
    );
  });

  it('loads the dispenser answering within 10 min', () => {
    const file = withValue('devices.cashDispenser.dispenseTimeoutMs', 600_000);
    expect(loadConfig({ file }).devices.cashDispenser).toMatchObject({ dispenseTimeoutMs: 600_000 });
  });
});

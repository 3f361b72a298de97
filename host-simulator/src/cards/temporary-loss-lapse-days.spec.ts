/**
 * RULES.md, "The social-security card": a temporary loss (临时挂失) lapses back to active after 15
 * days unless confirmed, and that number is a configuration value of the region's host
 * (`HostRules.temporaryLossLapseDays`, `--rule` of the standalone host). The specs so far ran on
 * the default alone, at the lapse's very moment: a host that kept 15 days whatever it was given,
 * or lapsed a day early, passed them.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { makeSimulator, startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';

const zhang = demoResident('zhang')!;
const REPORTED = Date.parse('2026-11-26T02:00:00.000Z');
const DAY = 86_400_000;

describe('a temporary loss lapses after the region’s number of days', () => {
  let host: RunningSimulator | undefined;
  let clock = new Date(REPORTED);
  let key = 0;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  async function reportedWith(rules: { temporaryLossLapseDays?: number }) {
    clock = new Date(REPORTED);
    host = await startSimulator({ now: () => clock, rules });
    const answer = await host.request('POST', `/v1/cards/${zhang.cardNumber}/temporary-loss`, {
      body: { idNumber: zhang.idNumber },
      idempotencyKey: `t-${++key}`,
    });
    return answer.json() as { state: string; temporaryLossLapsesAt: string };
  }
  const stateAfter = async (ms: number) => {
    clock = new Date(REPORTED + ms);
    return (await host!.request('GET', `/v1/cards/${zhang.cardNumber}`)).json().state as string;
  };

  it('15 days by default: still lost a second before, active at the 15th day', async () => {
    expect((await reportedWith({})).temporaryLossLapsesAt).toBe(new Date(REPORTED + 15 * DAY).toISOString());
    expect(await stateAfter(15 * DAY - 1_000)).toBe('temporarilyLost');
    expect(await stateAfter(15 * DAY)).toBe('active');
  });

  it('a region of 30 days: still lost after 15, active at the 30th day, and the day said at the report', async () => {
    const reported = await reportedWith({ temporaryLossLapseDays: 30 });
    expect(reported).toMatchObject({
      state: 'temporarilyLost',
      temporaryLossLapsesAt: new Date(REPORTED + 30 * DAY).toISOString(),
    });
    expect(await stateAfter(15 * DAY)).toBe('temporarilyLost');
    expect(await stateAfter(30 * DAY)).toBe('active');
  });

  it('a number of days that is not a whole number above 0 stops the host at its start, naming the rule', () => {
    for (const days of [0, -15, 1.5]) {
      expect(() => makeSimulator({ rules: { temporaryLossLapseDays: days } })).toThrow(
        /temporaryLossLapseDays/,
      );
    }
  });
});

/**
 * RULES.md, "Balance, records and withdrawal": caps are checked by the kiosk and again by the
 * host; the host's answer wins, and the kiosk never relaxes a host decision. Where the host's caps
 * are stricter than the kiosk's configuration, the kiosk offers and accepts no more than the host;
 * where the host is looser (the simulator allows two a day whatever the kiosk says), the kiosk's
 * own caps still bind.
 */
import { describe, expect, it } from '@jest/globals';
import { initialTransition, transition } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { largestWithdrawal, rulesWithHostCaps, withdrawalRefusal } from './withdrawal-rules.js';
import type { WithdrawalRules } from './withdrawal-rules.js';
import { withdrawalMachine } from './withdrawal.machine.js';
import type { WithdrawalEvent } from './withdrawal.types.js';
import { QUOTA, withdrawalInput } from '../../testing/withdrawal-harness.js';

const KIOSK: WithdrawalRules = {
  singleMaxFen: 50_000,
  dailyMaxFen: 100_000,
  dailyCountMax: 2,
  noteFen: 10_000,
};
const done = (id: string, output?: unknown): AnyEventObject => ({ type: `xstate.done.actor.${id}`, output });

function run(events: AnyEventObject[]) {
  let [s, actions] = initialTransition(
    withdrawalMachine,
    withdrawalInput(() => 0, true),
  );
  for (const e of events) [s, actions] = transition(withdrawalMachine, s, e as WithdrawalEvent);
  return { s, actions };
}

describe('withdrawal caps: the host is stricter, the kiosk never offers more', () => {
  it('tightens each cap to the host’s where the host’s is lower, never loosens one', () => {
    expect(
      rulesWithHostCaps(KIOSK, { singleMaxFen: 30_000, dailyMaxFen: 200_000, dailyCountMax: 1 }),
    ).toEqual({
      singleMaxFen: 30_000,
      dailyMaxFen: 100_000,
      dailyCountMax: 1,
      noteFen: 10_000,
    });
    expect(
      rulesWithHostCaps(KIOSK, { singleMaxFen: 100_000, dailyMaxFen: 200_000, dailyCountMax: 9 }),
    ).toEqual(KIOSK);
    expect(rulesWithHostCaps(KIOSK)).toBe(KIOSK);
  });

  it('WITHDRAWAL_SINGLE_CAP_EXCEEDED: 500 yuan refused before the host when the host pays at most 300', () => {
    const quota = { ...QUOTA, hostCaps: { singleMaxFen: 30_000, dailyMaxFen: 100_000, dailyCountMax: 2 } };
    const { s } = run([done('fetchWithdrawalQuota', quota), { type: 'AMOUNT_CHOSEN', amountFen: 50_000 }]);
    expect(s.value).toBe('chooseAmount');
    expect(s.context.error?.code).toBe('WITHDRAWAL_SINGLE_CAP_EXCEEDED');
    expect(largestWithdrawal(quota, s.context.rules)).toBe(30_000);
  });

  it('WITHDRAWAL_DAILY_COUNT_EXCEEDED: ends before any choice when the host allows one a day and one is used', () => {
    const quota = {
      ...QUOTA,
      withdrawalsToday: 1,
      withdrawnTodayFen: 10_000,
      hostCaps: { singleMaxFen: 50_000, dailyMaxFen: 100_000, dailyCountMax: 1 },
    };
    const { s } = run([done('fetchWithdrawalQuota', quota)]);
    expect(s.value).toBe('done');
    expect(s.context.error?.code).toBe('WITHDRAWAL_DAILY_COUNT_EXCEEDED');
  });

  it('WITHDRAWAL_DAILY_CAP_EXCEEDED: the host’s lower daily cap binds the amount', () => {
    const quota = {
      ...QUOTA,
      withdrawalsToday: 1,
      withdrawnTodayFen: 40_000,
      hostCaps: { singleMaxFen: 50_000, dailyMaxFen: 60_000, dailyCountMax: 2 },
    };
    const { s } = run([done('fetchWithdrawalQuota', quota), { type: 'AMOUNT_CHOSEN', amountFen: 30_000 }]);
    expect(s.context.error?.code).toBe('WITHDRAWAL_DAILY_CAP_EXCEEDED');
    expect(withdrawalRefusal(20_000, quota, s.context.rules)).toBeNull();
  });

  it('the kiosk’s own count binds when the host allows more withdrawals a day', () => {
    const quota = {
      ...QUOTA,
      withdrawalsToday: 2,
      withdrawnTodayFen: 20_000,
      hostCaps: { singleMaxFen: 50_000, dailyMaxFen: 100_000, dailyCountMax: 9 },
    };
    const { s } = run([done('fetchWithdrawalQuota', quota)]);
    expect(s.value).toBe('done');
    expect(s.context.error?.code).toBe('WITHDRAWAL_DAILY_COUNT_EXCEEDED');
  });
});

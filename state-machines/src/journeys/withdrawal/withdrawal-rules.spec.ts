import { describe, expect, it } from '@jest/globals';
import { largestWithdrawal, withdrawalRefusal } from './withdrawal-rules.js';
import type { WithdrawalQuota, WithdrawalRules } from './withdrawal-rules.js';

const rules: WithdrawalRules = {
  singleMaxFen: 50_000,
  dailyMaxFen: 100_000,
  dailyCountMax: 2,
  noteFen: 10_000,
};
const fresh: WithdrawalQuota = { balanceFen: 356_780, withdrawnTodayFen: 0, withdrawalsToday: 0 };

describe('withdrawal rules', () => {
  it.each<[string, number, WithdrawalQuota, string | null]>([
    ['accepts 500 yuan on a fresh day', 50_000, fresh, null],
    ['refuses zero', 0, fresh, 'WITHDRAWAL_AMOUNT_INVALID'],
    ['refuses a negative amount', -10_000, fresh, 'WITHDRAWAL_AMOUNT_INVALID'],
    ['refuses a fraction of a fen', 10_000.5, fresh, 'WITHDRAWAL_AMOUNT_INVALID'],
    ['refuses 150 yuan with 100-yuan notes', 15_000, fresh, 'WITHDRAWAL_NOT_NOTE_MULTIPLE'],
    ['refuses 600 yuan over the single cap', 60_000, fresh, 'WITHDRAWAL_SINGLE_CAP_EXCEEDED'],
    [
      'refuses a third withdrawal in a day',
      10_000,
      { ...fresh, withdrawalsToday: 2, withdrawnTodayFen: 20_000 },
      'WITHDRAWAL_DAILY_COUNT_EXCEEDED',
    ],
    [
      'refuses going over 1000 yuan in a day',
      50_000,
      { ...fresh, withdrawalsToday: 1, withdrawnTodayFen: 60_000 },
      'WITHDRAWAL_DAILY_CAP_EXCEEDED',
    ],
    [
      'accepts reaching exactly the daily cap',
      40_000,
      { ...fresh, withdrawalsToday: 1, withdrawnTodayFen: 60_000 },
      null,
    ],
    ['refuses more than the balance', 40_000, { ...fresh, balanceFen: 35_000 }, 'INSUFFICIENT_BALANCE'],
  ])('%s', (_, amount, quota, refusal) => {
    expect(withdrawalRefusal(amount, quota, rules)).toBe(refusal);
  });

  it('accepts 50-yuan multiples where 50-yuan notes are loaded', () => {
    expect(withdrawalRefusal(15_000, fresh, { ...rules, noteFen: 5_000 })).toBeNull();
  });

  it('offers the largest amount the caps, the day and the balance allow, in whole notes', () => {
    expect(largestWithdrawal(fresh, rules)).toBe(50_000);
    expect(largestWithdrawal({ ...fresh, withdrawalsToday: 1, withdrawnTodayFen: 70_000 }, rules)).toBe(
      30_000,
    );
    expect(largestWithdrawal({ ...fresh, balanceFen: 35_678 }, rules)).toBe(30_000);
    expect(largestWithdrawal({ ...fresh, withdrawalsToday: 2 }, rules)).toBe(0);
    expect(largestWithdrawal({ ...fresh, balanceFen: 9_999 }, rules)).toBe(0);
  });
});

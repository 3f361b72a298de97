/**
 * The kiosk offers and accepts only amounts the notes it holds can make (the note mix itself, with
 * its property spec over seeded loads, is `@kiosk/domain`'s note-mix spec).
 */
import { describe, expect, it } from '@jest/globals';
import type { CashUnit } from '@kiosk/domain';
import { amountRefusal, offeredAmounts } from './withdrawal-cash-rules.js';
import type { WithdrawalQuota, WithdrawalRules } from './withdrawal-rules.js';

const YUAN = 100;
const notes = (yuan: number, count: number): CashUnit => ({ denominationFen: yuan * YUAN, count });
const RULES: WithdrawalRules = {
  singleMaxFen: 50_000,
  dailyMaxFen: 100_000,
  dailyCountMax: 2,
  noteFen: 10_000,
};
const FRESH: WithdrawalQuota = { balanceFen: 356_780, withdrawnTodayFen: 0, withdrawalsToday: 0 };

describe('CASH_AMOUNT_NOT_PAYABLE: the amount is not makeable with the notes left', () => {
  it('refuses 500 yuan while the cassettes hold 300, and offers up to 300', () => {
    const cash = [notes(100, 3), notes(50, 0)];
    expect(amountRefusal(50_000, FRESH, RULES, cash)).toBe('CASH_AMOUNT_NOT_PAYABLE');
    expect(amountRefusal(30_000, FRESH, RULES, cash)).toBeNull();
    expect(offeredAmounts(FRESH, RULES, cash)).toEqual([10_000, 20_000, 30_000]);
  });

  it('refuses 150 yuan when only 100-yuan notes are left, though 50-yuan steps are the rule', () => {
    const rules = { ...RULES, noteFen: 5_000 };
    const cash = [notes(100, 10), notes(50, 0)];
    expect(amountRefusal(15_000, FRESH, rules, cash)).toBe('CASH_AMOUNT_NOT_PAYABLE');
    expect(offeredAmounts(FRESH, rules, cash)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
  });

  it('refuses 200 yuan when one 100-yuan and one 50-yuan note are left, offers 50, 100 and 150', () => {
    const rules = { ...RULES, noteFen: 5_000 };
    const cash = [notes(100, 1), notes(50, 1)];
    expect(amountRefusal(20_000, FRESH, rules, cash)).toBe('CASH_AMOUNT_NOT_PAYABLE');
    expect(offeredAmounts(FRESH, rules, cash)).toEqual([5_000, 10_000, 15_000]);
  });

  it('says the rule’s refusal first: 600 yuan is over the single cap whatever the notes', () => {
    expect(amountRefusal(60_000, FRESH, RULES, [notes(100, 3)])).toBe('WITHDRAWAL_SINGLE_CAP_EXCEEDED');
  });

  it('offers nothing when the cassettes make no amount', () => {
    expect(offeredAmounts(FRESH, RULES, [notes(100, 0), notes(50, 0)])).toEqual([]);
    expect(amountRefusal(10_000, FRESH, RULES, [])).toBe('CASH_AMOUNT_NOT_PAYABLE');
  });

  it('offers within the caps and the balance as before when the cassettes are full', () => {
    const cash = [notes(100, 200), notes(50, 200)];
    expect(offeredAmounts(FRESH, RULES, cash)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
    expect(offeredAmounts({ ...FRESH, balanceFen: 25_000 }, RULES, cash)).toEqual([10_000, 20_000]);
  });
});

/**
 * The kiosk offers only amounts the notes it holds can make. Property-style: for many cassette
 * loads (a seeded generator, so a failure repeats), every amount said makeable comes with a mix of
 * the notes present that makes it exactly, and every amount refused is made by no combination of
 * counts at all (checked by trying every one).
 */
import { describe, expect, it } from '@jest/globals';
import {
  amountRefusal,
  makeableAmounts,
  noteMix,
  offeredAmounts,
  type CashUnit,
} from './withdrawal-cash-rules.js';
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

/** mulberry32: a small seeded generator, so every run draws the same loads. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Every amount any choice of counts makes, with the fewest notes it takes: the slow truth. */
function everyMix(units: readonly CashUnit[]): Map<number, number> {
  let made = new Map<number, number>([[0, 0]]);
  for (const u of units) {
    const next = new Map<number, number>();
    for (const [amount, n] of made) {
      for (let k = 0; k <= Math.max(0, u.count); k += 1) {
        const a = amount + k * u.denominationFen;
        const known = next.get(a);
        if (known === undefined || n + k < known) next.set(a, n + k);
      }
    }
    made = next;
  }
  return made;
}

describe('amounts the notes can make', () => {
  const random = seeded(20_261_127);
  const DENOMINATIONS = [100, 50, 20, 10];
  const loads = Array.from({ length: 150 }, () => {
    const cassettes = 1 + Math.floor(random() * 4);
    const units = Array.from({ length: cassettes }, () =>
      notes(DENOMINATIONS[Math.floor(random() * DENOMINATIONS.length)] ?? 100, Math.floor(random() * 9)),
    );
    return {
      units,
      limit: (1 + Math.floor(random() * 60)) * 10 * YUAN,
      maxNotes: 2 + Math.floor(random() * 20),
    };
  });

  it('makes every amount it says it can, exactly, with the notes present and within the notes per dispense', () => {
    const wrong: string[] = [];
    for (const { units, limit, maxNotes } of loads) {
      for (const amount of makeableAmounts(units, limit, maxNotes)) {
        const mix = noteMix(amount, units, maxNotes) ?? [];
        const made = mix.reduce((sum, k, i) => sum + k * (units[i]?.denominationFen ?? 0), 0);
        const used = mix.reduce((sum, k) => sum + k, 0);
        const held = mix.every((k, i) => k >= 0 && k <= (units[i]?.count ?? 0));
        if (mix.length !== units.length || made !== amount || used > maxNotes || !held || amount > limit)
          wrong.push(`${amount} from ${JSON.stringify(units)}: ${JSON.stringify(mix)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses only amounts no combination of the notes present makes', () => {
    for (const { units, limit, maxNotes } of loads) {
      const truth = [...everyMix(units)]
        .filter(([amount, n]) => amount > 0 && amount <= limit && n <= maxNotes)
        .map(([amount]) => amount)
        .sort((a, b) => a - b);
      expect(makeableAmounts(units, limit, maxNotes)).toEqual(truth);
      const mixed: number[] = [];
      for (let amount = 10 * YUAN; amount <= limit; amount += 10 * YUAN) {
        if (noteMix(amount, units, maxNotes) !== null) mixed.push(amount);
      }
      expect(mixed).toEqual(truth.filter((amount) => amount % (10 * YUAN) === 0));
    }
  });

  it('finds 60 and 110 yuan from 50- and 20-yuan notes, where taking the largest note first fails', () => {
    const units = [notes(50, 5), notes(20, 5)];
    expect(noteMix(60 * YUAN, units)).toEqual([0, 3]);
    expect(noteMix(110 * YUAN, units)).toEqual([1, 3]);
    expect(makeableAmounts(units, 100 * YUAN)).toEqual(
      [20, 40, 50, 60, 70, 80, 90, 100].map((y) => y * YUAN),
    );
    expect(noteMix(30 * YUAN, units)).toBeNull();
  });

  it('leaves out notes that would exceed the notes one dispense may count', () => {
    expect(makeableAmounts([notes(10, 100)], 1_000 * YUAN, 60).at(-1)).toBe(600 * YUAN);
    expect(noteMix(610 * YUAN, [notes(10, 100)], 60)).toBeNull();
  });

  it('makes nothing from cassettes without notes, or with nonsense in them', () => {
    expect(makeableAmounts([notes(100, 0), notes(50, 0)], 500 * YUAN)).toEqual([]);
    expect(makeableAmounts([], 500 * YUAN)).toEqual([]);
    expect(
      makeableAmounts(
        [
          { denominationFen: 0, count: 5 },
          { denominationFen: 10_000, count: -1 },
        ],
        50_000,
      ),
    ).toEqual([]);
    expect(noteMix(0, [notes(100, 5)])).toBeNull();
    expect(noteMix(10_000.5, [notes(100, 5)])).toBeNull();
  });
});

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

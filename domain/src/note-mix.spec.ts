/**
 * The note mix, the one rule the screen offers amounts by and the dispenser counts notes by.
 * Property-style: for many cassette loads (a seeded generator, so a failure repeats), every amount
 * said makeable comes with a mix of the notes present that makes it exactly, and every amount
 * refused is made by no combination of counts at all (checked by trying every one).
 */
import {
  MAX_NOTES_PER_DISPENSE,
  makeableAmounts,
  mixNotes,
  notesAboveReserve,
  smallestNoteOf,
  type CashUnit,
} from './note-mix.js';
import { createPrng } from './prng.js';

const YUAN = 100;
const notes = (yuan: number, count: number, present?: boolean): CashUnit => ({
  denominationFen: yuan * YUAN,
  count,
  ...(present === undefined ? {} : { present }),
});
const countsOf = (amountFen: number, units: readonly CashUnit[], maxNotes?: number) => {
  const mix = mixNotes(amountFen, units, maxNotes);
  return mix.ok ? mix.counts : null;
};

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
  // mulberry32: every run draws the same loads
  const random = createPrng(20_261_127).next;
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
        const mix = mixNotes(amount, units, maxNotes);
        const counts = mix.ok ? mix.counts : [];
        const made = counts.reduce((sum, k, i) => sum + k * (units[i]?.denominationFen ?? 0), 0);
        const used = counts.reduce((sum, k) => sum + k, 0);
        const held = counts.every((k, i) => k >= 0 && k <= (units[i]?.count ?? 0));
        const counted = mix.ok && mix.noteCount === used;
        if (
          counts.length !== units.length ||
          made !== amount ||
          used > maxNotes ||
          !held ||
          !counted ||
          amount > limit
        )
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
        if (mixNotes(amount, units, maxNotes).ok) mixed.push(amount);
      }
      expect(mixed).toEqual(truth.filter((amount) => amount % (10 * YUAN) === 0));
    }
  });

  it('pays with the fewest notes, earlier units first among equal mixes', () => {
    expect(mixNotes(350 * YUAN, [notes(100, 10), notes(50, 10)])).toEqual({
      ok: true,
      counts: [3, 1],
      noteCount: 4,
    });
    expect(countsOf(500 * YUAN, [notes(100, 2), notes(50, 10)])).toEqual([2, 6]);
    expect(countsOf(300 * YUAN, [notes(100, 50), notes(100, 5)])).toEqual([3, 0]);
  });

  it('finds 60 and 110 yuan from 50- and 20-yuan notes, where taking the largest note first fails', () => {
    const units = [notes(50, 5), notes(20, 5)];
    expect(countsOf(60 * YUAN, units)).toEqual([0, 3]);
    expect(countsOf(110 * YUAN, units)).toEqual([1, 3]);
    expect(makeableAmounts(units, 100 * YUAN)).toEqual(
      [20, 40, 50, 60, 70, 80, 90, 100].map((y) => y * YUAN),
    );
    expect(mixNotes(30 * YUAN, units)).toEqual({ ok: false, reason: 'notEnoughNotes' });
  });

  it(`leaves out notes that would exceed the ${MAX_NOTES_PER_DISPENSE} notes one dispense may count`, () => {
    expect(makeableAmounts([notes(10, 100)], 1_000 * YUAN).at(-1)).toBe(600 * YUAN);
    expect(mixNotes(610 * YUAN, [notes(10, 100)])).toEqual({ ok: false, reason: 'tooManyNotes' });
    expect(mixNotes(1_000 * YUAN, [notes(100, 0), notes(50, 100)], 10)).toEqual({
      ok: false,
      reason: 'tooManyNotes',
    });
    // 61 notes of 100 yuan are more than one dispense counts, whatever is loaded
    expect(mixNotes(100 * YUAN * 61, [notes(100, 100), notes(50, 100)])).toEqual({
      ok: false,
      reason: 'tooManyNotes',
    });
  });

  it.each([
    [0, 'invalidAmount'],
    [-100, 'invalidAmount'],
    [12.5, 'invalidAmount'],
    [Number.NaN, 'invalidAmount'],
    [120 * YUAN, 'notAMultiple'],
  ])('refuses %p (%s)', (amount, reason) => {
    expect(mixNotes(amount, [notes(100, 100), notes(50, 100)])).toEqual({ ok: false, reason });
  });

  it('refuses when the notes loaded cannot pay it', () => {
    expect(mixNotes(500 * YUAN, [notes(100, 2), notes(50, 1)])).toEqual({
      ok: false,
      reason: 'notEnoughNotes',
    });
    expect(mixNotes(50 * YUAN, [notes(100, 10), notes(50, 0)])).toEqual({
      ok: false,
      reason: 'notAMultiple',
    });
  });

  it('makes nothing from cassettes without notes, pulled out, or with nonsense in them', () => {
    expect(makeableAmounts([notes(100, 0), notes(50, 0)], 500 * YUAN)).toEqual([]);
    expect(makeableAmounts([], 500 * YUAN)).toEqual([]);
    expect(makeableAmounts([notes(100, 10, false)], 500 * YUAN)).toEqual([]);
    expect(mixNotes(100 * YUAN, [notes(100, 10, false)])).toEqual({ ok: false, reason: 'notEnoughNotes' });
    expect(countsOf(100 * YUAN, [notes(100, 10, false), notes(50, 10)])).toEqual([0, 2]);
    const nonsense = [
      { denominationFen: 0, count: 5 },
      { denominationFen: 10_000, count: -1 },
      { denominationFen: 10_000, count: 2.5 },
      { denominationFen: 10_000, count: Number.POSITIVE_INFINITY },
    ];
    expect(makeableAmounts(nonsense, 50_000)).toEqual([]);
    expect(mixNotes(10_000, nonsense)).toEqual({ ok: false, reason: 'notEnoughNotes' });
    expect(mixNotes(10_000.5, [notes(100, 5)])).toEqual({ ok: false, reason: 'invalidAmount' });
  });

  it('offers from the notes above each cassette’s reserve, and none from a cassette pulled out', () => {
    const loaded = [
      { denominationFen: 10_000, count: 5, emptyThreshold: 2 },
      { denominationFen: 5_000, count: 1, emptyThreshold: 3 },
      { denominationFen: 2_000, count: 9, present: false },
    ];
    expect(notesAboveReserve(loaded).map((u) => u.count)).toEqual([3, 0]);
    expect(smallestNoteOf(notesAboveReserve(loaded))).toBe(10_000);
  });

  it('reports the smallest note held', () => {
    expect(smallestNoteOf([notes(100, 10), notes(50, 10)])).toBe(5_000);
    expect(smallestNoteOf([notes(100, 10), notes(50, 0)])).toBe(10_000);
    expect(smallestNoteOf([notes(100, 10, false)])).toBeUndefined();
  });
});

/**
 * The note mix: which notes make an amount exactly (RULES.md "Balance, records and withdrawal").
 * One rule for the screen (the amounts the kiosk offers and accepts) and the dispenser (the notes
 * it counts), so an amount offered is one the dispenser pays. A greedy pass (largest note first)
 * misses mixes such as 60 yuan from 50- and 20-yuan notes, so this is an exact search: the fewest
 * notes for each amount, cassette by cassette, bounded by the notes present, the amount asked and
 * the notes one dispense may count.
 */
import type { Fen } from './journeys.js';

/** LCDM-2000 style limit of notes in one dispense (the dispenser refuses more). */
export const MAX_NOTES_PER_DISPENSE = 60;

/** Notes the kiosk may pay out of one cassette. */
export interface CashUnit {
  readonly denominationFen: Fen;
  readonly count: number;
  /** false when the cassette is pulled out: it makes nothing */
  readonly present?: boolean;
}

/** A cassette as loaded: its notes at or under `emptyThreshold` are a reserve for rejected notes. */
export interface StockedCashUnit extends CashUnit {
  readonly emptyThreshold?: number;
}

export type NoteMixRefusal = 'invalidAmount' | 'notAMultiple' | 'notEnoughNotes' | 'tooManyNotes';

/** The notes to take from each unit, in the units' order, or why no mix makes the amount. */
export type NoteMix =
  | { readonly ok: true; readonly counts: readonly number[]; readonly noteCount: number }
  | { readonly ok: false; readonly reason: NoteMixRefusal };

/** A unit in place, with a whole positive number of notes of a whole positive denomination. */
export const holdsNotes = (u: CashUnit): boolean =>
  u.present !== false &&
  Number.isSafeInteger(u.denominationFen) &&
  u.denominationFen > 0 &&
  Number.isSafeInteger(u.count) &&
  u.count > 0;

/** Each unit in place less its reserve: the notes the kiosk offers amounts from. */
export function notesAboveReserve<T extends StockedCashUnit>(units: readonly T[]): T[] {
  return units
    .filter((u) => u.present !== false)
    .map((u) => ({ ...u, count: Math.max(0, u.count - (u.emptyThreshold ?? 0)) }));
}

/** The smallest note the units hold, or undefined when they hold none. */
export function smallestNoteOf(units: readonly CashUnit[]): Fen | undefined {
  const held = units.filter(holdsNotes);
  return held.length === 0 ? undefined : Math.min(...held.map((u) => u.denominationFen));
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Bounded knapsack over amount steps (`step` fen each, the notes' common divisor) up to `steps`:
 * `best[s]` is the fewest notes that make `s` steps from all the units, and `taken[i][s]` how many
 * of the fewest that make `s` from units 0..i come from unit `i` (the fewest among equal mixes, so
 * earlier units pay more).
 */
function fewestNotes(units: readonly CashUnit[], step: number, steps: number) {
  const INF = Number.POSITIVE_INFINITY;
  let best = new Float64Array(steps + 1).fill(INF);
  best[0] = 0;
  const taken: Int32Array[] = [];
  for (const unit of units) {
    const next = new Float64Array(steps + 1).fill(INF);
    const take = new Int32Array(steps + 1);
    const size = holdsNotes(unit) ? unit.denominationFen / step : 0;
    for (let s = 0; s <= steps; s += 1) {
      const most = size === 0 ? 0 : Math.min(unit.count, Math.floor(s / size));
      for (let k = 0; k <= most; k += 1) {
        const candidate = (best[s - k * size] ?? INF) + k;
        if (candidate < (next[s] ?? INF)) {
          next[s] = candidate;
          take[s] = k;
        }
      }
    }
    taken.push(take);
    best = next;
  }
  return { best, taken };
}

/**
 * The notes from each unit (in the units' order) that make `amountFen` exactly with the fewest
 * notes, at most `maxNotes`; among equal mixes, earlier units pay more. Units out of place or
 * without notes take none.
 */
export function mixNotes(
  amountFen: Fen,
  units: readonly CashUnit[],
  maxNotes: number = MAX_NOTES_PER_DISPENSE,
): NoteMix {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return { ok: false, reason: 'invalidAmount' };
  const held = units.filter(holdsNotes);
  if (held.length === 0) return { ok: false, reason: 'notEnoughNotes' };
  const step = held.reduce((g, u) => gcd(g, u.denominationFen), 0);
  if (amountFen % step !== 0) return { ok: false, reason: 'notAMultiple' };
  if (amountFen > Math.max(...held.map((u) => u.denominationFen)) * maxNotes)
    return { ok: false, reason: 'tooManyNotes' };
  if (held.reduce((sum, u) => sum + u.denominationFen * u.count, 0) < amountFen)
    return { ok: false, reason: 'notEnoughNotes' };

  const steps = amountFen / step;
  const { best, taken } = fewestNotes(units, step, steps);
  const noteCount = best[steps] ?? Number.POSITIVE_INFINITY;
  if (noteCount === Number.POSITIVE_INFINITY) return { ok: false, reason: 'notEnoughNotes' };
  if (noteCount > maxNotes) return { ok: false, reason: 'tooManyNotes' };
  const counts = units.map(() => 0);
  let rest = steps;
  for (let i = units.length - 1; i >= 0; i -= 1) {
    const unit = units[i];
    const k = taken[i]?.[rest] ?? 0;
    if (unit && k > 0) {
      counts[i] = k;
      rest -= (k * unit.denominationFen) / step;
    }
  }
  return { ok: true, counts, noteCount };
}

/** Every amount from one note up to `limitFen` the notes make exactly, ascending. */
export function makeableAmounts(
  units: readonly CashUnit[],
  limitFen: Fen,
  maxNotes: number = MAX_NOTES_PER_DISPENSE,
): Fen[] {
  const held = units.filter(holdsNotes);
  if (!(limitFen > 0) || held.length === 0) return [];
  const step = held.reduce((g, u) => gcd(g, u.denominationFen), 0);
  // no more than `maxNotes` of the largest note: the work is bounded by what one dispense pays
  const reach = Math.min(limitFen, Math.max(...held.map((u) => u.denominationFen)) * Math.max(0, maxNotes));
  const { best } = fewestNotes(held, step, Math.floor(reach / step));
  const amounts: Fen[] = [];
  best.forEach((notes, s) => {
    if (s > 0 && notes <= maxNotes) amounts.push(s * step);
  });
  return amounts;
}

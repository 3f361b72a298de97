/**
 * The note mix: which notes from which cassette pay an amount. Pure, so the kiosk can check an
 * amount before offering it and the dispenser refuses before a note moves. Pays with the fewest
 * notes; among equal mixes, takes from the larger denomination and the fuller cassette first.
 */
import { ErrorCode } from '@kiosk/domain';
import type { Cassette, NoteCount } from './cash-dispenser.port.js';

/** LCDM-2000 style limit of notes in one dispense. */
export const MAX_NOTES_PER_DISPENSE = 60;

export type NoteMixRefusal = 'invalidAmount' | 'notAMultiple' | 'notEnoughNotes' | 'tooManyNotes';

export type NotePlan =
  | { readonly ok: true; readonly notes: readonly NoteCount[]; readonly noteCount: number }
  | {
      readonly ok: false;
      readonly code: typeof ErrorCode.CASH_AMOUNT_NOT_PAYABLE;
      readonly reason: NoteMixRefusal;
    };

type CassetteStock = Pick<Cassette, 'id' | 'denominationFen' | 'count'> & {
  readonly present?: boolean;
  /** notes at or under this count are a reserve: used only when no mix without them pays */
  readonly emptyThreshold?: number;
};

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

const refuse = (reason: NoteMixRefusal): NotePlan => ({
  ok: false,
  code: ErrorCode.CASH_AMOUNT_NOT_PAYABLE,
  reason,
});

/** The smallest amount step the loaded notes can pay (0 when nothing is loaded). */
export function smallestNoteFen(cassettes: readonly CassetteStock[]): number {
  const usable = cassettes.filter((c) => c.present !== false && c.count > 0);
  return usable.length === 0 ? 0 : Math.min(...usable.map((c) => c.denominationFen));
}

/**
 * The notes that pay `amountFen`. A mix that leaves each cassette's reserve (its empty threshold)
 * in place comes first: the dispenser replaces a rejected note from the same cassette, so the
 * reserve is what a reject draws on. When only the reserve can pay, it pays (the kiosk offers
 * amounts from the notes above the reserve, so that is a staff-set threshold, not a refusal).
 */
export function planNotes(
  amountFen: number,
  cassettes: readonly CassetteStock[],
  maxNotes: number = MAX_NOTES_PER_DISPENSE,
): NotePlan {
  if (cassettes.some((c) => (c.emptyThreshold ?? 0) > 0)) {
    const aboveReserve = cassettes.map((c) => ({
      ...c,
      count: Math.max(0, c.count - (c.emptyThreshold ?? 0)),
    }));
    const plan = planAll(amountFen, aboveReserve, maxNotes);
    if (plan.ok) return plan;
  }
  return planAll(amountFen, cassettes, maxNotes);
}

function planAll(amountFen: number, cassettes: readonly CassetteStock[], maxNotes: number): NotePlan {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return refuse('invalidAmount');
  const usable = cassettes
    .filter(
      (c) =>
        c.present !== false &&
        c.count > 0 &&
        Number.isSafeInteger(c.denominationFen) &&
        c.denominationFen > 0,
    )
    .sort((a, b) => b.denominationFen - a.denominationFen || b.count - a.count);
  if (usable.length === 0) return refuse('notEnoughNotes');
  const unit = usable.reduce((g, c) => gcd(g, c.denominationFen), 0);
  if (amountFen % unit !== 0) return refuse('notAMultiple');
  const largest = usable[0]?.denominationFen ?? unit;
  if (amountFen > largest * maxNotes) return refuse('tooManyNotes');
  const units = amountFen / unit;
  const stock = usable.reduce((sum, c) => sum + c.denominationFen * c.count, 0);
  if (stock < amountFen) return refuse('notEnoughNotes');

  // Bounded knapsack over amount units: best[u] = fewest notes paying u with cassettes so far.
  const INF = Number.POSITIVE_INFINITY;
  let best = new Array<number>(units + 1).fill(INF);
  best[0] = 0;
  const taken: Int32Array[] = [];
  for (const c of usable) {
    const step = c.denominationFen / unit;
    const next = new Array<number>(units + 1).fill(INF);
    const take = new Int32Array(units + 1);
    for (let u = 0; u <= units; u += 1) {
      // fewest notes from this cassette among equal mixes: earlier (larger, fuller) ones pay more
      const most = Math.min(c.count, Math.floor(u / step));
      for (let k = 0; k <= most; k += 1) {
        const candidate = (best[u - k * step] ?? INF) + k;
        if (candidate < (next[u] ?? INF)) {
          next[u] = candidate;
          take[u] = k;
        }
      }
    }
    taken.push(take);
    best = next;
  }
  const fewest = best[units] ?? INF;
  if (fewest === INF) return refuse('notEnoughNotes');
  if (fewest > maxNotes) return refuse('tooManyNotes');

  const notes: NoteCount[] = [];
  let rest = units;
  for (let i = usable.length - 1; i >= 0; i -= 1) {
    const c = usable[i];
    const k = taken[i]?.[rest] ?? 0;
    if (c && k > 0) notes.unshift({ cassetteId: c.id, denominationFen: c.denominationFen, count: k });
    rest -= k * ((c?.denominationFen ?? unit) / unit);
  }
  return { ok: true, notes, noteCount: fewest };
}

/**
 * The dispenser's note plan: which notes from which cassette pay an amount, by the note mix in
 * `@kiosk/domain` (the rule the screen offers amounts by). Pure, so the dispenser refuses before a
 * note moves. Pays with the fewest notes; among equal mixes, takes from the larger denomination and
 * the fuller cassette first.
 */
import { ErrorCode, MAX_NOTES_PER_DISPENSE, mixNotes, notesAboveReserve } from '@kiosk/domain';
import type { NoteMixRefusal } from '@kiosk/domain';
import type { Cassette, NoteCount } from './cash-dispenser.port.js';

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
    const plan = planFrom(amountFen, notesAboveReserve(cassettes), maxNotes);
    if (plan.ok) return plan;
  }
  return planFrom(amountFen, cassettes, maxNotes);
}

function planFrom(amountFen: number, cassettes: readonly CassetteStock[], maxNotes: number): NotePlan {
  const ordered = cassettes
    .filter((c) => c.present !== false)
    .sort((a, b) => b.denominationFen - a.denominationFen || b.count - a.count);
  const mix = mixNotes(amountFen, ordered, maxNotes);
  if (!mix.ok) return { ok: false, code: ErrorCode.CASH_AMOUNT_NOT_PAYABLE, reason: mix.reason };
  const notes = ordered.flatMap((c, i): NoteCount[] => {
    const count = mix.counts[i] ?? 0;
    return count > 0 ? [{ cassetteId: c.id, denominationFen: c.denominationFen, count }] : [];
  });
  return { ok: true, notes, noteCount: mix.noteCount };
}

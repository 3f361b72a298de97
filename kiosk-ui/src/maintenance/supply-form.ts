/**
 * What staff typed in a supply's refill or bin-emptying form, read as the request the daemon is
 * sent, or the field that does not read. Nothing typed is dropped or guessed: a count that is not
 * a whole number (a sign, a decimal point, a letter) is refused on the screen rather than the act
 * sent without it (a count before loading left out skips the journal's check of it), a refill of
 * nothing is not a refill, and a cassette's notes are the denomination staff say they loaded (the
 * daemon refuses notes not of the cassette's, MAINTENANCE_COUNT_MISMATCH), never the cassette's own
 * taken for them.
 */
import type { MaintenanceSupplyView } from '@kiosk/domain';

/** Renminbi notes staff may say they loaded into a cassette, in fen (100 yuan down to 1 yuan). */
export const YUAN_NOTES_FEN = [10000, 5000, 2000, 1000, 500, 100] as const;

/** The form's fields as typed: the count loaded or taken out, the count before loading, the notes chosen. */
export interface SupplyFormInput {
  readonly first: string;
  readonly second: string;
  /** the notes' denomination chosen, in fen ('' while none is) */
  readonly notes: string;
}

export type SupplyFormField = 'first' | 'second' | 'notes';

export type SupplyFormRequest =
  | { readonly kind: 'empty'; readonly counted: number }
  | {
      readonly kind: 'refill';
      readonly added: number;
      readonly countedBefore?: number;
      readonly denominationFen?: number;
    }
  | { readonly kind: 'invalid'; readonly field: SupplyFormField };

/** A whole count as staff type it (digits only, up to 100,000), else undefined. */
function countOf(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return undefined;
  const count = Number(trimmed);
  return count <= 100_000 ? count : undefined;
}

/** Whether the form of this supply asks for the count before loading (a stock the device counts). */
export const asksCountBefore = (s: Pick<MaintenanceSupplyView, 'role' | 'countedBy'>): boolean =>
  s.role === 'stock' && s.countedBy === 'device';

/**
 * Whether this supply is replaced whole and only sensed (the receipt printer's roll): the device
 * holds one and cannot count it, so its form asks for no count, only that a new one is in (one
 * loaded, the only refill the daemon takes of it).
 */
export const replacedWhole = (s: Pick<MaintenanceSupplyView, 'role' | 'count' | 'capacity'>): boolean =>
  s.role === 'stock' && s.count === null && s.capacity === 1;

/** Whether the form of this supply asks which notes were loaded (a cassette). */
export const asksNotes = (s: Pick<MaintenanceSupplyView, 'role' | 'denominationFen'>): boolean =>
  s.role === 'stock' && s.denominationFen !== null;

/** The request of what staff typed, or the first field that does not read. */
export function supplyFormRequest(
  s: Pick<MaintenanceSupplyView, 'role' | 'countedBy' | 'denominationFen' | 'count' | 'capacity'>,
  input: SupplyFormInput,
): SupplyFormRequest {
  if (replacedWhole(s)) return { kind: 'refill', added: 1 };
  const first = countOf(input.first);
  if (s.role === 'bin')
    return first === undefined ? { kind: 'invalid', field: 'first' } : { kind: 'empty', counted: first };
  if (first === undefined || first === 0) return { kind: 'invalid', field: 'first' };
  const typedBefore = asksCountBefore(s) && input.second.trim() !== '';
  const countedBefore = typedBefore ? countOf(input.second) : undefined;
  if (typedBefore && countedBefore === undefined) return { kind: 'invalid', field: 'second' };
  const notes = Number(input.notes);
  const chosen = (YUAN_NOTES_FEN as readonly number[]).includes(notes) ? notes : undefined;
  if (asksNotes(s) && chosen === undefined) return { kind: 'invalid', field: 'notes' };
  return {
    kind: 'refill',
    added: first,
    ...(countedBefore !== undefined && { countedBefore }),
    ...(asksNotes(s) && { denominationFen: chosen }),
  };
}

/**
 * The kiosk's own journaled steps that move a card blank (`kiosk-fed-blank.ts`,
 * `kiosk-rejected-blank.ts`), and the read both make of the journal's count they move: one list
 * and one read for a feed, a reject and a staff verdict's blank.
 */
import type { JournalService } from '../journal/journal.service.js';

/** The kiosk's own steps that take a blank from the hopper. */
export const FEED_STEPS: readonly string[] = ['card.feed', 'maintenance.testCard.feed'];

/** The kiosk's own steps that file a blank in the reject bin (field staff's test card's among them). */
export const REJECT_STEPS: readonly string[] = [
  'card.reject',
  'card.retract',
  'recovery.card.reject',
  'maintenance.testCard.reject',
];

/** Of those, the ones whose card is inside the printer when they start (not at the slot). */
export const REJECTS_FROM_INSIDE: readonly string[] = [
  'card.reject',
  'recovery.card.reject',
  'maintenance.testCard.reject',
];

/**
 * The journal's count of the card printer's `counter` moved by `by` (a blank fed: the hopper -1; a
 * blank rejected: the bin +1), and the last counters record it was read after; undefined when the
 * journal has no count of it (none is made up from nothing).
 */
export async function journalCountMoved(
  journal: JournalService,
  counter: 'blanks' | 'rejectBin',
  by: number,
): Promise<{ readonly count: number; readonly after: number } | undefined> {
  // the record id first: a record written between the two reads is after it
  const after = await journal.counters.lastRecord();
  const kept = (await journal.counters.latestCounters()).cardPrinter?.counters[counter];
  return kept === undefined ? undefined : { count: kept + by, after };
}

/**
 * A blank the kiosk takes from the hopper (the journey's `card.feed`, field staff's test card's
 * `maintenance.testCard.feed`) in the journal's count of a hopper the printer does not count, so
 * the card blanks' reconciliation (RULES.md: every blank issued, rejected or still in the hopper,
 * reconciled with what staff loaded) has a hopper count on such a printer. Staff's refill sets the
 * count (`maintenance-supplies.service.ts`); each blank fed sets it one down. A printer that counts
 * its hopper is left to its own count: never overridden by the journal's.
 *
 * Journal first, count second, exactly once across a restart at any instant, as a kiosk's reject
 * (`kiosk-rejected-blank.ts`): the feed's intent carries the count it makes (`journalBlanks`) and
 * the last counters record before it (`countsAfter`); once the blank left the hopper the counters
 * set that count (`DeviceCountersService.recordCountsOnce`: set, never subtracted again, nothing
 * when a record since has it or the hopper moved another way: a refill). A blank left the hopper
 * when its feed is done, or failed or had no outcome with a card inside the printer after it (a
 * jam, a blank stopped on its way: the reject that follows files it as spoiled); a feed begun with
 * a card inside already is refused and counts none (its intent carries no count). A restart between
 * the feed and its record is caught up by boot recovery from the journaled steps
 * (`catchUpKioskFeeds`, run with the rejects' catch-up).
 */
import { countOf, type CardPrinterPort, type PrinterCardPosition } from '@kiosk/device-drivers';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { detailCount, type JournaledStep } from '../journal/step-detail.js';
import { FEED_STEPS, REJECTS_FROM_INSIDE, journalCountMoved } from './blank-steps.js';

/** The hopper's count as the printer reports it; undefined from a printer that does not count it. */
export function hopperCount(printer: CardPrinterPort): number | undefined {
  return countOf(printer.status().supplies, 'cardHopper') ?? undefined;
}

/** the count a feed makes and the record it was read after, as its intent journals them */
type HopperCountMade = { readonly journalBlanks: number; readonly countsAfter: number };

/**
 * The journal's hopper count with one blank fewer in it and the last record it was read after;
 * undefined for a printer that counts its hopper, or when the journal has no count of it (or
 * counts it empty: none is made up below nothing, the reconciliation shows the difference).
 */
async function hopperCountMade(
  journal: JournalService,
  printer: CardPrinterPort,
): Promise<HopperCountMade | undefined> {
  if (hopperCount(printer) !== undefined) return undefined;
  const made = await journalCountMoved(journal, 'blanks', -1);
  return made === undefined || made.count < 0
    ? undefined
    : { journalBlanks: made.count, countsAfter: made.after };
}

function recordMade(
  journal: JournalService,
  printer: CardPrinterPort,
  made: HopperCountMade,
): Promise<boolean> {
  const act = {
    counts: { blanks: made.journalBlanks },
    before: { blanks: made.journalBlanks + 1 },
    after: made.countsAfter,
  };
  return journal.counters.recordCountsOnce('cardPrinter', act, deviceCountersOf(printer.status()));
}

/**
 * Takes a blank from the hopper through `journaled` (the journaled feed, given the count detail for
 * its intent), then counts it out of the journal's count of the hopper, when the printer does not
 * count it: after a feed done, or after one that failed with a card inside (then rethrown).
 */
export async function feedCounted<T>(
  journal: JournalService,
  printer: CardPrinterPort,
  journaled: (count: StepDetail) => Promise<T>,
): Promise<T> {
  // a card inside already (left by an earlier run): the printer refuses the feed, no blank leaves
  // the hopper, and the card found inside after it is that one: no count, in the intent either
  const made = printer.cardPosition() === 'none' ? await hopperCountMade(journal, printer) : undefined;
  let result: T;
  try {
    result = await journaled(made ?? {});
  } catch (e) {
    if (made && printer.cardPosition() !== 'none') await recordMade(journal, printer, made);
    throw e;
  }
  if (made) await recordMade(journal, printer, made);
  return result;
}

/**
 * Boot recovery's catch-up of the kiosk's feeds in one transaction (`steps`, as read before
 * recovery acted; `position`: where the printer's card was then): every feed done, a failed one
 * followed by a reject from inside (its blank was inside), and the last one without outcome (or
 * failed, not yet rejected) when a card is inside, set from its intent's count (once). Nothing on a printer that counts its hopper.
 */
export async function catchUpKioskFeeds(
  journal: JournalService,
  printer: CardPrinterPort,
  steps: readonly JournaledStep[],
  position: PrinterCardPosition,
): Promise<void> {
  if (hopperCount(printer) !== undefined) return;
  const counted: HopperCountMade[] = [];
  let open: { readonly step: string; readonly made: HopperCountMade | undefined } | undefined;
  let failed: HopperCountMade | undefined;
  for (const s of steps) {
    if (failed && REJECTS_FROM_INSIDE.includes(s.step) && s.phase === 'intent') {
      counted.push(failed);
      failed = undefined;
    }
    if (!FEED_STEPS.includes(s.step)) continue;
    if (s.phase === 'intent') {
      failed = undefined;
      const journalBlanks = detailCount(s, 'journalBlanks');
      const countsAfter = detailCount(s, 'countsAfter');
      const made =
        journalBlanks !== undefined && countsAfter !== undefined ? { journalBlanks, countsAfter } : undefined;
      open = { step: s.step, made };
    } else if (open?.step === s.step && (s.phase === 'done' || s.phase === 'failed')) {
      if (s.phase === 'done' && open.made) counted.push(open.made);
      if (s.phase === 'failed') failed = open.made;
      open = undefined;
    }
  }
  // a card inside at boot: the last feed without outcome, or failed with no reject yet, took it
  const inside = open?.made ?? failed;
  if (inside && position !== 'none') counted.push(inside);
  for (const made of counted) await recordMade(journal, printer, made);
}

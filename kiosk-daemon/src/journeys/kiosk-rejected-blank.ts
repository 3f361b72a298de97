/**
 * A blank the kiosk itself files in the reject bin (the journey's `card.reject` and `card.retract`,
 * boot recovery's `recovery.card.reject`, field staff's test card's `maintenance.testCard.reject`)
 * in the journal's count of a bin the printer does not
 * count, so the card blanks' reconciliation (spoiled = the bin's rises) explains it. A printer that
 * counts its bin is left to its own count (recorded as it is): never counted twice.
 *
 * Journal first, count second, exactly once across a restart at any instant, as a staff verdict's
 * blank (`staff-counted-blank.ts`): the act's intent carries the count it makes (`journalBin`) and
 * the last counters record before it (`countsAfter`); once done, the counters set that count
 * (`DeviceCountersService.recordRejectBinOnce`: set, never added, nothing when a record since has
 * it or the bin moved). A restart between the act and its record is caught up by boot recovery from
 * the journaled step (`catchUpKioskRejects`); a blank whose reject had no outcome journaled and is
 * no longer inside at boot went to the bin and is counted the same way. A retract without outcome
 * is not: where that card went is staff's verdict (`recovery.needsStaff`), which counts it.
 */
import {
  countOf,
  type CardPrinterPort,
  type CardRejectReason,
  type PrinterCardPosition,
} from '@kiosk/device-drivers';
import { KioskError } from '@kiosk/domain';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { isJournalFault } from '../journal/journal-write-errors.js';
import { detailCount, type JournaledStep } from '../journal/step-detail.js';
import { journaledAct, recordDeviceCounters } from './journey-tools.js';
import { FEED_STEPS, REJECT_STEPS, REJECTS_FROM_INSIDE, journalCountMoved } from './blank-steps.js';
import { catchUpKioskFeeds } from './kiosk-fed-blank.js';

/** The reject bin's count as the printer reports it; undefined from a printer that does not count. */
export function rejectBinCount(printer: CardPrinterPort): number | undefined {
  return countOf(printer.status().supplies, 'rejectBin') ?? undefined;
}

/** the count a reject makes and the record it was read after, as its intent journals them */
type BinCountMade = { readonly journalBin: number; readonly countsAfter: number };

/**
 * The journal's reject bin count with one more blank in it and the last record it was read after;
 * undefined for a printer that counts its bin, or when the journal has no count of it (none made up).
 */
async function binCountMade(
  journal: JournalService,
  printer: CardPrinterPort,
): Promise<BinCountMade | undefined> {
  if (rejectBinCount(printer) !== undefined) return undefined;
  const made = await rejectBinWithOneMore(journal);
  return made && { journalBin: made.count, countsAfter: made.after };
}

/**
 * The journal's count of the reject bin with one more blank in it, and the last counters record it
 * was read after; undefined when the journal has no count of the bin (none is made up from nothing).
 * A kiosk's own reject and a supervisor's verdict (`staff-counted-blank.ts`) journal these.
 */
export function rejectBinWithOneMore(
  journal: JournalService,
): Promise<{ readonly count: number; readonly after: number } | undefined> {
  return journalCountMoved(journal, 'rejectBin', 1);
}

function recordMade(journal: JournalService, printer: CardPrinterPort, made: BinCountMade): Promise<boolean> {
  const device = deviceCountersOf(printer.status());
  return journal.counters.recordRejectBinOnce(made.journalBin, made.countsAfter, device);
}

/**
 * Files a blank in the reject bin through `journaled` (the journaled act, given the count detail
 * for its intent), then counts it in the journal's count of the bin, when the printer does not.
 */
export async function rejectCounted<T>(
  journal: JournalService,
  printer: CardPrinterPort,
  journaled: (count: StepDetail) => Promise<T>,
): Promise<T> {
  const made = await binCountMade(journal, printer);
  const result = await journaled(made ?? {});
  if (made) await recordMade(journal, printer, made);
  return result;
}

/** Whether a transaction's steps take a blank from the hopper or file one in the reject bin (a staff visit's test card). */
export function filesBlanks(steps: readonly JournaledStep[]): boolean {
  return steps.some((s) => REJECT_STEPS.includes(s.step) || FEED_STEPS.includes(s.step));
}

/**
 * Boot recovery's blank left inside the printer at `position` (a card making's, a staff visit's
 * test card): filed in the reject bin as `recovery.card.reject`, counted as the kiosk's rejects
 * (`rejectCounted`; caught up at the next boot if a restart cuts it off). A refusal leaves it where
 * it is (`recovery.blank` with the code; the printer's status keeps issuance out of service): its
 * code is answered (undefined once filed). The journal refusing a write of it is thrown, never
 * taken for the printer's refusal (a card making's new card would be left for staff at the slot
 * while it lies in the bin).
 * Boot reconciled the counters before this reject: the printer's counts are recorded as they are.
 */
export async function rejectBlankLeftAtBoot(
  journal: JournalService,
  printer: CardPrinterPort,
  transactionId: string,
  position: PrinterCardPosition,
  reason: CardRejectReason,
): Promise<string | undefined> {
  let refused: string | undefined;
  try {
    await rejectCounted(journal, printer, (count) =>
      journaledAct(journal, transactionId, 'recovery.card.reject', () => printer.ejectToRejectBin(reason), {
        position,
        ...count,
      }),
    );
  } catch (e) {
    // the journal refusing the reject's steps or count is no refusal of the printer's: the caller
    // learns it (the reject's intent without outcome, its count, caught up when it is read again)
    if (isJournalFault(e)) throw e;
    refused = KioskError.from(e).code;
    await journal.recordStep(transactionId, 'recovery.blank', 'event', { position, refused });
  }
  await recordDeviceCounters(journal, printer.status());
  return refused;
}

/**
 * Boot recovery's catch-up of the kiosk's rejects in one transaction (`steps`, as read before
 * recovery acted; `position`: where the printer's card was then): every reject done, and a reject
 * from inside with no outcome whose blank is gone, set from its intent's count (once). A card
 * making's recovery runs it (`issuance-recovery.ts`), and so does a staff visit's (its test cards).
 * The feeds' counts of a hopper the printer does not count are caught up first, the same way
 * (`kiosk-fed-blank.ts` catchUpKioskFeeds).
 */
export async function catchUpKioskRejects(
  journal: JournalService,
  printer: CardPrinterPort,
  steps: readonly JournaledStep[],
  position: PrinterCardPosition,
): Promise<void> {
  await catchUpKioskFeeds(journal, printer, steps, position);
  if (rejectBinCount(printer) !== undefined) return;
  const counted: BinCountMade[] = [];
  let open: { readonly step: string; readonly made: BinCountMade | undefined } | undefined;
  for (const s of steps) {
    if (!REJECT_STEPS.includes(s.step)) continue;
    if (s.phase === 'intent') {
      const journalBin = detailCount(s, 'journalBin');
      const countsAfter = detailCount(s, 'countsAfter');
      const made =
        journalBin !== undefined && countsAfter !== undefined ? { journalBin, countsAfter } : undefined;
      open = { step: s.step, made };
    } else if (open?.step === s.step && (s.phase === 'done' || s.phase === 'failed')) {
      if (s.phase === 'done' && open.made) counted.push(open.made);
      open = undefined;
    }
  }
  if (open?.made && position === 'none' && REJECTS_FROM_INSIDE.includes(open.step)) counted.push(open.made);
  for (const made of counted) await recordMade(journal, printer, made);
}

/**
 * Where a supervisor's verdict on a card making puts its blank in the journal's printer counters
 * (`recovery.staffCounted`, `issuance-staff-settlement.ts`): found in the reject bin of a printer
 * that does not count it, one more card in the journal's count of the bin; taken or missing, the
 * bin as it was (a card taken is counted issued by `card.taken`, `cards-issued.ts`).
 *
 * Journal first, count second, exactly once across a restart at any instant: the step is journaled
 * with the count it makes (`rejectBin`) and the last counters record when it was made (`after`,
 * `DeviceCountersService.lastRecord`), then the counters record that count
 * (`DeviceCountersService.recordRejectBinOnce`, which sets and never adds, and records nothing when
 * a record after `after` has it already or the bin moved since). A restart before the step counts
 * nothing (the verdict carried through at the next boot counts once); one between the step and its
 * record is caught up from the step when the verdict is carried through (at boot, or sent again);
 * one after both moves nothing. (The count stored before its step, as it was, made a restart between
 * the two count the card twice, and the blanks' reconciliation show a difference no card explains.)
 */
import type { CardPrinterPort } from '@kiosk/device-drivers';
import type { CardWhereabouts } from '@kiosk/domain';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import type { JournalService } from '../journal/journal.service.js';
import { detailCount, type JournaledStep } from '../journal/step-detail.js';
import { rejectBinCount, rejectBinWithOneMore } from './kiosk-rejected-blank.js';

export const STAFF_COUNTED_STEP = 'recovery.staffCounted';

/**
 * The blank of a card making staff settled as `card` accounted for in the journal's printer
 * counters, once: journaled then counted, or, its step journaled already (`steps`), its count
 * caught up from the step.
 */
export async function countStaffSettledBlank(
  journal: JournalService,
  printer: CardPrinterPort,
  transactionId: string,
  card: CardWhereabouts,
  steps: readonly JournaledStep[],
): Promise<void> {
  const device = deviceCountersOf(printer.status());
  // a printer that counts its bin: its count is the truth, recorded as it is (setting, not adding)
  const counted = rejectBinCount(printer) !== undefined;
  const journaled = steps.findLast((s) => s.step === STAFF_COUNTED_STEP);
  if (journaled) {
    const rejectBin = detailCount(journaled, 'rejectBin');
    const after = detailCount(journaled, 'after');
    // an older release's step carries no count: it was counted before it was journaled
    if (!counted && rejectBin !== undefined && after !== undefined)
      await journal.counters.recordRejectBinOnce(rejectBin, after, device);
    return;
  }
  const blank = card === 'inRejectBin' ? 'rejectBin' : card === 'taken' ? 'issued' : 'missing';
  const one = !counted && card === 'inRejectBin' ? await rejectBinWithOneMore(journal) : undefined;
  const made = one && { rejectBin: one.count, after: one.after };
  await journal.recordStep(transactionId, STAFF_COUNTED_STEP, 'event', { blank, ...made });
  if (made) await journal.counters.recordRejectBinOnce(made.rejectBin, made.after, device);
  else if (device) await journal.counters.recordCounters('cardPrinter', device);
}

/**
 * The cards issued: a card counts as issued once, when its hand-over to the resident is journaled
 * (`card.taken`), never for a card made and not taken, pulled back, rejected or missing. The three
 * hands that can say a card was taken journal it here: the journey (the resident took it from the
 * slot), boot recovery (presented, gone from the printer, not pulled back) and a supervisor's
 * verdict `taken` (ADR 0010). The step carries the count it makes (`issued`, the card printer's
 * count of cards issued ever), then the device counters record it: journal first, count second.
 *
 * Exactly once across restarts: a transaction's hand-over is journaled at most once (a
 * `card.taken` step with a count in its steps is not journaled again), and recording the count is
 * setting it to the step's number, not adding one (`DeviceCountersService.recordIssued`), so the
 * same hand-over recorded again moves nothing. A restart between the step and its record is caught
 * up by the self test's recovery (`catchUpCardsIssued`), from the last `card.taken` journaled; so
 * is one whose counters write failed (logged, never in the way of telling the office of the card).
 * Counts only: the step names the card masked, the counters hold numbers.
 */
import { Logger } from '@nestjs/common';
import { KioskError, OneAtATime } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import { detailCount, type JournaledStep } from '../journal/step-detail.js';

export const CARD_TAKEN_STEP = 'card.taken';

const log = new Logger('CardsIssued');

/** one hand-over counted at a time per journal: two never get the same number */
const counting = new OneAtATime<JournalService>();

/** Who said the card was taken, journaled beside the count: the journey says nothing more. */
export type HandOverWitness = { readonly by: 'recovery' } | { readonly staff: string } | Record<never, never>;

/**
 * Journals the card of `transactionId` handed to the resident (`card`: its number masked) with the
 * issued count it makes, unless its steps have that already, then records the count. `steps`: the
 * transaction's steps as the caller read them (none written since that it reads); absent: read.
 */
export function countCardIssued(
  journal: JournalService,
  transactionId: string,
  card: string,
  witness: HandOverWitness = {},
  steps?: readonly JournaledStep[],
): Promise<number> {
  return counting.run(journal, async () => {
    const read = steps ?? (await journal.stepsOf(transactionId));
    let issued = detailCount(
      read.findLast((s) => s.step === CARD_TAKEN_STEP),
      'issued',
    );
    if (issued === undefined) {
      // none journaled (or an older release's, without a count): this hand-over is the next card
      issued = (await issuedSoFar(journal)) + 1;
      await journal.recordStep(transactionId, CARD_TAKEN_STEP, 'event', { card, issued, ...witness });
    }
    try {
      await journal.counters.recordIssued(issued);
    } catch (e) {
      // the hand-over is journaled with its count: the office is still told of the card, the next
      // card counts on from the step, and the self test's catch-up records it
      log.warn(
        `cards issued ${issued} not recorded in the counters: ${KioskError.from(e).code}; caught up at the next self test`,
      );
    }
    return issued;
  });
}

/**
 * The self test's catch-up: the issued count of the last hand-over journaled recorded in the
 * device counters, when a restart (or a failed write) came between the two. Returns the count set,
 * or undefined when the counters had it already.
 */
export function catchUpCardsIssued(journal: JournalService): Promise<number | undefined> {
  return counting.run(journal, async () => {
    const issued = detailCount((await journal.lastStepNamed(CARD_TAKEN_STEP)) ?? undefined, 'issued');
    if (issued === undefined) return undefined;
    return (await journal.counters.recordIssued(issued)) ? issued : undefined;
  });
}

/** Cards issued so far: the higher of the counters' count and the last hand-over journaled. */
async function issuedSoFar(journal: JournalService): Promise<number> {
  const recorded = (await journal.counters.latestCounters()).cardPrinter?.counters.issued ?? 0;
  const journaled = detailCount((await journal.lastStepNamed(CARD_TAKEN_STEP)) ?? undefined, 'issued') ?? 0;
  return Math.max(recorded, journaled);
}

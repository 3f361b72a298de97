/**
 * Where a card left in the reader for staff went, once it leaves the reader with no session running
 * (`card-left-in-reader.ts`): journaled in the transaction that left it (`card.leftGone`, beside its
 * `card.unaccounted`) as the kiosk is told it is gone, so a reader of the journal (staff, a
 * reconciliation, the next boot's `cardKeptForStaff`) sees the card accounted for: taken at the
 * slot, pulled out of the reader, captured later, or found gone (at a session's end; at boot, from
 * a reader that captures, `after: restart`: the slot-card service's `takenWhileDown`). The kiosk's
 * alert alone cleared, the journal kept the card unaccounted for for good.
 */
import type { Logger } from '@nestjs/common';
import type { CardEvent } from '@kiosk/device-drivers';
import type { JournalService } from '../journal/journal.service.js';
import { outlivingItsJourney } from '../journal/late-writes.js';
import { CARD_LEFT_GONE, cardKeptForStaffStep } from './boot-card-capture.js';

/** Where a card left for staff went: taken at the slot, pulled out, captured, or found gone. */
export type CardLeftGoneWhere = 'takenAtSlot' | 'pulledOut' | 'captured' | 'foundGone';

/** Where the card went by the reader's event that took it away (none: found gone). */
export function cardLeftGoneBy(event: CardEvent['type'] | undefined): CardLeftGoneWhere {
  if (event === 'taken') return 'takenAtSlot';
  if (event === 'removed') return 'pulledOut';
  if (event === 'retracted') return 'captured';
  return 'foundGone';
}

/**
 * Journals where the card left for staff went (`card.leftGone`) in the transaction whose
 * `card.unaccounted` left it, while it is the one kept for staff (nothing moved, read or said of it
 * since); nothing otherwise. `after`: found gone at boot. A journal that refuses is logged, never thrown: the card is gone.
 */
export async function journalCardLeftGone(
  journal: JournalService,
  where: CardLeftGoneWhere,
  log: Pick<Logger, 'warn'>,
  after?: 'restart',
): Promise<void> {
  try {
    const left = await cardKeptForStaffStep(journal);
    if (!left) return;
    const gone = { where, readerSays: 'none', ...(after && { after }) };
    await outlivingItsJourney('a card left for staff gone from the reader', () =>
      journal.recordStep(left.transactionId, CARD_LEFT_GONE, 'event', gone),
    );
  } catch (e) {
    log.warn(`the card left for staff is gone (${where}) but the journal did not take it: ${String(e)}`);
  }
}

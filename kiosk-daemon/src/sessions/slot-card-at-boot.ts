/**
 * The slot-card service's (`slot-card-recovery.ts`) answers at boot for a card the journal says was
 * left at the slot, or for staff, in a reader that cannot hold it back (ADR 0002):
 * - the reader empty: a card an open transaction had left at the slot was taken while the kiosk was
 *   down (or as it stopped), journaled in that transaction; so is a card kept for staff in a reader
 *   that cannot capture (it stuck out of the slot), in a wait of its own closed at once; one kept for
 *   staff in a reader that captures is journaled found gone (`card.leftGone`, `card-left-gone.ts`);
 * - a card in a reader that cannot tell the slot from inside nor capture (a motorless presence
 *   reader, which says `inReader` for a card in its slot): one an open transaction left in the slot
 *   (boot recovery journaled it so), or one kept for staff (an earlier `card.unaccounted`, or the
 *   reader silent when boot stopped waiting for its word), is marked handed back (no move) and
 *   waited for until it is taken, in a wait of its own (`cardLeftAtSlot`, open until then: a later
 *   restart finds it again), `leftBy` that transaction; any other (a stray card: its return left
 *   open, or pushed in while the kiosk was down) is handed back as one found inside, the journeys
 *   not held back for it, as before the restart.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import type { CardReaderPort } from '@kiosk/device-drivers';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { cardKeptForStaffStep } from './boot-card-capture.js';
import { journalCardLeftGone } from './card-left-gone.js';
import { LEFT_AT_SLOT_JOURNEY, SLOT_CARD_STEP, slotCardOwner, STRAY_JOURNEYS } from './slot-card-journal.js';
import type { SlotCardOutcome } from './slot-card-settle.js';

/** What the answers at boot use of the slot-card service. */
export interface SlotCardAtBootDeps {
  readonly journal: JournalService;
  readonly log: Pick<Logger, 'log' | 'warn'>;
  /** the card at the slot waited for in a wait of its own (`cardLeftAtSlot`), `found` said in it */
  readonly waitLeftAtSlot: (found: StepDetail) => Promise<SlotCardOutcome>;
  /** a card no transaction left there handed back and waited for, as one found inside at boot */
  readonly handBack: () => Promise<SlotCardOutcome>;
}

/** The transaction whose card a reader that cannot capture holds in its slot (none: not known). */
async function leftInSlotBy(
  journal: JournalService,
  reader: Pick<CardReaderPort, 'canCapture'>,
  openIds: readonly string[],
): Promise<{ readonly owner: string } | { readonly keptBy: string } | undefined> {
  const owner = await slotCardOwner(journal, openIds);
  if (owner !== undefined) return { owner };
  const kept = reader.canCapture() ? undefined : await cardKeptForStaffStep(journal);
  return kept && { keptBy: kept.transactionId };
}

/**
 * The reader says no card at boot: a card an open transaction had left at the slot, or one kept for
 * staff in a reader that cannot capture, was taken while the kiosk was down; else nothing.
 */
export async function takenWhileDown(
  deps: Pick<SlotCardAtBootDeps, 'journal' | 'log'>,
  reader: Pick<CardReaderPort, 'canCapture'>,
  openIds: readonly string[],
): Promise<SlotCardOutcome> {
  const { journal, log } = deps;
  const left = await leftInSlotBy(journal, reader, openIds);
  if (left === undefined) {
    // a card kept for staff in a reader that captures, gone while the kiosk was down: said where
    if (reader.canCapture()) await journalCardLeftGone(journal, 'foundGone', log, 'restart');
    return 'none';
  }
  if ('owner' in left) {
    await journal.recordStep(left.owner, SLOT_CARD_STEP, 'event', { where: 'taken', after: 'restart' });
  } else {
    const wait = await journal.openTransaction(randomUUID(), LEFT_AT_SLOT_JOURNEY);
    const taken = { where: 'taken', after: 'restart', leftBy: left.keptBy };
    await journal.recordStep(wait, SLOT_CARD_STEP, 'event', taken);
    await journal.closeTransaction(wait, 'completed', null);
  }
  log.log('the card left at the slot was taken while the kiosk was down');
  return 'taken';
}

/**
 * A card in the slot of a reader that cannot tell it from inside nor capture it, at boot. A stray
 * card's return left open (no resident's session left it there) is handed back as one found inside,
 * not held back for (ADR 0002).
 */
export async function inPresenceReaderAtBoot(
  deps: SlotCardAtBootDeps,
  reader: CardReaderPort,
  open: readonly { readonly id: string; readonly journey: string }[],
): Promise<SlotCardOutcome> {
  const openIds = open.map((t) => t.id);
  const left = await leftInSlotBy(deps.journal, reader, openIds);
  const stray = (id: string) => STRAY_JOURNEYS.includes(open.find((t) => t.id === id)?.journey ?? '');
  if (left === undefined || ('owner' in left && stray(left.owner))) return deps.handBack();
  // taken while the journal was read
  if (reader.cardPosition() === 'none') return takenWhileDown(deps, reader, openIds);
  await reader.eject();
  return deps.waitLeftAtSlot({ after: 'restart', leftBy: 'owner' in left ? left.owner : left.keptBy });
}

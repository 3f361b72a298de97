/**
 * A new card left at the card printer's slot (`card.leftAtSlot`: the journey's retract the offline
 * or silent printer could not do) settled while the kiosk runs, once the printer answers again, not
 * left until the next boot or field staff come. When and how with the kiosk:
 * `card-printer-back-watch.ts`.
 *
 * Each such card making still open is settled by boot recovery's own rules (`recoverCardMakingAtBoot`,
 * `recoverIssuance`): its slot read once as the printer answered (the driver's reading refreshed by
 * the watch's self test just before), then at the slot → retracted into the reject bin, counted there
 * once, reported abandoned; gone → taken, counted issued once, reported issued (the report the
 * journey held released); the printer silent again → `recovery.needsStaff` again, left open for its
 * next comeback, the next boot or staff. Closed as recovery closes it once settled.
 *
 * Journal first: `recovery.cardPrinterBack` (with where the printer reads the card) before any act,
 * each act journaled before it is done. A restart anywhere in it is a restart of recovery: the
 * transaction is still open, and the next boot carries it through from the journal once, as any
 * recovery cut short (a reject with no outcome whose card is gone went to the bin, never issued).
 * A fault on one card (the journal refusing its step, ...) is that card's alone: answered with its
 * code (`failed`), left where the journal says for the next reason to look; the pass goes on and
 * what it settled is answered all the same.
 *
 * Turns: in recovery's hands (`SettlementHands.claimForRecovery`), so a boot recovery or a self
 * test's waits for it (and this waits for theirs), a staff settlement is refused meanwhile, and
 * what it settles is read anew in its hands: one another hand closed is not settled again.
 */
import { ErrorCode } from '@kiosk/domain';
import { openCardsLeftAtSlot } from '../journeys/new-card-left-at-slot.js';
import { recoverCardMakingAtBoot, type CardMakingRecoveryDeps } from './card-making-boot-recovery.js';
import { settleEach, type SettlementFailed } from './settle-each.js';
import type { SettlementHands } from './settlement-hands.js';

/** The step journaled when a card making whose new card was left at the slot is taken up again. */
export const CARD_PRINTER_BACK_STEP = 'recovery.cardPrinterBack';

export interface CardsLeftSettled {
  /** settled (issued or abandoned at the host, or handed to the reports' tries) and closed */
  readonly settled: readonly string[];
  /** still undecided (the printer silent again, or where the card went not known): left open */
  readonly leftForStaff: readonly string[];
  /**
   * its settlement threw (the journal refusing a step, the host's report): left open where the
   * journal says, for the next reason to look; the others of the pass settled all the same
   */
  readonly failed: readonly SettlementFailed[];
}

/**
 * Settles the card makings whose new card was left at the slot, but not those of `skip` (tried at
 * this comeback already), in recovery's hands (see above).
 */
export async function settleCardsLeftAtSlot(
  hands: SettlementHands,
  deps: CardMakingRecoveryDeps,
  skip: ReadonlySet<string> = new Set(),
): Promise<CardsLeftSettled> {
  const { journal } = deps;
  const claimed = await hands.claimForRecovery(async () =>
    (await openCardsLeftAtSlot(journal)).filter((id) => !skip.has(id)).map((id) => ({ id })),
  );
  const settled: string[] = [];
  const leftForStaff: string[] = [];
  try {
    const failed = await settleEach(
      claimed.open.map((t) => t.id),
      async (id) => {
        if (await settleOne(deps, id)) settled.push(id);
        else leftForStaff.push(id);
      },
    );
    return { settled, leftForStaff, failed };
  } finally {
    claimed.release();
  }
}

/** One card making settled by recovery's rules and closed: true when settled, false when left for staff. */
async function settleOne(deps: CardMakingRecoveryDeps, id: string): Promise<boolean> {
  const { journal, printer, log } = deps;
  const steps = await journal.stepsOf(id);
  await journal.recordStep(id, CARD_PRINTER_BACK_STEP, 'event', { position: printer.cardPosition() });
  const made = await recoverCardMakingAtBoot(deps, id, steps, { away: false });
  const closed = made.outcome === 'byStaffVerdict' ? made.settled : made.outcome === 'recovered';
  if (!closed) return false;
  if (made.outcome === 'recovered')
    await journal.closeTransaction(id, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
  log.warn(`recovery: ${id} settled once the card printer answered again`);
  return true;
}

/**
 * A new card presented at the slot and not taken whose retract the card printer could not do: the
 * printer offline (its refusal) or silent (no answer). The card may still lie at the slot, or be
 * taken later, and the printer cannot say which now, so it is neither issued nor abandoned yet:
 * journaled for staff (`card.leftAtSlot`, with the retract's code, and `recovery.needsStaff`
 * naming the transaction), the report to the host held, and the journey ends undecided
 * (`NEW_CARD_LEFT_AT_SLOT`). Its transaction is left open (the session's close skips it), so the
 * supervisor's list shows it, and recovery settles it from the journal once the printer answers (the
 * printer's comeback in service, `card-printer-back-watch.ts`, or the next boot) by where the card is then: at the slot → retracted into the reject bin, counted there once, reported
 * abandoned; gone after the failed retract → taken, issued once; the printer unable to tell → staff.
 */
import type { CardPrinterPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, ServiceReason, isUsable, maskCardNumber } from '@kiosk/domain';
import { NEW_CARD_LEFT_AT_SLOT } from '@kiosk/state-machines';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { hasStep, type JournaledStep } from '../journal/step-detail.js';
import type { JourneyTools } from './journey-tools.js';

/** journal step: the new card left at the slot by a retract the printer could not do */
export const CARD_LEFT_AT_SLOT = 'card.leftAtSlot';

/** The retract's failure that leaves the card at the slot: the printer offline or silent. */
export function leftAtSlotBy(printer: CardPrinterPort, retractError: unknown): boolean {
  const code = KioskError.from(retractError).code;
  if (code === ErrorCode.DEVICE_OFFLINE || code === ErrorCode.DEVICE_TIMEOUT) return true;
  try {
    return !isUsable(printer.status());
  } catch {
    return true;
  }
}

/**
 * Journals the card left at the slot for staff and answers the error the journey ends with. A
 * journal that refuses the steps still ends the journey undecided: the retract's failed step is
 * there for recovery and staff.
 */
export async function leaveNewCardAtSlot(
  tools: JourneyTools,
  cardNumber: string,
  retractError: unknown,
): Promise<KioskError> {
  const code = KioskError.from(retractError).code;
  const card = maskCardNumber(cardNumber);
  try {
    await tools.step(CARD_LEFT_AT_SLOT, { forStaff: true, code, card });
    await tools.step('recovery.needsStaff', {
      reason: `the new card of ${tools.transactionId} was left at the slot: the card printer could not retract it (${code})`,
      card,
    });
  } catch {
    // the retract's failure is journaled by `irreversible`; the transaction stays open all the same
  }
  return new KioskError(code, 'The card printer could not take the card back; staff will settle it.', {
    [NEW_CARD_LEFT_AT_SLOT]: true,
  });
}

/**
 * The journey's retract of the new card begun with no outcome journaled: the printer silent past the
 * step's time (the driver waits longer for an answer than the step does), so the machine went on to
 * its report with the card taken for retracted while it may still lie at the slot.
 */
export async function retractUnanswered(
  journal: Pick<JournalService, 'stepsOf'>,
  transactionId: string,
): Promise<boolean> {
  const steps = await journal.stepsOf(transactionId);
  return steps.findLast((s) => s.step === 'card.retract')?.phase === 'intent';
}

/** the steps after a card's presentation that say where it went without the printer */
const SETTLED_AFTER_PRESENT: readonly (readonly [string, string])[] = [
  ['card.taken', 'event'],
  ['card.retract', 'done'],
  ['card.reject', 'done'],
  ['recovery.card.reject', 'done'],
];

/**
 * Recovery's card presented at the slot whose fate the journal does not say (not taken, pulled
 * back or rejected since), met by a card printer that does not answer: the driver reads no card
 * from a printer it cannot talk to, which is no "gone from the slot, taken". Left at the slot for
 * the printer's comeback as a card whose retract it could not do (`card.leftAtSlot` after the
 * restart, `recovery.needsStaff`), the office told nothing; true when so left.
 */
export async function leaveUnsettledCardForSilentPrinter(
  journal: Pick<JournalService, 'recordStep'>,
  printer: CardPrinterPort,
  transactionId: string,
  steps: readonly JournaledStep[],
  card: string | undefined,
): Promise<boolean> {
  const status = printer.status();
  if (isUsable(status) || printer.cardPosition() === 'jammed') return false;
  const presented = steps.findLastIndex((s) => s.step === 'card.present' && s.phase === 'intent');
  if (presented < 0) return false;
  const after = steps.slice(presented);
  if (SETTLED_AFTER_PRESENT.some(([step, phase]) => hasStep(after, step, phase))) return false;
  const code = status.fault?.code ?? ErrorCode.DEVICE_OFFLINE;
  const masked: StepDetail = card === undefined ? {} : { card };
  await journal.recordStep(transactionId, CARD_LEFT_AT_SLOT, 'event', {
    forStaff: true,
    code,
    after: 'restart',
    ...masked,
  });
  await journal.recordStep(transactionId, 'recovery.needsStaff', 'event', {
    reason: `the new card of ${transactionId} was presented at the slot: the card printer does not answer to tell where it is (${code})`,
    ...masked,
  });
  return true;
}

const CARD_JOURNEYS: ReadonlySet<string> = new Set(['issueCard', 'replaceCard']);

/**
 * The open card makings whose new card was left at the slot (`card.leftAtSlot`) and not settled
 * yet (their transaction still open), oldest first: what holds card making back, what the printer's
 * comeback settles, what a card making starting must not touch.
 */
export async function openCardsLeftAtSlot(
  journal: Pick<JournalService, 'openTransactions' | 'stepsOf'>,
): Promise<string[]> {
  const left: string[] = [];
  for (const transaction of await journal.openTransactions()) {
    if (!CARD_JOURNEYS.has(transaction.journey)) continue;
    const steps = await journal.stepsOf(transaction.id);
    if (steps.some((s) => s.step === CARD_LEFT_AT_SLOT)) left.push(transaction.id);
  }
  return left;
}

/** journal step: a card making refused as it started, another's new card left at the slot */
export const REFUSED_FOR_CARD_LEFT = 'issuance.refused';

/**
 * Refuses a card making as it starts, before its fee or any move of the printer, while another card
 * making's new card lies at the slot unsettled (`openCardsLeftAtSlot`): its blank's feed would be
 * refused with that card inside and its reject would pull the other resident's card into the bin
 * under this transaction. The kiosk withdraws card making for it (NEW_CARD_LEFT_AT_SLOT) once it
 * reads the journal with no session running; this closes the instant before that read. Journaled
 * (`issuance.refused`, naming the transactions), then JOURNEY_NOT_OFFERED with the service reason.
 */
export async function refuseWhileNewCardLeftAtSlot(
  journal: Pick<JournalService, 'openTransactions' | 'stepsOf'>,
  tools: Pick<JourneyTools, 'transactionId' | 'step'>,
): Promise<void> {
  const left = (await openCardsLeftAtSlot(journal)).filter((id) => id !== tools.transactionId);
  if (left.length === 0) return;
  const reason = ServiceReason.NEW_CARD_LEFT_AT_SLOT;
  await tools.step(REFUSED_FOR_CARD_LEFT, { reason, leftBy: left.join(',') });
  throw new KioskError(
    ErrorCode.JOURNEY_NOT_OFFERED,
    'Card making is not available right now: a new card is waiting at the card printer for staff. Please try again later or at another kiosk.',
    { reason },
  );
}

/**
 * Closes a session's journey transaction as it ended, unless it is a card making whose new card was
 * left at the slot (`card.leftAtSlot`): that one stays open until it is settled, so the
 * supervisor's list shows it and the next boot's recovery decides it. True when closed.
 */
export async function closeUnlessCardLeftAtSlot(
  journal: JournalService,
  transaction: { readonly transactionId: string; readonly journey: string },
  outcome: string,
  code: string | null,
): Promise<boolean> {
  const { transactionId, journey } = transaction;
  if (CARD_JOURNEYS.has(journey)) {
    const steps = await journal.stepsOf(transactionId);
    if (steps.some((s) => s.step === CARD_LEFT_AT_SLOT)) return false;
  }
  await journal.closeTransaction(transactionId, outcome, code);
  return true;
}

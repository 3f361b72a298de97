import type { CardPrinterPort } from '@kiosk/device-drivers';
import { isUsable, maskCardNumber } from '@kiosk/domain';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { BootHost } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import { CARD_REPORT_STEP, sealedCardNumber, type CardReports } from './card-making-reports.js';
import { countCardIssued } from './cards-issued.js';
import { isJournalFault } from '../journal/journal-write-errors.js';
import { detailCount, detailText, hasStep as has } from '../journal/step-detail.js';
import { journaledAct } from './journey-tools.js';
import { CARD_LEFT_AT_SLOT, leaveUnsettledCardForSilentPrinter } from './new-card-left-at-slot.js';
import { catchUpKioskRejects, rejectBinCount, rejectBlankLeftAtBoot } from './kiosk-rejected-blank.js';

type Steps = Readonly<Awaited<ReturnType<JournalService['stepsOf']>>>;

/**
 * A card-making session cut short by a crash or power loss. The printer remembers where its card
 * is: a blank still inside (personalised or not, printed or not, or presented at the slot with
 * nobody to take it) goes to the reject bin, journaled; a jammed card stays for field staff (the
 * printer reports a hardware error, so no card is made meanwhile). Then the host hears what it
 * was not told: a card presented and gone from the printer, not pulled back, was taken
 * ('issued', so the resident's card can be activated); any other reserved number 'abandoned'.
 * A host that does not answer leaves the step failed in the journal and boot goes on; given the
 * daemon's `reports` (`CardMakingReports`), the report is tried again in the background until the
 * host answers, and sent again at the next boot if a restart comes first; once the host did not
 * answer a call of this boot (`boot.away`) it is handed to those tries without being sent now.
 * A report journaled done (an earlier recovery's, its transaction's close refused) is not sent
 * again; the journal refusing the report's own steps is thrown (the card making not to be closed).
 * A card number sealed that does not open (`sealedCardNumber`) leaves the card decided and counted
 * as ever and its report journaled owed with the code, never thrown out of boot recovery.
 *
 * A card gone from the slot while its retract had no outcome journaled was either pulled in (the
 * reject bin grew past the count the `card.retract` intent carries) or taken before the retract
 * (it did not). A printer that does not count its bin leaves that undecided: `recovery.needsStaff`
 * is journaled, the host is told nothing and false is returned (the transaction stays open, the
 * kiosk out of service until field staff settle it).
 */
export async function recoverIssuance(
  journal: JournalService,
  printer: CardPrinterPort,
  issuance: IssuanceHostService | undefined,
  transactionId: string,
  reports?: CardReports,
  boot?: BootHost,
  /** the transaction's steps as boot recovery read them (none written since that it reads here); absent: read */
  read?: Steps,
): Promise<boolean> {
  const position = printer.cardPosition();
  const steps = read ?? (await journal.stepsOf(transactionId));
  // the kiosk's rejects journaled before the restart and not yet in the journal's bin count
  await catchUpKioskRejects(journal, printer, steps, position);
  // a new card left at the slot by a retract the printer could not do (`new-card-left-at-slot.ts`):
  // a printer that still does not answer cannot say where it is: left for staff, the office told nothing
  const leftAtSlot = steps.some((s) => s.step === CARD_LEFT_AT_SLOT);
  if (leftAtSlot && !isUsable(printer.status())) {
    await journal.recordStep(transactionId, 'recovery.needsStaff', 'event', {
      reason: 'the new card left at the slot: the card printer does not answer to tell where it is',
    });
    return false;
  }
  // a card presented and not settled, the printer not answering: its "no card" is no take
  const card = detailText(
    steps.findLast((s) => s.step === 'issuance.order'),
    'card',
  );
  if (!leftAtSlot && (await leaveUnsettledCardForSilentPrinter(journal, printer, transactionId, steps, card)))
    return false;
  if (position === 'none' || position === 'jammed') {
    await journal.recordStep(transactionId, 'recovery.blank', 'event', { position });
  } else {
    const refused = await rejectBlankLeftAtBoot(journal, printer, transactionId, position, 'other');
    // the new card left at the slot still there, its reject refused (the printer silent again): not
    // abandoned while it lies there to be taken, left for staff, the office told nothing
    if (refused !== undefined && leftAtSlot) {
      await journal.recordStep(transactionId, 'recovery.needsStaff', 'event', {
        reason: `the new card left at the slot: the card printer did not take it back (${refused})`,
      });
      return false;
    }
  }
  const order = [...steps].reverse().find((s) => s.step === 'issuance.order');
  // told already: by the journey, or by an earlier recovery whose transaction's close was refused
  const told = has(steps, 'host.issued', 'done') || has(steps, 'recovery.host.issued', 'done');
  if (!issuance || !order || told) return true;
  // unreadable or not text: as when absent, the host is told nothing (no order to report on)
  const applicationNo = detailText(order, 'applicationNo');
  const { cardNumber, notOpen } = await sealedCardNumber(journal, transactionId);
  // a number that does not open: the card decided as ever, its report left owed (see below)
  const masked = cardNumber ? maskCardNumber(cardNumber) : detailText(order, 'card');
  if (!applicationNo || masked === undefined || (!cardNumber && notOpen === undefined)) return true;
  const retracted = position === 'none' ? retractOutcome(steps, printer) : false;
  if (retracted === undefined) {
    const reason = 'a card left the slot during its retract and the reject bin count cannot tell where';
    await journal.recordStep(transactionId, 'recovery.needsStaff', 'event', { reason, card: masked });
    return false;
  }
  // the card presented is the last blank made; a blank rejected before it (its chip failed) is not it
  const presented = steps.findLastIndex((s) => s.step === 'card.present' && s.phase === 'done');
  const taken =
    position === 'none' &&
    presented >= 0 &&
    !retracted &&
    !has(steps.slice(presented), 'card.reject', 'done') &&
    !pulledInByRecovery(steps.slice(presented));
  const outcome = taken ? 'issued' : 'abandoned';
  // taken: the hand-over journaled and counted before the host hears of it (not again if the journey did)
  if (taken) await countCardIssued(journal, transactionId, masked, { by: 'recovery' }, steps);
  const detail = { outcome, card: masked };
  if (!cardNumber) {
    // it cannot be sent: journaled owed with why, until it opens at a boot or the bound gives it up
    await journal.recordStep(transactionId, CARD_REPORT_STEP, 'intent', {
      ...detail,
      ...(taken ? {} : { reason: 'interrupted' }),
    });
    await journal.recordStep(transactionId, CARD_REPORT_STEP, 'failed', { code: notOpen!, triedAgain: true });
    return true;
  }
  const report = { cardNumber, outcome, ...(taken ? {} : { reason: 'interrupted' }) } as const;
  try {
    if (reports) await reports.report(transactionId, applicationNo, report, detail, boot);
    else
      await journaledAct(
        journal,
        transactionId,
        'recovery.host.issued',
        () => issuance.reportIssuance(applicationNo, report, transactionId),
        detail,
      );
  } catch (e) {
    // the journal refusing the report's steps: not told, not to be closed (settled again when read again)
    if (isJournalFault(e)) throw e;
    // journaled as failed (the background tries took what the host did not answer)
  }
  return true;
}

export { rejectBinCount } from './kiosk-rejected-blank.js';

/**
 * An earlier recovery (a boot's, or the card printer's comeback, cut short by a restart) filed the
 * card in the reject bin: its `recovery.card.reject` done, or begun with no outcome and the card
 * gone since (counted in the bin by `catchUpKioskRejects`): never taken, never issued.
 */
function pulledInByRecovery(steps: Steps): boolean {
  let open = false;
  for (const s of steps) {
    if (s.step !== 'recovery.card.reject') continue;
    if (s.phase === 'done') return true;
    open = s.phase === 'intent';
  }
  return open;
}

/**
 * Whether the card (gone from the printer) was pulled back by `card.retract`: true when the
 * retract is done, or its intent has no outcome and the bin holds more than the intent counted;
 * undefined when that cannot be told (no count in the intent or from the printer).
 */
function retractOutcome(steps: Steps, printer: CardPrinterPort): boolean | undefined {
  if (has(steps, 'card.retract', 'done')) return true;
  const intent = [...steps].reverse().find((s) => s.step === 'card.retract' && s.phase === 'intent');
  if (!intent || has(steps, 'card.retract', 'failed')) return false;
  // a count absent, unreadable or not a count cannot tell: undecided, left to field staff
  const before = detailCount(intent, 'rejectBin');
  const now = rejectBinCount(printer);
  if (before === undefined || now === undefined) return undefined;
  return now > before;
}

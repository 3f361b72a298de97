/**
 * The card makings recovery left for staff, as the supervisor's screen shows them: which card and
 * resident (masked only), the step the kiosk stopped at, a verdict already given whose report to
 * the host did not go through, and the card printer's counts the verdict affects. Reading never
 * fails the view: personal data that does not open reads as null, and so does the journal's record
 * of the printer's counts when it does not read.
 */
import type { CardPrinterPort } from '@kiosk/device-drivers';
import { maskCardNumber, maskIdNumber, maskName, type PendingCardMaking } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import type { PersonalData } from '../journal/journal-personal-data.js';
import { rejectBinCount } from '../journeys/issuance-recovery.js';
import { hopperCount } from '../journeys/kiosk-fed-blank.js';
import { staffVerdictOf } from '../journeys/issuance-staff-settlement.js';
import { oldCardLeftForStaff } from '../journeys/old-card-staff-settlement.js';
import { leftForStaff } from './left-for-staff.js';

const CARD_JOURNEYS = ['issueCard', 'replaceCard'] as const;
type CardJourney = (typeof CARD_JOURNEYS)[number];
const isCardJourney = (journey: string): journey is CardJourney =>
  (CARD_JOURNEYS as readonly string[]).includes(journey);

/** Open card makings with `recovery.needsStaff`, oldest first. */
export async function pendingCardMakings(
  journal: JournalService,
  printer: CardPrinterPort,
): Promise<PendingCardMaking[]> {
  const out: PendingCardMaking[] = [];
  const hopper = hopperCount(printer) ?? null;
  // a record that does not read is left out by latestCounters: the journal's side unknown, the printer's still shown
  const latest = await journal.counters.latestCounters();
  const recorded = latest.cardPrinter?.counters;
  const counters = {
    hopper,
    rejectBinDevice: rejectBinCount(printer) ?? null,
    rejectBinJournal: recorded?.rejectBin ?? null,
  };
  for (const tx of await journal.openTransactions()) {
    if (!isCardJourney(tx.journey)) continue;
    const steps = await journal.stepsOf(tx.id);
    const left = leftForStaff(steps);
    if (!left) continue;
    const personal = await journal.personalDataOf(tx.id).catch((): PersonalData => ({}));
    const oldCard = oldCardLeftForStaff(steps);
    out.push({
      transactionId: tx.id,
      startedAt: tx.startedAt,
      journey: tx.journey,
      card: personal.cardNumber ? maskCardNumber(personal.cardNumber) : null,
      idNumber: personal.idNumber ? maskIdNumber(personal.idNumber) : null,
      name: personal.residentName ? maskName(personal.residentName) : null,
      stoppedAt: left.stoppedAt,
      verdict: staffVerdictOf(steps) ?? null,
      ...(oldCard ? { oldCard } : {}),
      counters,
    });
  }
  return out;
}

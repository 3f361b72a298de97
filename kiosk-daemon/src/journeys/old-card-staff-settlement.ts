/**
 * What field staff do with a damaged card's hand-in that boot recovery could not decide
 * (`recovery.oldCard` `unknown`, `recovery.needsStaff`: its capture cut short and the capture bin
 * count cannot tell where the card went, `old-card-hand-in.ts`). A supervisor looks and says where
 * the old card is: in the capture bin (`inCaptureBin`), given back to the resident (`givenBack`),
 * or found nowhere (`notFound`).
 *
 * Journal first: the verdict is journaled as the transaction's decided `recovery.oldCard` (`where`
 * captured, givenBack or notFound, with who gave it and the reader's capture bin count when it
 * counts), so every later boot reads it as decided and never asks again. Then the count: the
 * reader's counts as it reports them are recorded (set, never added; a reader that counts nothing
 * has no capture bin count the journal keeps, none is made up). The host is not told here: the
 * host hears of a hand-in with the replacement's request, which follows the capture, and recovery
 * tells it nothing of the old card either. The rest of the card making (its fee order, its new
 * card) is then recovered as at boot by the caller (`SessionRecoveryService.settleOldCardByStaff`).
 *
 * A verdict stands once journaled: the same verdict may be sent again (journaled once), another is
 * refused MAINTENANCE_ALREADY_SETTLED, and so is one for an old card recovery decided itself.
 */
import type { CardReaderPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, type OldCardWhereabouts } from '@kiosk/domain';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import type { JournalService } from '../journal/journal.service.js';
import { detailText, type JournaledStep } from '../journal/step-detail.js';
import { captureBinCount, OLD_CARD_CAPTURE, RECOVERY_OLD_CARD } from './old-card-hand-in.js';

/** Where field staff found a handed-in card whose capture was cut short (the staff screen's verdicts too). */
export { OLD_CARD_WHEREABOUTS, type OldCardWhereabouts } from '@kiosk/domain';

const WHERE = { inCaptureBin: 'captured', givenBack: 'givenBack', notFound: 'notFound' } as const;

export interface OldCardSettlementDeps {
  readonly journal: JournalService;
  readonly reader: Pick<CardReaderPort, 'status'>;
}

/** The old card of these steps left `unknown` for staff: its masked number (null when not read). */
export function oldCardLeftForStaff(steps: readonly JournaledStep[]): { card: string | null } | undefined {
  const decided = steps.findLast((s) => s.step === RECOVERY_OLD_CARD);
  if (!decided || detailText(decided, 'where') !== 'unknown') return undefined;
  const intent = steps.findLast((s) => s.step === OLD_CARD_CAPTURE && s.phase === 'intent');
  return { card: detailText(intent, 'card') ?? null };
}

/**
 * Staff's verdict on the old card of `transactionId`, journaled then counted (see above). Refused
 * SESSION_NOT_FOUND when no open card making has an old card left for staff.
 */
export async function settleOldCardByStaff(
  deps: OldCardSettlementDeps,
  transactionId: string,
  oldCard: OldCardWhereabouts,
  staffId: string,
): Promise<void> {
  const { journal, reader } = deps;
  const tx = (await journal.openTransactions()).find((t) => t.id === transactionId);
  const steps = await journal.stepsOf(transactionId);
  const decided = steps.findLast((s) => s.step === RECOVERY_OLD_CARD);
  const given = detailText(decided, 'verdict');
  if (!tx && given !== undefined) {
    throw new KioskError(ErrorCode.MAINTENANCE_ALREADY_SETTLED, 'This card making was settled already.', {
      transactionId,
      verdict: given,
    });
  }
  if (!tx || !decided) {
    throw new KioskError(
      ErrorCode.SESSION_NOT_FOUND,
      'No card making with an old card left for staff has this transaction number.',
      { transactionId },
    );
  }
  if (given !== undefined && given !== oldCard) {
    throw new KioskError(
      ErrorCode.MAINTENANCE_ALREADY_SETTLED,
      'A verdict was given for this old card already; only that one can be sent again.',
      { transactionId, verdict: given },
    );
  }
  if (given === undefined && detailText(decided, 'where') !== 'unknown') {
    throw new KioskError(
      ErrorCode.MAINTENANCE_ALREADY_SETTLED,
      'Recovery decided where this old card went already.',
      { transactionId },
    );
  }
  if (given === undefined) {
    const captureBin = oldCard === 'inCaptureBin' ? captureBinCount(reader) : undefined;
    // journal first: the decision every later boot reads, with who gave it
    await journal.recordStep(transactionId, RECOVERY_OLD_CARD, 'event', {
      where: WHERE[oldCard],
      verdict: oldCard,
      staff: staffId,
      ...(captureBin === undefined ? {} : { captureBin }),
    });
  }
  if (oldCard !== 'inCaptureBin') return;
  // the reader's own counts, as it reports them: set, never added (sent again, nothing moves)
  const device = deviceCountersOf(reader.status());
  if (device?.captureBin !== undefined) await journal.counters.recordCounters('cardReader', device);
}

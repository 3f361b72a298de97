/**
 * What field staff do with a card-making recovery could not decide (`recovery.needsStaff`: a card
 * left the slot during its retract, on a printer that does not count its reject bin). A supervisor
 * looks in the reject bin and says where the card is: found there (`inRejectBin`), the reserved
 * number is reported `abandoned` to the host as recovery would; not there (`taken`), the resident
 * took it and it is reported `issued`. The verdict is journaled first with who gave it, the blank
 * is accounted for in the journal's printer counters (one more in the reject bin, which the
 * printer does not count), the host is told under the transaction's key, and the transaction is
 * closed, so the next self test finds nothing pending. A host that does not answer leaves its step
 * failed and the transaction open: the supervisor tries again.
 */
import type { CardPrinterPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import type { JournalService } from '../journal/journal.service.js';
import { detailText } from '../journal/step-detail.js';
import { rejectBinCount } from './issuance-recovery.js';
import { journaledAct } from './journey-tools.js';

export type CardWhereabouts = 'inRejectBin' | 'taken';

export interface CardSettlementDeps {
  readonly journal: JournalService;
  readonly printer: CardPrinterPort;
  readonly issuance: IssuanceHostService | undefined;
}

const CARD_JOURNEYS = new Set(['issueCard', 'replaceCard']);

export async function settleIssuanceByStaff(
  deps: CardSettlementDeps,
  transactionId: string,
  card: CardWhereabouts,
  staffId: string,
): Promise<{ readonly outcome: 'issued' | 'abandoned' }> {
  const { journal, printer, issuance } = deps;
  const tx = (await journal.openTransactions()).find((t) => t.id === transactionId);
  const steps = tx ? await journal.stepsOf(transactionId) : [];
  if (!tx || !CARD_JOURNEYS.has(tx.journey) || !steps.some((s) => s.step === 'recovery.needsStaff')) {
    throw new KioskError(
      ErrorCode.SESSION_NOT_FOUND,
      'No card making left for staff has this transaction number.',
      { transactionId },
    );
  }
  const order = [...steps].reverse().find((s) => s.step === 'issuance.order');
  // unreadable or not text: as when absent, no order to settle (refused, nothing reported)
  const applicationNo = detailText(order, 'applicationNo');
  const cardNumber = (await journal.personalDataOf(transactionId)).cardNumber;
  if (!issuance || !applicationNo || !cardNumber) {
    throw new KioskError(ErrorCode.SESSION_NOT_FOUND, 'This transaction has no card order to settle.', {
      transactionId,
    });
  }
  const outcome = card === 'taken' ? 'issued' : 'abandoned';
  // journal first: the verdict and who gave it, before any count or host call
  await journal.recordStep(transactionId, 'recovery.staffVerdict', 'event', {
    card,
    staff: staffId,
    outcome,
  });
  if (!steps.some((s) => s.step === 'recovery.staffCounted')) {
    const now = deviceCountersOf(printer.status()) ?? {};
    const recorded = (await journal.counters.latestCounters()).cardPrinter?.counters;
    const rejectBin =
      rejectBinCount(printer) ??
      (card === 'inRejectBin' ? (recorded?.rejectBin ?? 0) + 1 : recorded?.rejectBin);
    await journal.counters.recordCounters('cardPrinter', {
      ...now,
      ...(rejectBin !== undefined && { rejectBin }),
    });
    await journal.recordStep(transactionId, 'recovery.staffCounted', 'event', {
      blank: card === 'inRejectBin' ? 'rejectBin' : 'issued',
    });
  }
  await journaledAct(
    journal,
    transactionId,
    'recovery.host.issued',
    () =>
      issuance.reportIssuance(
        applicationNo,
        { cardNumber, outcome, ...(outcome === 'abandoned' ? { reason: 'interrupted' } : {}) },
        transactionId,
      ),
    { outcome, card: maskCardNumber(cardNumber), staff: staffId },
  );
  await journal.closeTransaction(transactionId, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
  return { outcome };
}

/**
 * One card making (a new card issued, or a replacement) found open at boot, decided in its turn
 * of boot recovery (`session-recovery.service.ts`), in this order:
 *
 * - a verdict field staff gave before this restart is carried through as given, never decided
 *   again (`resumeStaffVerdict`): the verdict closes it;
 * - a damaged card handed in, cut short in its capture: captured or given back, from the capture
 *   bin's count, once (`recoverOldCardHandIn`); not known: field staff;
 * - a QR fee order the fee screen waited on is closed (refunded if paid): no money without a card;
 *   not asked (the host away) or not answered: the boot's fee order scan takes it to the background;
 * - the card itself (`recoverIssuance`): the blank in the printer rejected, the host told what it
 *   was not; where the new card went not known: field staff.
 *
 * What is undecided is journaled by the step that could not decide, logged here, and left open.
 */
import type { Logger } from '@nestjs/common';
import type { CardPrinterPort, CardReaderPort } from '@kiosk/device-drivers';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { BootHost } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import type { CardMakingReports } from '../journeys/card-making-reports.js';
import { settleFeeOrdersOf } from '../journeys/fee-order-boot-settlement.js';
import { recoverIssuance } from '../journeys/issuance-recovery.js';
import { resumeStaffVerdict } from '../journeys/issuance-staff-settlement.js';
import { recoverOldCardHandIn } from '../journeys/old-card-hand-in.js';

type Steps = Awaited<ReturnType<JournalService['stepsOf']>>;

export interface CardMakingRecoveryDeps {
  readonly journal: JournalService;
  readonly reader: CardReaderPort;
  readonly printer: CardPrinterPort;
  readonly log: Logger;
  /** absent in unit specs: the host is told nothing, no fee order closed */
  readonly issuance?: IssuanceHostService;
  /** recovery's card reports the host did not answer, tried until it does */
  readonly cardReports?: CardMakingReports;
}

/**
 * How the card making was left: `byStaffVerdict` (carried through and closed by staff's verdict,
 * or that verdict's host act not answered: `settled` false), `undecided` (left open for field
 * staff), `recovered` (to be closed as interrupted by recovery).
 */
export type CardMakingAtBoot =
  | { readonly outcome: 'byStaffVerdict'; readonly settled: boolean }
  | { readonly outcome: 'undecided' | 'recovered'; readonly feesUnanswered: boolean };

/** Decides the card making `transactionId` from its `steps` as recovery read them (see above). */
export async function recoverCardMakingAtBoot(
  deps: CardMakingRecoveryDeps,
  transactionId: string,
  steps: Steps,
  boot: BootHost,
): Promise<CardMakingAtBoot> {
  const { journal, reader, printer, issuance, log } = deps;
  const resumed = await resumeStaffVerdict({ journal, printer, issuance }, transactionId, boot, steps);
  if (resumed !== undefined) return { outcome: 'byStaffVerdict', settled: resumed };
  if (!(await recoverOldCardHandIn(journal, reader, transactionId, steps))) {
    log.error(`recovery: ${transactionId} needs field staff: where the handed-in card went is not known`);
    return { outcome: 'undecided', feesUnanswered: false };
  }
  let feesUnanswered = false;
  if (issuance && (boot.away || (await feeOrderUnanswered(deps, issuance, transactionId, steps))))
    feesUnanswered = boot.away = true;
  if (!(await recoverIssuance(journal, printer, issuance, transactionId, deps.cardReports, boot, steps))) {
    log.error(`recovery: ${transactionId} needs field staff: where its new card went is not known`);
    return { outcome: 'undecided', feesUnanswered };
  }
  return { outcome: 'recovered', feesUnanswered };
}

/** Closes the transaction's QR fee orders not settled (ADR 0008); true when the host did not answer one. */
async function feeOrderUnanswered(
  deps: CardMakingRecoveryDeps,
  issuance: IssuanceHostService,
  transactionId: string,
  steps: Steps,
): Promise<boolean> {
  const fees = { journal: deps.journal, issuance, log: deps.log };
  return (await settleFeeOrdersOf(fees, transactionId, false, undefined, steps)).unanswered;
}

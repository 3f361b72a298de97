/**
 * One journal transaction a crash or power loss left open, finished at boot in a known state
 * (`open-transactions-at-boot.ts` runs it for each, oldest first): the step found
 * journaled, a card still held by the reader captured or left for staff (`boot-card-capture.ts`), or
 * accounted for while the reader has not said whether it is inside (`card-inside-at-boot.ts`),
 * a withdrawal's card-log record cut short read from the chip and journaled, never written again
 * (`card-log-at-boot.ts`), a card making finished (`card-making-boot-recovery.ts`), a test card's
 * counts caught up and a blank it left inside rejected, a jammed card staff put in the reject bin counted, staff's refill
 * or bin emptying finished (or left for staff, the kiosk in service), a withdrawal confirmed or
 * reversed at the host (a staff verdict given before the restart carried through as given), then
 * closed as interrupted (an activation cut while the chip wrote its PIN: ACTIVATION_UNFINISHED,
 * `activation-cut-at-boot.ts`; a fleet command as its journal answers it when it comes again,
 * `telemetry/fleet/fleet-command-record.ts`); what cannot be decided stays open, for staff.
 */
import type { Logger } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { BootHost } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import { noteActivationCutAtBoot } from '../journeys/activation-cut-at-boot.js';
import { settleCardLogAtBoot } from '../journeys/card-log-at-boot.js';
import { catchUpKioskRejects, filesBlanks } from '../journeys/kiosk-rejected-blank.js';
import { catchUpJammedCardCounts } from '../maintenance/jammed-card-cleared.js';
import { recoverSupplyActsAtBoot } from '../maintenance/supply-act-recovery.js';
import { rejectTestCardLeft } from '../maintenance/test-card.js';
import { settleWithdrawalAtBoot, type BootSettlementDeps } from '../journeys/withdrawal-boot-settlement.js';
import {
  resumeWithdrawalVerdict,
  type StaffSettlementDeps,
} from '../journeys/withdrawal-staff-settlement.js';
import { commandOutcomeOf, FLEET_COMMAND_JOURNEY } from '../telemetry/fleet/fleet-command-record.js';
import { captureCardAtBoot, leaveCardInSlotAtBoot } from './boot-card-capture.js';
import { accountForCardPositionUnknown } from './card-inside-at-boot.js';
import { recoverCardMakingAtBoot, type CardMakingRecoveryDeps } from './card-making-boot-recovery.js';

export type OpenTransaction = Awaited<ReturnType<JournalService['openTransactions']>>[number];

/** What recovering an open transaction at boot needs. */
export interface OpenTransactionRecoveryDeps {
  readonly journal: JournalService;
  readonly devices: DevicesService;
  readonly log: Logger;
  /** what settling a withdrawal at boot needs (`journeys/withdrawal-boot-settlement.ts`) */
  readonly withdrawals: BootSettlementDeps;
  readonly withdrawalSettlement: () => StaffSettlementDeps;
  readonly cardMaking: () => CardMakingRecoveryDeps;
  /** told, at once, when the reader's card is left there for staff */
  readonly tellCardLeft: () => void;
  /** how long a reader that has not said whether a card is inside is waited for (`positionWaitMs`) */
  readonly cardPositionWaitMs: number;
}

/** What became of one open transaction. */
export interface OpenTransactionOutcome {
  readonly cardCaptured: boolean;
  readonly cardLeftForStaff: boolean;
  /** its card accounted for in a reader that had not said whether it is inside */
  readonly cardPositionUnknown: boolean;
  readonly withdrawalSettled: boolean;
  /** left open for staff: what happened to its cash or its new card could not be decided */
  readonly undecided: boolean;
  /** an order of it the host did not answer: the fee order scan goes to the background */
  readonly feesUnanswered: boolean;
}

/**
 * Recovers `tx`; `cardHolder` is the transaction whose card is inside the reader (to capture),
 * `boot` marks the host away for this boot once a call of it is not answered.
 */
export async function recoverOpenTransaction(
  deps: OpenTransactionRecoveryDeps,
  tx: OpenTransaction,
  cardHolder: string | undefined,
  boot: BootHost,
): Promise<OpenTransactionOutcome> {
  const { journal, devices, log } = deps;
  let cardCaptured = false;
  let cardLeftForStaff = false;
  let cardPositionUnknown = false;
  let withdrawalSettled = false;
  let feesUnanswered = false;
  const outcome = (undecided: boolean): OpenTransactionOutcome => ({
    cardCaptured,
    cardLeftForStaff,
    cardPositionUnknown,
    withdrawalSettled,
    undecided,
    feesUnanswered,
  });
  // read once and handed to every decision below: what recovery writes before them
  // (recovery.found, recovery.card.retract, a fee order's settlement) is no step any of them
  // reads; each writes and acts on its own steps from here on (an earlier boot's
  // recovery.oldCard is read: that decision stands)
  const steps = await journal.stepsOf(tx.id);
  const last = steps[steps.length - 1];
  await journal.recordStep(tx.id, 'recovery.found', 'event', {
    lastStep: last ? `${last.step}:${last.phase}` : null,
    cardPosition: devices.cardReader.cardPosition(),
  });
  // captured, or accounted for and left for staff, in its turn (docs/adr/0016); recovery goes on
  const reader = devices.cardReader;
  const where = reader.cardPosition();
  // a withdrawal's card-log record cut by the restart: the chip read first, while its card is inside
  if (tx.journey === 'withdraw') {
    const cardHere = tx.id === cardHolder && where === 'inReader';
    await settleCardLogAtBoot(journal, reader, tx.id, steps, cardHere, log);
  }
  if (tx.id === cardHolder && where === 'inReader' && !reader.canCapture()) {
    // a reader without a capture bin: the card sticks out of its slot, no capture asked, waited for
    await leaveCardInSlotAtBoot(journal, reader, tx.id, steps, log);
    deps.tellCardLeft();
  } else if (tx.id === cardHolder && where === 'inReader') {
    if ((await captureCardAtBoot(journal, reader, tx.id, steps, log)) === 'captured') cardCaptured = true;
    else {
      cardLeftForStaff = true;
      deps.tellCardLeft();
    }
  } else if (tx.id === cardHolder && where === 'unknown') {
    // the reader has not said within its wait: the card is this transaction's, for staff
    await accountForCardPositionUnknown(journal, tx.id, steps, log);
    cardLeftForStaff = true;
    cardPositionUnknown = true;
    deps.tellCardLeft();
  }
  let undecided = false;
  if (tx.journey === 'issueCard' || tx.journey === 'replaceCard') {
    // staff's verdict carried through, the old card, the fee order, the new card (`card-making-boot-recovery.ts`)
    const made = await recoverCardMakingAtBoot(deps.cardMaking(), tx.id, steps, boot);
    if (made.outcome !== 'byStaffVerdict' && made.feesUnanswered) feesUnanswered = true;
    if (made.outcome === 'byStaffVerdict' ? !made.settled : made.outcome === 'undecided') undecided = true;
    if (made.outcome !== 'recovered') return outcome(undecided);
  }
  if (tx.journey === 'maintenance' && filesBlanks(steps)) {
    // a test card's blank fed or filed in the reject bin, its count cut off by the restart: caught
    // up; a blank it left inside filed in the reject bin
    const printer = devices.cardPrinter;
    await catchUpKioskRejects(journal, printer, steps, printer.cardPosition());
    await rejectTestCardLeft(journal, printer, tx.id);
  }
  // a jammed card staff said is in the reject bin, its count cut off by the restart: caught up
  if (tx.journey === 'maintenance') await catchUpJammedCardCounts(journal, devices.cardPrinter, steps);
  // a refill or bin emptying cut off: finished from its steps, or left for the next staff visit
  // with its visit open (the kiosk in service: nothing of a resident's is at stake, ADR 0022)
  if (tx.journey === 'maintenance' && (await recoverSupplyActsAtBoot({ journal, devices }, tx.id, steps)))
    return outcome(false);
  if (tx.journey === 'withdraw') {
    // a verdict staff gave before this restart is carried through as given, never decided again
    const resumed = await resumeWithdrawalVerdict(deps.withdrawalSettlement(), tx.id, boot, steps);
    if (resumed !== undefined) {
      withdrawalSettled = resumed.settled;
      return outcome(!resumed.settled);
    }
    const settled = await settleWithdrawalAtBoot(deps.withdrawals, tx.id, boot, steps);
    if (settled === undefined) return outcome(true);
    withdrawalSettled = settled;
  }
  if (tx.journey === FLEET_COMMAND_JOURNEY) {
    // a fleet command cut mid-way: closed as its journal answers it, never run again (ADR 0027)
    const answer = commandOutcomeOf(steps);
    await journal.closeTransaction(tx.id, answer.result, answer.result === 'done' ? null : answer.code);
    log.warn(`recovered fleet command ${tx.sessionId} cut by the restart: ${answer.result}`);
    return outcome(false);
  }
  // an activation cut while the chip wrote its new PIN: journaled so, the host told nothing
  const cut =
    tx.journey === 'activatePin' ? await noteActivationCutAtBoot(journal, tx.id, steps, log) : undefined;
  await journal.closeTransaction(tx.id, 'interrupted', cut ?? ErrorCode.SESSION_INTERRUPTED);
  log.warn(`recovered interrupted transaction ${tx.id} (${tx.journey}), last step ${last?.step ?? 'none'}`);
  return outcome(undecided);
}

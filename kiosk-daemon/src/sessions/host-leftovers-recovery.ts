/**
 * What boot recovery settles at the host beside the open transactions, once each of those is
 * decided: acts that earlier runs journaled and a restart cut short, and money or orders that
 * sessions which ended (closed transactions) left held at the host. In this order:
 *
 * - a withdrawal hold released by its serial (its authorisation's answer not read) whose done a
 *   restart cut off: sent again, which the host answers once; so is a journey's reversal or confirm
 *   journaled and not done (the same act, the same key); before the sweep, which then finds them
 *   settled (`WithdrawalHoldRelease`);
 * - a card report of recovery the host had not answered when the kiosk stopped: sent again, same
 *   key (`CardMakingReports`); so are the PIN outcomes told to the host and a PIN reset's report,
 *   each card's in the order they were journaled (`PinOutcomeReports`, `PinResetReports`); and a
 *   card's activation whose chip took the new PIN (`CardActivations`);
 * - every withdrawal the host still holds money for whose session ended without settling it:
 *   confirmed or reversed, left alone while its own transaction is open or its serial's background
 *   tries own it; the host unable to list them now: swept in the background once it answers
 *   (`sweepHeldWithdrawals`); then each the journal still counts left for staff that the host did not
 *   list as held, asked for by its serial: one whose hold the host ended itself journaled so
 *   (`endLeftSettledByHost`), the notes it left at the slot retracted (`retractNotesOfSettledByHost`);
 * - a QR fee order a session that ended was closing, cut short there (`settleFeeOrdersAtBoot`; the
 *   host away: settled in the background once it answers).
 *
 * Once the host did not answer a call of this boot (`boot.away`), the later ones are not waited for.
 */
import type { Logger } from '@nestjs/common';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { BootHost, JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { FeeOrderScan } from '../journal/fee-order-scan.service.js';
import type { JournalService } from '../journal/journal.service.js';
import type { CardActivations } from '../journeys/card-activation.js';
import type { CardMakingReports } from '../journeys/card-making-reports.js';
import type { PinResetReports } from '../journeys/pin-reset-report.js';
import type { PinOutcomeReports } from './pin-outcome-to-host.js';
import { settleFeeOrdersAtBoot } from '../journeys/fee-order-boot-settlement.js';
import type { WithdrawalHoldRelease } from '../journeys/withdrawal-hold-release.js';
import { sweepHeldWithdrawals, type BootSettlementDeps } from '../journeys/withdrawal-boot-settlement.js';
import { endLeftSettledByHost, retractNotesOfSettledByHost } from './withdrawals-settled-by-host-at-boot.js';

/** What settling the host's leftovers needs; the optional parts are absent in unit specs. */
export interface HostLeftoversDeps {
  readonly journal: JournalService;
  readonly log: Logger;
  readonly withdrawals: BootSettlementDeps;
  readonly issuance?: IssuanceHostService;
  readonly feeOrders?: FeeOrderScan;
  readonly holdRelease?: WithdrawalHoldRelease;
  readonly cardReports?: CardMakingReports;
  readonly pinResets?: PinResetReports;
  readonly pinOutcomes?: PinOutcomeReports;
  readonly activations?: CardActivations;
  readonly retries?: JournaledHostRetries;
}

export interface HostLeftoversOutcome {
  /** withdrawals confirmed or reversed at the host here */
  readonly withdrawalsSettled: number;
  /** withdrawals the sweep could not decide: left to field staff */
  readonly undecided: readonly string[];
}

/**
 * Settles what the host still holds for earlier runs (see above). `open`: the transactions this
 * boot's recovery found open (each settled by its own turn, never here); `feesUnanswered`: a fee
 * order of theirs the host did not answer, so the fee order scan goes to the background.
 */
export async function settleHostLeftoversAtBoot(
  deps: HostLeftoversDeps,
  open: readonly { readonly id: string }[],
  boot: BootHost,
  feesUnanswered: boolean,
): Promise<HostLeftoversOutcome> {
  const { holdRelease, cardReports, retries, issuance, feeOrders } = deps;
  let withdrawalsSettled = 0;
  if (holdRelease) await holdRelease.resumeAtBoot(boot);
  if (holdRelease) withdrawalsSettled += await holdRelease.resumeSettlementsAtBoot(boot);
  const openIds = new Set(open.map((t) => t.id));
  if (cardReports) await cardReports.resumeAtBoot(openIds, boot);
  // a card's PIN outcomes and resets in the order it gave them: a reset clears the host's count
  if (deps.pinOutcomes) await deps.pinOutcomes.resumeAtBoot(boot, deps.pinResets);
  else if (deps.pinResets) await deps.pinResets.resumeAtBoot(boot);
  if (deps.activations) await deps.activations.resumeAtBoot(boot);
  // still being released or settled by its serial in the background: settled there, not twice
  const leaveAlone = (serial: string) => openIds.has(serial) || !!retries?.owns(serial);
  const swept = await sweepHeldWithdrawals(deps.withdrawals, leaveAlone, retries, boot);
  withdrawalsSettled += swept.settled;
  // open ones this boot closed are asked too (one left for staff whose hold the host ended: `none`)
  const held = new Set(swept.undecided);
  const settledElsewhere = (serial: string) => held.has(serial) || !!retries?.owns(serial);
  // those recovery claimed (open at boot) are in its hand already; the rest in the sweep's
  const { inHand } = deps.withdrawals;
  const hand = <T>(serial: string, settle: () => Promise<T>) =>
    openIds.has(serial) || !inHand ? settle() : inHand(serial, settle);
  await endLeftSettledByHost({ ...deps.withdrawals, inHand: hand }, settledElsewhere, boot);
  // the notes one of them left at the slot into the retract bin (the withdrawals held back for them)
  await retractNotesOfSettledByHost({ ...deps.withdrawals, inHand: hand });
  if (issuance && feeOrders) {
    const fees = { journal: deps.journal, issuance, scan: feeOrders, log: deps.log };
    await settleFeeOrdersAtBoot(fees, openIds, boot, retries, feesUnanswered);
  }
  return { withdrawalsSettled, undecided: swept.undecided };
}

/**
 * A withdrawal left for staff whose hold the host ended by itself, no act of this kiosk's verdict:
 * the hold expired unsettled, or staff at the back office released it (ADR 0020's addendum). The
 * sweep of held withdrawals lists only what the host still holds, so without asking the kiosk went
 * on counting it left (the fleet's `withdrawalsLeft`, its WITHDRAWAL_UNDECIDED alert) and a
 * supervisor's verdict had nothing left to settle at the host. The kiosk asks for that one hold
 * (`withdrawalByKey`, by its serial); one the host says is settled (confirmed or reversed, nothing
 * held) is journaled first with what the host says (`recovery.withdrawal.settledByHost`: its
 * status, what it paid and gave back, when), which ends it as left for staff (the supervisor's
 * list, the fleet's count); an open transaction is closed after it. A verdict on it is refused
 * MAINTENANCE_SETTLED_BY_HOST with those facts, nothing journaled as a verdict: what the cash count
 * finds against them is the back office's to reconcile.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { STAFF_VERDICT_STEP } from './staff-settlement-rules.js';
import type { WithdrawalView } from '@kiosk/host-simulator/contract';
import type { HostService } from '../host/host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { detailCount, detailText, type JournaledStep } from '../journal/step-detail.js';

export const SETTLED_BY_HOST_STEP = 'recovery.withdrawal.settledByHost';

/** The hold as the host answers it now, or why it did not (carried to the settlement's own read). */
export type AskedHold = { readonly view: WithdrawalView | undefined } | { readonly error: unknown };

export const askHold = (
  host: Pick<HostService, 'withdrawalByKey'>,
  transactionId: string,
): Promise<AskedHold> =>
  host.withdrawalByKey(transactionId).then(
    (view) => ({ view }),
    (error: unknown) => ({ error }),
  );

/** The host's hold as it answered it: settled by the host (confirmed or reversed, nothing held). */
export function settledAtHost(view: WithdrawalView | undefined): view is WithdrawalView {
  return view !== undefined && view.heldFen === 0 && view.status !== 'authorised';
}

/** Journal first: what the host says of the hold (the caller closes an open transaction after it). Nothing moves. */
export async function journalSettledByHost(
  journal: Pick<JournalService, 'recordStep'>,
  transactionId: string,
  view: WithdrawalView,
): Promise<void> {
  await journal.recordStep(transactionId, SETTLED_BY_HOST_STEP, 'event', {
    hostStatus: view.status,
    amountFen: view.amountFen,
    paidFen: view.paidFen,
    reversedFen: view.reversedFen,
    settledAt: view.settledAt,
  });
}

/** The refusal of a verdict on a withdrawal the host settled itself, naming what it says; undefined: none journaled. */
export function settledByHostRefusal(
  transactionId: string,
  steps: readonly JournaledStep[],
): KioskError | undefined {
  const step = steps.findLast((s) => s.step === SETTLED_BY_HOST_STEP);
  if (!step) return undefined;
  return new KioskError(
    ErrorCode.MAINTENANCE_SETTLED_BY_HOST,
    'The host ended this withdrawal’s hold itself (it expired, or the back office released it): no verdict is taken.',
    {
      transactionId,
      hostStatus: detailText(step, 'hostStatus') ?? null,
      paidFen: detailCount(step, 'paidFen') ?? null,
      reversedFen: detailCount(step, 'reversedFen') ?? null,
    },
  );
}

/**
 * A verdict journaled and not carried out (the host did not answer, or a restart came between)
 * whose hold the host then ended itself: none of the verdict's acts journaled since it, nothing
 * held. What the host says is journaled beside the verdict, which stands (nothing is sent).
 */
export async function noteHostEndedBeforeVerdictActs(
  journal: Pick<JournalService, 'recordStep'>,
  transactionId: string,
  steps: readonly JournaledStep[],
  view: WithdrawalView | undefined,
): Promise<void> {
  if (!settledAtHost(view)) return;
  const verdictAt = steps.findLastIndex((s) => s.step === STAFF_VERDICT_STEP);
  const acted = steps
    .slice(verdictAt + 1)
    .some((s) => s.step === 'recovery.withdrawal.reverse' || s.step === 'recovery.withdrawal.confirm');
  if (verdictAt < 0 || acted || steps.some((s) => s.step === SETTLED_BY_HOST_STEP)) return;
  await journalSettledByHost(journal, transactionId, view);
}

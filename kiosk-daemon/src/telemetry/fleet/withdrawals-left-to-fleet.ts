/**
 * The withdrawals the fleet is told are left for staff as soon as the kiosk knows of them, in
 * service as at boot (ADR 0004, "Money left for staff in service"), read from the journal alone:
 * - left for staff by a step (`withdrawalsLeftForStaff`): a journey's retract short of the notes
 *   presented (`cash.retractShort`, CASH_PARTLY_TAKEN), its notes left in the presenter by a failed
 *   retract or gone unseen (`cash.leftInPresenter`), or recovery's `recovery.needsStaff` (a boot's,
 *   a visit's, the sweep of held withdrawals): what the supervisor's list reads;
 * - left undecided by their journey (`withdrawalsEndedUndecided`): ended `needsReconciliation` with
 *   none of those steps journaled (its retract unanswered past the machine's backstop, or the step
 *   for staff refused by the journal), the hold neither confirmed nor reversed: the next recovery
 *   (a visit's self test, a boot) decides it or leaves it for staff.
 * Each is told as `recoveryNeedsStaff` WITHDRAWAL_UNDECIDED under an id from its transaction
 * (`withdrawalLeftEventId`), the same on either road, so one ended undecided that recovery then
 * leaves for staff, told again (a later read, the next boot, a restart with it still queued), is
 * queued once and stored once; the event names no amount, no person (`journal-staff-alerts.ts`).
 * The retained status counts those still left (`withdrawalsLeft`): the fleet holds one alert while
 * any is, resolved once recovery or the supervisor's verdicts settle them all.
 */
import type { JournalService } from '../../journal/journal.service.js';
import type { StepMarkEnds } from '../../journal/transactions-with-step.js';
import { JOURNEY_RETRACT_STEP } from '../../journeys/recovery-retract-counts.js';
import { STAFF_VERDICT_STEP } from '../../journeys/staff-settlement-rules.js';
import {
  closedWithdrawalLeftForStaff,
  WITHDRAWAL_LEFT_ENDS,
} from '../../journeys/withdrawal-staff-settlement.js';
import { WITHDRAWAL_LEFT_STEPS } from '../../journeys/withdrawal-retract.js';
import { SETTLED_BY_HOST_STEP } from '../../journeys/withdrawal-settled-by-host.js';
import { staffAlertEventId } from './staff-alert-id.js';

/**
 * The withdrawals the journal says are left for staff, open or closed, by serial: a step left it
 * and no verdict nor a settlement at the host came since (`closedWithdrawalLeftForStaff`, what the
 * supervisor's list reads). Read from the journal alone: the host is not asked. Those a verdict or
 * settlement ended are left out by the journal's query (`WITHDRAWAL_LEFT_ENDS`), so the read costs
 * one query and one for each withdrawal still left, not one for each ever left; the rule itself is
 * still what decides, on the steps of each the query returns.
 */
export async function withdrawalsLeftForStaff(
  journal: Pick<JournalService, 'transactionsWithStepUnended' | 'stepsOf'>,
): Promise<string[]> {
  const left: string[] = [];
  const unended = await journal.transactionsWithStepUnended(
    'withdraw',
    WITHDRAWAL_LEFT_STEPS,
    WITHDRAWAL_LEFT_ENDS,
  );
  for (const id of unended) if (closedWithdrawalLeftForStaff(await journal.stepsOf(id))) left.push(id);
  return left;
}

/**
 * What ends a withdrawal its journey left undecided: the hold's confirm or reversal begun (the
 * journey's own, one the host did not answer being tried in the background), recovery's decision
 * (`recovery.withdrawal`, a boot's or a visit's sweep) or its acts, a staff verdict, the host's word
 * that it ended the hold itself (`recovery.withdrawal.settledByHost`), or a step that left it for
 * staff (then it is `withdrawalsLeftForStaff`'s), wherever they stand.
 */
export const WITHDRAWAL_UNDECIDED_ENDS: StepMarkEnds = {
  after: [],
  phase: 'done',
  anywhere: [
    'withdrawal.confirm',
    'withdrawal.reverse',
    'recovery.withdrawal',
    'recovery.withdrawal.confirm',
    'recovery.withdrawal.reverse',
    STAFF_VERDICT_STEP,
    SETTLED_BY_HOST_STEP,
    ...WITHDRAWAL_LEFT_STEPS,
  ],
};

/**
 * The withdrawals whose journey ended undecided (`needsReconciliation`) with nothing journaled for
 * staff, by serial: a closed `withdraw` transaction whose journey began its retract of the notes
 * (`cash.retract`) and which nothing since ended (`WITHDRAWAL_UNDECIDED_ENDS`). Every journey's
 * retract that answers goes on to a reversal, or to a confirm when the notes were taken as it ran,
 * so only one the machine gave up on (or whose failure the journal refused) is left so. Open ones
 * (`open`: a journey still at its retract) are not: one query, whatever the journal's age.
 */
export async function withdrawalsEndedUndecided(
  journal: Pick<JournalService, 'transactionsWithStepUnended'>,
  open: readonly { readonly id: string }[],
): Promise<string[]> {
  const unended = await journal.transactionsWithStepUnended(
    'withdraw',
    [JOURNEY_RETRACT_STEP],
    WITHDRAWAL_UNDECIDED_ENDS,
  );
  const running = new Set(open.map((t) => t.id));
  return unended.filter((id) => !running.has(id));
}

/**
 * Every withdrawal the kiosk counts left for staff, by serial, each once: those left by a step and
 * those their journey left undecided (the fleet's `withdrawalsLeft`; boot's ask of the host whether
 * it ended any of them itself).
 */
export async function withdrawalsCountedLeft(
  journal: Pick<JournalService, 'transactionsWithStepUnended' | 'stepsOf'>,
  open: readonly { readonly id: string }[],
): Promise<string[]> {
  const left = await withdrawalsLeftForStaff(journal);
  const undecided = await withdrawalsEndedUndecided(journal, open);
  return [...new Set([...left, ...undecided])];
}

/** The event id of a withdrawal left for staff: the same at every read, every start and on either road. */
export function withdrawalLeftEventId(kioskId: string, transactionId: string): string {
  return staffAlertEventId('withdrawalLeft', kioskId, transactionId);
}

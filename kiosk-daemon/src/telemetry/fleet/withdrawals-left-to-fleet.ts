/**
 * Tells the fleet of every withdrawal left for staff as soon as the kiosk knows of it, in service
 * as at boot (ADR 0004, "Money left for staff in service"): a journey's retract short of the notes
 * presented (`cash.retractShort`, CASH_PARTLY_TAKEN), its notes left in the presenter by a failed
 * retract or gone unseen (`cash.leftInPresenter`), or recovery's `recovery.needsStaff` (a boot's, a
 * visit's, the sweep of held withdrawals). Each is told once per start as `recoveryNeedsStaff`
 * WITHDRAWAL_UNDECIDED, under an id from its transaction (`staffAlertEventId`), so the same
 * withdrawal told again (a later read, the next boot, a restart with it still queued) is queued
 * once and stored once; the event names no amount, no person. The retained status counts those
 * still left (`withdrawalsLeft`): the fleet holds one alert while any is, resolved once the
 * supervisor's verdicts (or recovery) settle them all.
 */
import { ErrorCode } from '@kiosk/domain';
import type { JournalService } from '../../journal/journal.service.js';
import {
  closedWithdrawalLeftForStaff,
  WITHDRAWAL_LEFT_ENDS,
} from '../../journeys/withdrawal-staff-settlement.js';
import { WITHDRAWAL_LEFT_STEPS } from '../../journeys/withdrawal-retract.js';
import type { FleetPublisher } from '../mqtt/fleet-publisher.js';
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

/** The event id of a withdrawal left for staff: the same at every read and every start. */
export function withdrawalLeftEventId(kioskId: string, transactionId: string): string {
  return staffAlertEventId('withdrawalLeft', kioskId, transactionId);
}

/** Tells each withdrawal left for staff once per start (`tell` with what the journal says now). */
export class WithdrawalsLeftToFleet {
  private readonly told = new Set<string>();

  constructor(private readonly publisher: Pick<FleetPublisher, 'publishEvent' | 'kioskId'>) {}

  tell(left: readonly string[]): void {
    for (const transactionId of left) {
      if (this.told.has(transactionId)) continue;
      this.told.add(transactionId);
      this.publisher.publishEvent(
        { type: 'recoveryNeedsStaff', code: ErrorCode.WITHDRAWAL_UNDECIDED },
        withdrawalLeftEventId(this.publisher.kioskId, transactionId),
      );
    }
  }
}

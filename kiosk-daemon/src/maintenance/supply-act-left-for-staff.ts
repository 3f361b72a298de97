/**
 * A supply act nobody at the kiosk can decide, left for staff (ADR 0022): what says it was left,
 * and the leaving itself, shared by boot's catch-up (`supply-act-recovery.ts`) and the act whose
 * device did not answer in time (`supply-act-timeout.ts`).
 */
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { detailText, type JournaledStep } from '../journal/step-detail.js';
import { recordStaffCountBefore, SUPPLY_ACT_UNDECIDED, type SupplyActIntent } from './supply-act-steps.js';

/** Whether the visit's steps hold its `recovery.needsStaff` for an undecided act. */
export const leftForStaffIn = (steps: readonly JournaledStep[]): boolean =>
  steps.some((s) => s.step === 'recovery.needsStaff' && detailText(s, 'reason') === SUPPLY_ACT_UNDECIDED);

/**
 * An act whose outcome nobody at the kiosk can tell, left for staff (journal first): staff's count
 * before it where the journal keeps the count, and the visit's `recovery.needsStaff` once (a second
 * act left in the same visit is listed by its missing outcome). Boot's catch-up and the act whose
 * device did not answer in time (`supply-act-timeout.ts`) leave it alike.
 */
export async function leaveActForStaff(
  deps: { readonly journal: JournalService; readonly devices: DevicesService },
  transactionId: string,
  steps: readonly JournaledStep[],
  intent: SupplyActIntent,
  seen: { readonly deviceNow: number | null; readonly noAnswerMs?: number },
): Promise<void> {
  await recordStaffCountBefore(deps.journal, deps.devices, intent);
  if (leftForStaffIn(steps)) return;
  await deps.journal.recordStep(transactionId, 'recovery.needsStaff', 'event', {
    reason: SUPPLY_ACT_UNDECIDED,
    act: intent.step,
    device: intent.device,
    supply: intent.supply,
    quantity: intent.quantity,
    ...seen,
  });
}

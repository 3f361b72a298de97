/**
 * The confirm of a withdrawal's hold after field staff's verdict, whichever carries it out (staff
 * at the kiosk, a boot's resumed verdict, the sweep of held withdrawals): when staff counted the
 * resident paid more than the host still held (`AboveHold`, the host having given part back by
 * itself), only the hold is confirmed and the difference, cash out of the kiosk nobody charges, is
 * the back office's to reconcile. Journal first: the difference is marked
 * (`recovery.withdrawal.paidAboveHold`, which the fleet's alert reads: `journal-staff-alerts.ts`)
 * and carried by the confirm's intent, then the host is told.
 */
import type { WithdrawalView } from '@kiosk/host-simulator/contract';
import type { JournalService } from '../journal/journal.service.js';
import type { JournaledStep } from '../journal/step-detail.js';
import { journaledAct } from './journey-tools.js';
import type { AboveHold } from './withdrawal-verdict.js';

/** journal step: staff counted paid above the host's hold (its facts), before the hold's confirm */
export const PAID_ABOVE_HOLD_STEP = 'recovery.withdrawal.paidAboveHold';

/**
 * Confirms the hold by `confirm` as a journaled act (`recovery.withdrawal.confirm`), what staff
 * counted above it journaled first (once: a confirm carried through again after a restart does not
 * mark it twice). Answers the host's view.
 */
export async function confirmHoldJournaled(
  journal: JournalService,
  transactionId: string,
  steps: readonly JournaledStep[],
  aboveHold: AboveHold | undefined,
  confirm: () => Promise<WithdrawalView>,
): Promise<WithdrawalView> {
  if (aboveHold && !steps.some((s) => s.step === PAID_ABOVE_HOLD_STEP))
    await journal.recordStep(transactionId, PAID_ABOVE_HOLD_STEP, 'event', { ...aboveHold });
  return journaledAct(
    journal,
    transactionId,
    'recovery.withdrawal.confirm',
    confirm,
    aboveHold && { ...aboveHold },
  );
}

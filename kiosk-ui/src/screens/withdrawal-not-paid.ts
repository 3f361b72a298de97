/**
 * How a withdrawal's done screen (`cashWithdrawn`) stands when it paid no cash out: the details'
 * `notPaid`, or 'returned' for a reversed end told by a daemon before it; null when cash was paid
 * out or on any other step. Such an end never says "Withdrawal done" nor shows an amount paid out.
 */
import type { WithdrawalNotPaid } from '@kiosk/domain';
import { detailsOf, type JourneyView } from '../gateway/proposed-contract';

export function withdrawalNotPaidOf(view: JourneyView): WithdrawalNotPaid | null {
  if (view.step !== 'cashWithdrawn') return null;
  const withdraw = detailsOf(view, 'withdraw');
  return withdraw?.notPaid ?? (withdraw?.reversed ? 'returned' : null);
}

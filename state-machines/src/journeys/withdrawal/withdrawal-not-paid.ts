/**
 * What the withdrawal's end says to the resident when it paid no cash out. Every end of the machine
 * is its final state (`done`), which the screen shows as the withdrawal's done screen: one that paid
 * nothing must say so, never "Withdrawal done, count your cash".
 */
import type { WithdrawalNotPaid } from '@kiosk/domain';
import { UNCERTAIN } from './withdrawal.setup.js';
import type { WithdrawalContext } from './withdrawal.types.js';

type Ended = Pick<
  WithdrawalContext,
  'paidFen' | 'needsReconciliation' | 'reversed' | 'transactionId' | 'error'
>;

/** How an ended withdrawal that paid nothing out stands (`WithdrawalNotPaid`); undefined once cash was taken. */
export function withdrawalNotPaid(ended: Ended): WithdrawalNotPaid | undefined {
  if (ended.paidFen > 0) return undefined;
  // a retract that failed or never answered: the notes may still be at the slot
  if (ended.needsReconciliation) return 'forStaff';
  if (ended.reversed) return 'returned';
  // authorised, or an answer after which the host may hold the money, and no reversal answered:
  // the daemon reverses it in the background (recovery after a restart)
  const mayBeHeld =
    ended.transactionId !== undefined || (ended.error !== undefined && UNCERTAIN.has(ended.error.code));
  return mayBeHeld ? 'returning' : 'nothingTaken';
}

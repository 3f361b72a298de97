/**
 * A hold released by the serial of its authorisation (the kiosk's idempotency key), for a kiosk
 * that does not know the authorisation id: the host's answer to the authorisation timed out, or
 * carried a status the kiosk does not know. Releasing is safe to repeat and to send for a hold
 * that does not exist:
 *
 * - held: all that is held goes back to the personal account (as a reversal);
 * - settled already (reversed, or paid out): nothing moves;
 * - never authorised: nothing moves, and the serial is kept as released, so an authorisation of
 *   it that arrives after the release (a request still on its way) is refused and holds nothing.
 */
import type { HostContext } from '../host-context.js';
import { reverseWithdrawal, withdrawalView } from './withdrawal.service.js';
import type { WithdrawalHoldRelease, WithdrawalView } from './withdrawals.schemas.js';

export function releaseWithdrawalHold(
  ctx: HostContext,
  kioskId: string,
  input: WithdrawalHoldRelease,
): WithdrawalView[] {
  const w = ctx.store.withdrawalBySerial(kioskId, input.transactionSerial);
  if (!w) {
    ctx.store.releaseSerial(kioskId, input.transactionSerial);
    return [];
  }
  if (w.heldFen === 0) return [withdrawalView(ctx, w)];
  return [reverseWithdrawal(ctx, kioskId, w.authorisationId, { reason: input.reason })];
}

/**
 * The host ending a hold by itself, no kiosk asking: the hold expired unsettled, or staff at the
 * back office released it. What is held goes back to the personal account (reason `timeout`: no
 * retracted-cash anomaly); the kiosk learns it only by asking for the hold (`GET /v1/withdrawals`
 * with `transactionSerial=`), which then answers it `reversed` with nothing held. Nothing moves
 * for a hold settled already. Undefined: no such withdrawal.
 */
export function releaseHoldAtBackOffice(
  ctx: HostContext,
  authorisationId: string,
): WithdrawalView | undefined {
  const w = ctx.store.withdrawals.get(authorisationId);
  if (!w) return undefined;
  if (w.heldFen === 0) return withdrawalView(ctx, w);
  return reverseWithdrawal(ctx, w.kioskId, authorisationId, { reason: 'timeout' });
}

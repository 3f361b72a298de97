/**
 * A QR fee order a live session stopped waiting for whose close the host did not answer (ADR 0008,
 * "The fee"): it may be a refund owed to a resident, so it is not left to the next boot's scan,
 * which may be days away. It is handed to the background tries of journaled host acts
 * (`retryLater`, the same pauses), under a key of its own (`<transaction>:fee-close:<attempt>`),
 * and settled by `settleQrOrder` once the host answers: the same close (and refund) by the same
 * keys, one `fee.settled`. A try the host does not answer journals nothing new (`again`: the intent and the
 * first failure are in the journal already), so an outage of hours adds no rows per try. A try
 * finding the order already settled in the journal sends nothing. A restart
 * before that ends the tries; the boot's scan then finds the order unsettled and settles it once.
 */
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { JournalService } from '../journal/journal.service.js';
import {
  settleQrOrder,
  unsettledQrOrders,
  type FeeOrderRef,
  type FeeSettlementOptions,
} from './fee-settlement.js';

export type FeeCloseRetry = Pick<JournaledHostRetries, 'retryLater'>;

/** The background tries' key of one order's close. */
export const feeCloseKey = (transactionId: string, attempt: number) =>
  `${transactionId}:fee-close:${attempt}`;

/**
 * Hands the close of `order` to the background tries when the host did not answer it (`error`);
 * true when handed, false when the host answered otherwise (left to the next boot's scan).
 */
export async function settleQrOrderLater(
  deps: {
    readonly journal: JournalService;
    readonly issuance: IssuanceHostService;
    readonly later: FeeCloseRetry;
  },
  transactionId: string,
  order: FeeOrderRef,
  error: unknown,
  options: FeeSettlementOptions = {},
): Promise<boolean> {
  // retryLater hands it over only when the host did not answer (`hostDidNotAnswer`)
  return deps.later.retryLater(feeCloseKey(transactionId, order.attempt), error, {
    step: 'fee.close',
    unjournaled: true,
    send: async () => {
      const open = unsettledQrOrders(await deps.journal.stepsOf(transactionId));
      const still = open.find((o) => o.attempt === order.attempt);
      if (!still) return { outcome: 'already settled' };
      // a payment id journaled since (a `fee.order` after the first close) is used, not looked up
      const outcome = await settleQrOrder(
        deps.journal,
        deps.issuance,
        transactionId,
        { ...order, ...still },
        { ...options, again: true },
      );
      return { outcome };
    },
  });
}

/**
 * A replacement fee paid, whichever way the resident paid it (from the personal account at the
 * kiosk, or by QR code through the provider): the ledger books it into fee income, the
 * application becomes ready for card making and remembers how it was paid, and the audit
 * records it. One place, so the two ways of paying cannot drift apart.
 */
import { SystemAccount, type AccountId } from '../ledger/ledger.js';
import type { Application } from '../store/host-records.js';
import type { HostStore } from '../store/host-store.js';

export interface ReplacementFeePayment {
  /** the account the fee comes from: the resident's personal account, or the QR clearing account */
  readonly from: AccountId;
  readonly amountFen: number;
  readonly paidBy: 'qr' | 'account';
  readonly description: string;
  readonly at: string;
  /** who the audit names: the kiosk, or the QR provider */
  readonly kioskId: string;
  readonly action: string;
}

export function bookReplacementFee(
  store: HostStore,
  application: Application,
  payment: ReplacementFeePayment,
): void {
  store.ledger.transfer({
    from: payment.from,
    to: SystemAccount.feeIncome,
    amountFen: payment.amountFen,
    at: payment.at,
    kind: 'fee',
    description: payment.description,
  });
  application.status = 'ready';
  application.feePaidBy = payment.paidBy;
  store.record({
    at: payment.at,
    kioskId: payment.kioskId,
    action: payment.action,
    cardNumber: application.replacesCardNumber,
    outcome: 'ok',
  });
}

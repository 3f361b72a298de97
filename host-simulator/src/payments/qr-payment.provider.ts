/**
 * A simulated QR payment provider for the replacement fee: the kiosk asks for an order, shows
 * its QR content, and polls its status; the resident "scans and pays" through `pay()` (tests, the
 * demo panel, or the demo route). A paid order books the fee (provider clearing → fee income)
 * and makes the application ready for card making. Unpaid orders expire.
 *
 * The kiosk that stops waiting (timeout, cancel, the resident gone, a restart) closes its order:
 * a closed order can no longer be paid (PAYMENT_ORDER_CLOSED). An order paid before the close
 * landed is answered `paid` by the close; the kiosk then has it refunded (the fee goes back to
 * the provider's clearing account, the application awaits its fee again). Close and refund are
 * idempotent by state: asked again, they answer what they did.
 */
import { ErrorCode } from '@kiosk/domain';
import { HostError } from '../http/host-error.js';
import { SystemAccount } from '../ledger/ledger.js';
import type { HostRules } from '../rules/host-rules.js';
import type { QrPayment } from '../store/host-records.js';
import type { HostStore } from '../store/host-store.js';
import { bookReplacementFee } from './replacement-fee.js';

export class QrPaymentProvider {
  constructor(
    private readonly store: HostStore,
    private readonly rules: HostRules,
    private readonly now: () => Date,
  ) {}

  /**
   * An order for the application's fee, payable for `validForMs` (what the kiosk will wait; the
   * host's `qrPaymentTtlMinutes` at most); a still-payable order for it is reused.
   */
  createOrder(applicationNo: string, amountFen: number, validForMs?: number): QrPayment {
    const open = [...this.store.payments.values()].find(
      (p) => p.applicationNo === applicationNo && this.status(p.paymentId).status === 'pending',
    );
    if (open) return open;
    const created = this.now();
    const maxMs = this.rules.qrPaymentTtlMinutes * 60_000;
    const payment: QrPayment = {
      paymentId: `QR${String(this.store.nextNumber('payment')).padStart(8, '0')}`,
      applicationNo,
      amountFen,
      status: 'pending',
      createdAt: created.toISOString(),
      expiresAt: new Date(created.getTime() + Math.min(validForMs ?? maxMs, maxMs)).toISOString(),
      paidAt: null,
    };
    this.store.payments.set(payment.paymentId, payment);
    return payment;
  }

  status(paymentId: string): QrPayment {
    const payment = this.store.payments.get(paymentId);
    if (!payment) throw new HostError(404, ErrorCode.PAYMENT_NOT_FOUND, 'No such payment order.');
    if (payment.status === 'pending' && this.now().toISOString() >= payment.expiresAt) {
      payment.status = 'expired';
    }
    return payment;
  }

  /** The resident scanned the code and paid. */
  pay(paymentId: string): QrPayment {
    const payment = this.status(paymentId);
    if (payment.status === 'closed' || payment.status === 'refunded') {
      throw new HostError(
        409,
        ErrorCode.PAYMENT_ORDER_CLOSED,
        'The kiosk closed this payment order; nothing was charged. Start again at the kiosk.',
      );
    }
    if (payment.status !== 'pending') {
      throw new HostError(
        409,
        ErrorCode.PAYMENT_STATE_CONFLICT,
        `The payment order is ${payment.status}; start a new one.`,
      );
    }
    const application = this.store.applications.get(payment.applicationNo);
    if (!application || application.status !== 'awaitingFee') {
      throw new HostError(
        409,
        ErrorCode.APPLICATION_STATE_CONFLICT,
        'The application no longer awaits its fee.',
      );
    }
    const at = this.now().toISOString();
    bookReplacementFee(this.store, application, {
      from: SystemAccount.qrClearing,
      amountFen: payment.amountFen,
      paidBy: 'qr',
      description: `补卡费 QR ${payment.paymentId} (replacement fee)`,
      at,
      kioskId: 'qr-provider',
      action: 'payment.qrPaid',
    });
    payment.status = 'paid';
    payment.paidAt = at;
    return payment;
  }

  /**
   * The kiosk stopped waiting: a pending order is closed (no longer payable). Paid, expired,
   * closed or refunded orders are answered as they are: a paid one raced the close.
   */
  close(paymentId: string): QrPayment {
    const payment = this.status(paymentId);
    if (payment.status === 'pending') {
      payment.status = 'closed';
      payment.closedAt = this.now().toISOString();
    }
    return payment;
  }

  /**
   * An order paid after the kiosk had given up: the fee goes back (fee income → the provider's
   * clearing account, which pays the resident back) and the application awaits its fee again.
   * Refunded once: asked again, it answers the refunded order. A card already issued on the
   * application keeps its fee (APPLICATION_STATE_CONFLICT).
   */
  refund(paymentId: string): QrPayment {
    const payment = this.status(paymentId);
    if (payment.status === 'refunded') return payment;
    if (payment.status !== 'paid') {
      throw new HostError(
        409,
        ErrorCode.PAYMENT_STATE_CONFLICT,
        `The payment order is ${payment.status}; only a paid order is refunded.`,
      );
    }
    const application = this.store.applications.get(payment.applicationNo);
    if (!application || application.status !== 'ready' || application.feePaidBy !== 'qr') {
      throw new HostError(
        409,
        ErrorCode.APPLICATION_STATE_CONFLICT,
        'The application is past its fee (a card was issued on it); the fee is not refunded.',
      );
    }
    const at = this.now().toISOString();
    this.store.ledger.transfer({
      from: SystemAccount.feeIncome,
      to: SystemAccount.qrClearing,
      amountFen: payment.amountFen,
      at,
      kind: 'fee',
      description: `补卡费退款 QR ${payment.paymentId} (replacement fee refunded)`,
    });
    payment.status = 'refunded';
    payment.refundedAt = at;
    application.status = 'awaitingFee';
    application.feePaidBy = null;
    this.store.record({
      at,
      kioskId: 'qr-provider',
      action: 'payment.qrRefunded',
      cardNumber: application.replacesCardNumber,
      outcome: 'ok',
    });
    return payment;
  }
}

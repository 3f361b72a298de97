/**
 * A simulated QR payment provider for the replacement fee: the kiosk asks for an order, shows
 * its QR content, and polls its status; the resident "scans and pays" through `pay()` (tests, the
 * demo panel, or the demo route). A paid order books the fee (provider clearing → fee income)
 * and makes the application ready for card making. Unpaid orders expire.
 */
import { ErrorCode } from '@kiosk/domain';
import { HostError } from '../http/host-error.js';
import { SystemAccount } from '../ledger/ledger.js';
import type { HostRules } from '../rules/host-rules.js';
import type { QrPayment } from '../store/host-records.js';
import type { HostStore } from '../store/host-store.js';

export class QrPaymentProvider {
  constructor(
    private readonly store: HostStore,
    private readonly rules: HostRules,
    private readonly now: () => Date,
  ) {}

  /** An order for the application's fee; a still-payable order for it is reused. */
  createOrder(applicationNo: string, amountFen: number): QrPayment {
    const open = [...this.store.payments.values()].find(
      (p) => p.applicationNo === applicationNo && this.status(p.paymentId).status === 'pending',
    );
    if (open) return open;
    const created = this.now();
    const payment: QrPayment = {
      paymentId: `QR${String(this.store.nextNumber('payment')).padStart(8, '0')}`,
      applicationNo,
      amountFen,
      status: 'pending',
      createdAt: created.toISOString(),
      expiresAt: new Date(created.getTime() + this.rules.qrPaymentTtlMinutes * 60_000).toISOString(),
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
    this.store.ledger.transfer({
      from: SystemAccount.qrClearing,
      to: SystemAccount.feeIncome,
      amountFen: payment.amountFen,
      at,
      kind: 'fee',
      description: `补卡费 QR ${payment.paymentId} (replacement fee)`,
    });
    payment.status = 'paid';
    payment.paidAt = at;
    application.status = 'ready';
    application.feePaidBy = 'qr';
    this.store.record({
      at,
      kioskId: 'qr-provider',
      action: 'payment.qrPaid',
      cardNumber: application.replacesCardNumber,
      outcome: 'ok',
    });
    return payment;
  }
}

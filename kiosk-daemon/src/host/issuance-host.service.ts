import { Injectable } from '@nestjs/common';
import {
  ApplicationList,
  ApplicationView,
  CardPersonalisation,
  IssuanceAnswer,
  IssuerKeyAnswer,
  QrPaymentView,
  type IssuanceReport,
} from '@kiosk/host-simulator/contract';
import { MetricsService } from '../telemetry/metrics.service.js';
import { theCardOrderAsked } from './card-order-asked.js';
import { countHostCall } from './count-host-call.js';
import { HostConnection } from './host-connection.js';
import { cardInPath, hostPath, pathOf } from './host-path.js';
import type { HostRequest } from './host-http.client.js';
import { theOrderAsked, type QrOrderAsked } from './qr-order-asked.js';

/**
 * The back-office calls of card issuance: the resident's application, a replacement (the loss
 * confirmed), the fee (QR or personal account), the card number and data to write, the chip's
 * key, and the report of the card taken or abandoned. Writes carry idempotency keys made of the
 * kiosk id and the journal serial, so a retry after a lost answer does the thing once.
 */
@Injectable()
export class IssuanceHostService {
  #pendingQr: QrPaymentView | null = null;
  readonly #pendingListeners = new Set<() => void>();

  /** the QR payment a resident is being asked to pay now (the demo panel pays it) */
  get pendingQr(): string | null {
    return this.#pendingQr?.paymentId ?? null;
  }

  /** the order of that payment: the fee screen draws its QR content */
  get pendingQrOrder(): QrPaymentView | null {
    return this.#pendingQr;
  }

  set pendingQrOrder(order: QrPaymentView | null) {
    this.#pendingQr = order;
    for (const listener of this.#pendingListeners) listener();
  }

  onPendingQr(listener: () => void): () => void {
    this.#pendingListeners.add(listener);
    return () => this.#pendingListeners.delete(listener);
  }

  constructor(
    private readonly connection: HostConnection,
    private readonly metrics: MetricsService,
  ) {}

  private key(serial: string, what: string): string {
    return `${this.connection.kioskId()}:${serial}:${what}`;
  }

  applications(idNumber: string, signal?: AbortSignal): Promise<ApplicationList> {
    return this.count('applications', () =>
      this.connection.client().request({
        method: 'POST',
        path: '/v1/applications/lookup',
        body: { idNumber },
        schema: ApplicationList,
        signal,
      }),
    );
  }

  /**
   * Opens (or returns) the replacement of a lost card (the host confirms the loss) or of a damaged
   * card handed in at this kiosk (`handedIn`: captured here; the host cancels it at once).
   */
  requestReplacement(
    cardNumber: string,
    idNumber: string,
    serial: string,
    signal?: AbortSignal,
    reason: 'lost' | 'handedInDamaged' = 'lost',
  ): Promise<ApplicationView> {
    const why = reason === 'lost' ? { reason: 'lost' } : { reason: 'damaged', handedIn: true };
    return this.count('replacement', () =>
      this.connection.client().request({
        method: 'POST',
        path: hostPath`/v1/cards/${cardInPath(cardNumber)}/replacement`,
        body: { idNumber, ...why },
        idempotencyKey: this.key(serial, 'replacement'),
        schema: ApplicationView,
        signal,
      }),
    );
  }

  /**
   * A QR payment order for the fee, payable for `validForMs` (as long as the fee screen waits).
   * Each order of a transaction has its attempt number in its key: an order the kiosk closed is
   * never handed back for the next one; the same attempt asked again is the same order.
   */
  startQrPayment(
    applicationNo: string,
    serial: string,
    signal?: AbortSignal,
    order: { readonly attempt?: number; readonly validForMs?: number } = {},
  ): Promise<QrPaymentView> {
    const attempt = order.attempt === undefined || order.attempt === 1 ? '' : `:${order.attempt}`;
    return this.qrOrder(
      'qrPayment',
      { applicationNo },
      {
        method: 'POST',
        path: `/v1/applications/${applicationNo}/fee/qr`,
        body: order.validForMs === undefined ? {} : { validForMs: order.validForMs },
        idempotencyKey: this.key(serial, `fee-qr:${applicationNo}${attempt}`),
        schema: QrPaymentView,
        signal,
      },
    );
  }

  /** The kiosk stopped waiting: the order can no longer be paid; one paid before the close answers `paid`. */
  closeQrPayment(paymentId: string, serial: string, signal?: AbortSignal): Promise<QrPaymentView> {
    return this.qrOrder(
      'qrClose',
      { paymentId },
      {
        method: 'POST',
        path: `/v1/payments/${encodeURIComponent(paymentId)}/close`,
        body: {},
        idempotencyKey: this.key(serial, `fee-close:${paymentId}`),
        schema: QrPaymentView,
        signal,
      },
    );
  }

  /** An order paid after the kiosk gave up: the host gives the fee back, once (by key and by state). */
  refundQrPayment(paymentId: string, serial: string, signal?: AbortSignal): Promise<QrPaymentView> {
    return this.qrOrder(
      'qrRefund',
      { paymentId },
      {
        method: 'POST',
        path: `/v1/payments/${encodeURIComponent(paymentId)}/refund`,
        body: {},
        idempotencyKey: this.key(serial, `fee-refund:${paymentId}`),
        schema: QrPaymentView,
        signal,
      },
    );
  }

  payment(paymentId: string, signal?: AbortSignal): Promise<QrPaymentView> {
    return this.qrOrder(
      'payment',
      { paymentId },
      {
        method: 'GET',
        path: `/v1/payments/${encodeURIComponent(paymentId)}`,
        schema: QrPaymentView,
        signal,
      },
    );
  }

  /** Demo only: the simulated payment provider marks the order paid (the resident "scanned"). */
  payDemoQr(paymentId: string, signal?: AbortSignal): Promise<QrPaymentView> {
    return this.qrOrder(
      'demoPay',
      { paymentId },
      {
        method: 'POST',
        path: `/v1/demo/payments/${encodeURIComponent(paymentId)}/pay`,
        body: {},
        schema: QrPaymentView,
        signal,
      },
    );
  }

  payFeeFromAccount(
    applicationNo: string,
    idNumber: string,
    serial: string,
    signal?: AbortSignal,
  ): Promise<ApplicationView> {
    return this.count('feeFromAccount', () =>
      this.connection.client().request({
        method: 'POST',
        path: `/v1/applications/${applicationNo}/fee/account`,
        body: { idNumber },
        idempotencyKey: this.key(serial, `fee-account:${applicationNo}`),
        schema: ApplicationView,
        signal,
      }),
    );
  }

  /** Reserves the card number (the same one while the application is being made) and the data to write. */
  orderCard(
    applicationNo: string,
    idNumber: string,
    serial: string,
    attempt: number,
    signal?: AbortSignal,
  ): Promise<CardPersonalisation> {
    const path = `/v1/applications/${applicationNo}/card`;
    return this.count('orderCard', async () =>
      theCardOrderAsked(
        await this.connection.client().request({
          method: 'POST',
          path,
          body: { idNumber },
          idempotencyKey: this.key(serial, `order:${attempt}`),
          schema: CardPersonalisation,
          signal,
        }),
        { applicationNo, idNumber },
        path,
      ),
    );
  }

  /** The chip's personalisation key, diversified by its serial at the host. Never log the answer. */
  personalisationKey(
    cardNumber: string,
    cardIdentifier: string,
    signal?: AbortSignal,
  ): Promise<IssuerKeyAnswer> {
    return this.count('personalisationKey', () =>
      this.connection.client().request({
        method: 'POST',
        path: hostPath`/v1/cards/${cardInPath(cardNumber)}/issuer-key`,
        body: { purpose: 'personalisation', cardIdentifier },
        schema: IssuerKeyAnswer,
        signal,
      }),
    );
  }

  reportIssuance(
    applicationNo: string,
    report: IssuanceReport,
    serial: string,
    signal?: AbortSignal,
  ): Promise<IssuanceAnswer> {
    return this.count('issued', () =>
      this.connection.client().request({
        method: 'POST',
        path: `/v1/applications/${applicationNo}/issued`,
        body: report,
        idempotencyKey: this.key(serial, `issued:${report.outcome}`),
        schema: IssuanceAnswer,
        signal,
      }),
    );
  }

  /** A QR payment call whose answer must be of the order asked about (`theOrderAsked`). */
  private qrOrder(
    operation: string,
    asked: QrOrderAsked,
    request: HostRequest<typeof QrPaymentView>,
  ): Promise<QrPaymentView> {
    return this.count(operation, async () =>
      theOrderAsked(await this.connection.client().request(request), asked, pathOf(request.path).shown),
    );
  }

  private count<T>(operation: string, call: () => Promise<T>): Promise<T> {
    return countHostCall(this.metrics, operation, call);
  }
}

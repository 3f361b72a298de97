/**
 * The fee screen's wait for a QR payment (ADR 0008, "The fee"; ADR 0015). The order is asked of the
 * host payable as long as the screen may wait (`timeouts.feePaymentMs`), journaled (`fee.qr`, then
 * `fee.order` with its id), and polled until paid. Its code is shown for as long as the host keeps
 * the order payable, no longer: the first status read's `expiresInMs` (the host's own clock), counted
 * from the moment the kiosk sent that read (its own clock), is the order's expiry; the journey is
 * told (`orderOpened`) before the code is published, and the wait ends there by itself too. An
 * order that expired before its answer came is never shown. Whenever the wait ends without the
 * payment being handed to card making (the order's expiry, the step cancelled, more time asked
 * for, the card or ID card taken away, the session ended, the host failing), the order is closed at
 * the host by `settleQrOrder`, off the session's path: refunded if it was paid before the close
 * landed (a payment in the order's last moment seen after its expiry included); a close the host
 * does not answer goes to the background tries (`feeRetry`), settled once it answers. A paid order
 * handed to card making is settled `accepted` when the first blank starts.
 */
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode, KioskError, PAYMENT_QR_CONTENT_MAX_CHARS } from '@kiosk/domain';
import { setTimeout as delay } from 'node:timers/promises';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { settleQrOrderLater, type FeeCloseRetry } from './fee-close-background.js';
import { settleQrOrder, type FeeSettlementOptions } from './fee-settlement.js';
import type { JourneyTools } from './journey-tools.js';
import { ScopeKey } from './session-scope.js';

/** What a session knows of its QR fee orders. */
export const QR_FEE = new ScopeKey('qrFee', () => ({
  /** QR fee orders opened in this transaction (each its own key at the host) */
  qrAttempts: 0,
  /** the closing of an order the session stopped waiting for: the next order waits for it */
  settling: undefined as Promise<void> | undefined,
  /** the QR order paid and handed to card making, settled `accepted` when the first blank starts */
  paidOrder: undefined as { attempt: number; paymentId: string } | undefined,
}));

export type QrFeeState = ReturnType<(typeof QR_FEE)['make']>;

export interface QrFeeDeps {
  readonly issuance: IssuanceHostService;
  readonly journal: JournalService;
  readonly config: KioskConfig;
  /** how often a QR payment's status is asked (default 1 s) */
  readonly paymentPollMs?: number;
  readonly feeSettlement?: FeeSettlementOptions;
  readonly onFeeUnsettled?: (transactionId: string, code: string) => void;
  /** the background tries: a close the host did not answer is settled there once it answers */
  readonly feeRetry?: FeeCloseRetry;
  /** the kiosk's clock (epoch ms; default the system clock): the one the journey's deadlines use */
  readonly now?: () => number;
}

/** The QR wait's input from the journey: the fee, and where the order's time left is reported. */
export interface QrFeeInput {
  readonly applicationId: string;
  readonly amountFen: number;
  /** told once, before the code is shown: the order is payable `payableForMs` longer from now */
  readonly orderOpened?: (order: { readonly payableForMs: number }) => void;
}

const ended = () => new KioskError(ErrorCode.SESSION_CANCELLED, 'The fee step ended.');

/**
 * The close of a QR order this session gave up on, waited for before the fee is taken from the
 * account (paid once): `boundMs` at most (a close the host is slow to answer goes on in the
 * background, and the fee is refused, nothing charged), and no longer than the step (`signal`).
 */
export async function earlierOrderClosed(
  fee: QrFeeState,
  boundMs: number,
  signal: AbortSignal,
): Promise<void> {
  const closing = fee.settling;
  if (closing === undefined) return;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const outcome = await Promise.race([
    closing.then(() => 'closed' as const),
    new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), boundMs))),
    new Promise<'ended'>((resolve) => {
      onAbort = () => resolve('ended');
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }),
  ]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  });
  if (outcome === 'ended') throw ended();
  if (outcome === 'late') {
    throw new KioskError(
      ErrorCode.HOST_TIMEOUT,
      'The office has not yet closed the payment code shown before; nothing was charged. Please try again in a moment.',
      { timeoutMs: boundMs },
    );
  }
}

/**
 * An order whose content the fee screen cannot draw as a QR code (none, or longer than a code
 * holds: the screen's drawing throws and the touch UI is left blank mid-payment) is the back
 * office's bad answer: HOST_BAD_RESPONSE, its length named, never its text.
 */
function refuseUndrawableCode(qrContent: string): void {
  if (qrContent.length > 0 && qrContent.length <= PAYMENT_QR_CONTENT_MAX_CHARS) return;
  throw new KioskError(
    ErrorCode.HOST_BAD_RESPONSE,
    'The payment code from the back office cannot be shown; nothing was charged. Please pay from your account or at a service counter.',
    { field: 'qrContent', length: qrContent.length, limit: PAYMENT_QR_CONTENT_MAX_CHARS },
  );
}
const codeExpired = () =>
  new KioskError(ErrorCode.FEE_NOT_PAID, 'The payment code expired before it was paid; please try again.');

export async function waitForQrFee(
  deps: QrFeeDeps,
  tools: JourneyTools,
  fee: QrFeeState,
  input: QrFeeInput,
  signal: AbortSignal,
): Promise<{ paymentId: string }> {
  // an order this session stopped waiting for is closed first: the next is a new code
  await fee.settling;
  if (signal.aborted) throw new KioskError(ErrorCode.SESSION_CANCELLED, 'The fee step ended.');
  const transactionId = tools.transactionId;
  const attempt = (fee.qrAttempts += 1);
  const applicationNo = input.applicationId;
  const validForMs = deps.config.timeouts.feePaymentMs;
  let settled = false;
  let paymentId: string | undefined;
  let exited!: () => void;
  const actorExited = new Promise<void>((resolve) => (exited = resolve));
  /**
   * Closes the order at the host (refunded if it was paid first), once, off the session's path.
   * Registered the moment the step ends (so the next order and the account road wait for it), it
   * acts once this wait has returned: a journal write in flight (`fee.paid`) ends before the close's.
   */
  const abandon = () => {
    if (settled) return;
    settled = true;
    const options = { validForMs, ...deps.feeSettlement };
    fee.settling = actorExited.then(async () => {
      const ref = { attempt, applicationNo, ...(paymentId ? { paymentId } : {}) };
      try {
        await settleQrOrder(deps.journal, deps.issuance, transactionId, ref, options);
      } catch (e) {
        deps.onFeeUnsettled?.(transactionId, KioskError.from(e).code);
        // the host did not answer: settled in the background once it does, not at the next boot
        const later = deps.feeRetry;
        if (later) {
          await settleQrOrderLater(
            { journal: deps.journal, issuance: deps.issuance, later },
            transactionId,
            ref,
            e,
            options,
          ).catch(() => undefined);
        }
      }
    });
  };
  signal.addEventListener('abort', abandon, { once: true });
  try {
    // made without the step's signal: once asked, the order is known and closed if need be
    const order = await tools.irreversible(
      'fee.qr',
      () => deps.issuance.startQrPayment(applicationNo, transactionId, undefined, { attempt, validForMs }),
      { amountFen: input.amountFen, applicationNo, attempt },
    );
    paymentId = order.paymentId;
    await tools.step('fee.order', { attempt, paymentId: order.paymentId, expiresAt: order.expiresAt });
    // journaled first, so the order is closed by its id: a code the screen cannot draw is never shown
    refuseUndrawableCode(order.qrContent);
    const now = deps.now ?? Date.now;
    /** the order's expiry on the kiosk's clock, from the first status read (ADR 0015) */
    let payableUntil: number | undefined;
    for (;;) {
      if (signal.aborted) throw ended();
      const askedAt = now();
      const payment = await deps.issuance.payment(order.paymentId, signal);
      if (payment.status === 'paid') {
        await tools.step('fee.paid', { attempt, paymentId: payment.paymentId, amountFen: payment.amountFen });
        // the step may have ended while that was written: then the order is closed (refunded)
        if (signal.aborted) throw ended();
        // seen after the code's time: the journey has left the code; refunded, not taken
        if (payableUntil !== undefined && now() >= payableUntil) throw codeExpired();
        settled = true; // card making takes it: `fee.settled accepted` before the first blank
        fee.paidOrder = { attempt, paymentId: payment.paymentId };
        return { paymentId: payment.paymentId };
      }
      if (payment.status !== 'pending') {
        throw new KioskError(ErrorCode.FEE_NOT_PAID, 'The QR payment expired; please try again.', {
          status: payment.status,
        });
      }
      if (payableUntil === undefined) {
        // the host answered at or after `askedAt`: never later than its own expiry, whatever the clocks
        payableUntil = askedAt + payment.expiresInMs;
        const payableForMs = payableUntil - now();
        if (signal.aborted) throw ended(); // the journey has left the step: nothing to tell it
        input.orderOpened?.({ payableForMs });
        if (payableForMs <= 0) {
          throw new KioskError(
            ErrorCode.FEE_NOT_PAID,
            'The back office answered too late: the payment code had already expired, nothing was charged. Please try again.',
            { expiresInMs: payment.expiresInMs },
          );
        }
        deps.issuance.pendingQrOrder = order;
      }
      const left = payableUntil - now();
      if (left <= 0) throw codeExpired();
      await delay(Math.min(deps.paymentPollMs ?? 1000, left), undefined, { signal });
    }
  } catch (e) {
    abandon(); // no answer, a failed poll, an expired order, or the step ended
    throw e;
  } finally {
    signal.removeEventListener('abort', abandon);
    if (paymentId && deps.issuance.pendingQr === paymentId) deps.issuance.pendingQrOrder = null;
    exited();
  }
}

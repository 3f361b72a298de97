import { ErrorCode, KioskError } from '@kiosk/domain';
import type { QrPaymentView } from '@kiosk/host-simulator/contract';

/** What the kiosk asked a QR payment answer about: the order by its id, or the application's new order. */
export type QrOrderAsked = { readonly paymentId: string } | { readonly applicationNo: string };

/**
 * A QR payment answer of the order asked about (its id; a new order: of the application asked for),
 * else refused (HOST_BAD_RESPONSE) rather than read: an answer of another order (a mixed-up proxy
 * or cache, a back office's fault) read as this one's took another resident's payment as this
 * fee's (a card made unpaid), closed or refunded another order by the id it named, or showed the
 * resident another application's code to pay.
 */
export function theOrderAsked(view: QrPaymentView, asked: QrOrderAsked, path: string): QrPaymentView {
  const [field, expected, answered] =
    'paymentId' in asked
      ? (['paymentId', asked.paymentId, view.paymentId] as const)
      : (['applicationNo', asked.applicationNo, view.applicationNo] as const);
  if (answered === expected) return view;
  throw new KioskError(
    ErrorCode.HOST_BAD_RESPONSE,
    'The back office answered about another payment order than the one asked for.',
    { path, field },
  );
}

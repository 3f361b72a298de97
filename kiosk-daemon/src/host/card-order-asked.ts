import { ErrorCode, KioskError } from '@kiosk/domain';
import type { CardPersonalisation } from '@kiosk/host-simulator/contract';

const sameIdNumber = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/**
 * The card data the host answers an order with, for the application and the resident asked about
 * (the ID number the kiosk identified them by), else refused (HOST_BAD_RESPONSE) before any blank
 * is fed: an answer of another application or holder (a mixed-up proxy or cache, a back office's
 * fault) read as this one's had the kiosk write another person's name and ID number on the chip
 * and the face and hand that card to this resident. The refusal names the field, never a value.
 */
export function theCardOrderAsked(
  order: CardPersonalisation,
  asked: { readonly applicationNo: string; readonly idNumber: string },
  path: string,
): CardPersonalisation {
  const field =
    order.applicationNo !== asked.applicationNo
      ? 'applicationNo'
      : !sameIdNumber(order.holder.idNumber, asked.idNumber)
        ? 'holder.idNumber'
        : undefined;
  if (field === undefined) return order;
  throw new KioskError(
    ErrorCode.HOST_BAD_RESPONSE,
    'The back office’s card data is not for this application; please go to a service counter.',
    { path, field },
  );
}

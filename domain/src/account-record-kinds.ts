/**
 * What a personal-account record is, as the kiosk reads the back office's records. The host owns
 * these lists and may add to them in any release (a new kind of booking, a new kind of medical
 * payment): a kiosk that meets a value it does not know keeps the record as OTHER_RECORD, shown
 * with a neutral label and the host's own description, and never drops it or the whole answer.
 */
import { maskCardNumber, maskIdNumbersInText, maskName } from './masking.js';

/** The kinds of record this kiosk words itself, in the resident's language. */
export const RECORD_KINDS = [
  'opening',
  'contribution',
  'medicalPayment',
  'withdrawal',
  'withdrawalPaid',
  'withdrawalReversal',
  'fee',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * The most records the kiosk asks the host for at once, and prints on the one receipt that clears
 * the card's unprinted counter: the highest a region may set that limit to (config
 * `card.recordsUntilPrintRequired`), so every record the card counts fits on that receipt.
 */
export const MOST_RECORDS_AT_ONCE = 100;

/** A kind (or a medical payment's detail) the host sent and this kiosk does not know. */
export const OTHER_RECORD = 'other' as const;
export type OtherRecord = typeof OTHER_RECORD;

// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Longest host description a screen or receipt shows, in characters ("..." where cut). */
export const HOST_DESCRIPTION_MAX = 40;

/**
 * The host's description of a record, fit to show the resident: it is free text the back office
 * writes for its staff, so it may name the holder, carry an ID or card number, hold line breaks or
 * other control characters, or run long. Masked as the rest of a screen or receipt is (the
 * holder's name 张*明, any ID number 4108**********1234, the holder's card number first 3 and
 * last 3), every control character a space, white space runs one space, at most `maxLength`
 * characters.
 */
export function residentSafeDescription(
  text: string,
  holder: { readonly name?: string; readonly cardNumber?: string } = {},
  maxLength = HOST_DESCRIPTION_MAX,
): string {
  let safe = maskIdNumbersInText(text);
  const name = holder.name?.trim();
  if (name && Array.from(name).length >= 2) safe = safe.split(name).join(maskName(name));
  const card = holder.cardNumber?.trim();
  if (card) safe = safe.split(card).join(maskCardNumber(card));
  safe = safe.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(safe);
  return chars.length <= maxLength
    ? safe
    : `${chars
        .slice(0, Math.max(0, maxLength - 3))
        .join('')
        .trimEnd()}...`;
}

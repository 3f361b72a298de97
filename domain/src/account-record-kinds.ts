/**
 * What a personal-account record is, as the kiosk reads the back office's records. The host owns
 * these lists and may add to them in any release (a new kind of booking, a new kind of medical
 * payment): a kiosk that meets a value it does not know keeps the record as OTHER_RECORD, shown
 * with a neutral label and the host's own description, and never drops it or the whole answer.
 */
import { maskCardNumber, maskIdNumbersInText, maskName } from './masking.js';
import type { Locale } from './session-view.js';

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

/**
 * The host's words for a record this kiosk cannot word itself (a kind or a medical payment's
 * detail the back office added after it, ADR 0013), in the resident's language.
 *
 * The records contract carries them two ways. A newer host sends `descriptions`, its wording in
 * each language the kiosk offers (`zh-CN`, `en`); an older host sends only `description`, one
 * text for its staff that may mix languages. The kiosk takes, in this order: the host's wording
 * in the resident's language; else, where the host sent wordings but none in that language, the
 * record's raw code (`longTermCare`), which the screen and the receipt frame with their own
 * "其他" / "Other" label, never the other language's text unmarked; else (an older host) its one
 * description, as before. The text returned is the host's as sent: mask it
 * (`residentSafeDescription`) before a screen or a receipt shows it.
 */
/** A host's wording of a record in the languages the kiosk offers (each one optional). */
export type HostRecordDescriptions = Readonly<Partial<Record<Locale, string>>>;

export interface HostRecordWords {
  /** the older contract's one text, for the host's staff (may mix languages) */
  readonly description: string;
  /** a newer host's wording per language; absent from an older host */
  readonly descriptions?: HostRecordDescriptions;
  /** the record's code as the host sent it (the detail of a medical payment, else the kind) */
  readonly code?: string;
}

/** The host's words for the record in `locale`, as sent (unmasked); '' when there are none. */
export function hostWordingIn(locale: Locale, record: HostRecordWords): string {
  const { descriptions } = record;
  if (descriptions === undefined) return record.description;
  return descriptions[locale] ?? record.code ?? '';
}

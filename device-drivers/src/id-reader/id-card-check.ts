/**
 * What the kiosk refuses on a resident ID card before any host call: an ID number that fails
 * GB 11643 (checksum, date, region) and a card out of its validity period, its dates read as days
 * in the kiosk's zone (`kiosk.timeZone`). Pure.
 */
import { ErrorCode, KioskError, kioskDayOf, parseResidentId } from '@kiosk/domain';
import type { ResidentIdCard } from './id-reader.port.js';

export interface IdCardCheckOptions {
  readonly today?: Date;
  readonly regionPrefixes?: readonly string[];
  /** the kiosk's zone, whose calendar day the card's validity is read against (China's by default) */
  readonly timeZone?: string;
}

/** Throws a coded KioskError when the card cannot be used to identify its holder. */
export function assertIdCardUsable(card: ResidentIdCard, options: IdCardCheckOptions = {}): void {
  const today = options.today ?? new Date();
  parseResidentId(card.idNumber, { today, regionPrefixes: options.regionPrefixes ?? [] });
  const day = kioskDayOf(today, options.timeZone);
  if (card.validTo !== 'long-term' && !(/^\d{4}-\d{2}-\d{2}$/.test(card.validTo) && card.validTo >= day)) {
    throw new KioskError(ErrorCode.ID_CARD_EXPIRED, 'This ID card has expired; please use a valid ID card.');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(card.validFrom) || card.validFrom > day) {
    throw new KioskError(
      ErrorCode.ID_CARD_UNREADABLE,
      'The validity dates on this ID card cannot be trusted.',
    );
  }
}

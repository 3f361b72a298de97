/**
 * What the kiosk refuses on a resident ID card before any host call: an ID number that fails
 * GB 11643 (checksum, date, region) and a card out of its validity period. Pure.
 */
import { ErrorCode, KioskError, parseResidentId } from '@kiosk/domain';
import type { ResidentIdCard } from './id-reader.port.js';

export interface IdCardCheckOptions {
  readonly today?: Date;
  readonly regionPrefixes?: readonly string[];
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Throws a coded KioskError when the card cannot be used to identify its holder. */
export function assertIdCardUsable(card: ResidentIdCard, options: IdCardCheckOptions = {}): void {
  const today = options.today ?? new Date();
  parseResidentId(card.idNumber, { today, regionPrefixes: options.regionPrefixes ?? [] });
  const day = isoDay(today);
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

/**
 * Whether a card that read correctly may be used here: not expired, issued by a region this
 * kiosk serves, not at the unprinted-records limit (60 by default; unless the journey prints them). The
 * reader only reads; the session applies this check (it knows the region and the clock), so the
 * resident is told why, with a coded KioskError.
 */
import { ErrorCode, KioskError, kioskDayOf } from '@kiosk/domain';
import type { SocialSecurityCardData } from './card-reader.port.js';
import { UNPRINTED_LIMIT } from './social-security-card.protocol.js';

export interface CardUsePolicy {
  /** region code prefixes served, e.g. ['4108'] for Jiaozuo; empty or absent accepts any */
  readonly regionPrefixes?: readonly string[];
  readonly today?: Date;
  /** the kiosk's zone, whose calendar day the expiry date is read against (China's by default) */
  readonly timeZone?: string;
  /** the journey prints the card's records, so a card at the unprinted limit may go on */
  readonly printingRecords?: boolean;
  /** unprinted records at which the card must be printed first (config card.recordsUntilPrintRequired; 60) */
  readonly unprintedLimit?: number;
}

/** The first six digits of the issuing organisation: the region that issued the card. */
export const issuingRegionOf = (card: Pick<SocialSecurityCardData, 'issuingOrganisation'>): string =>
  card.issuingOrganisation.slice(0, 6);

export function assertCardUsable(
  card: Pick<SocialSecurityCardData, 'expiryDate' | 'issuingOrganisation' | 'recordsUnprinted'>,
  policy: CardUsePolicy = {},
): void {
  const today = kioskDayOf(policy.today ?? new Date(), policy.timeZone);
  // valid 10 years from issue: on its expiry date the card is expired, as the host counts it
  if (card.expiryDate <= today) {
    throw new KioskError(ErrorCode.CARD_EXPIRED, 'This card has expired; a new card can be made here.', {
      expiryDate: card.expiryDate,
    });
  }
  const region = issuingRegionOf(card);
  const prefixes = policy.regionPrefixes ?? [];
  if (prefixes.length > 0 && !prefixes.some((p) => region.startsWith(p))) {
    throw new KioskError(
      ErrorCode.CARD_OTHER_REGION,
      'This card was issued by another region; please use a counter of that region’s service.',
      { region },
    );
  }
  const limit = policy.unprintedLimit ?? UNPRINTED_LIMIT;
  if (!policy.printingRecords && (card.recordsUnprinted ?? 0) >= limit) {
    throw new KioskError(
      ErrorCode.CARD_RECORDS_PRINT_REQUIRED,
      `The card holds ${limit} unprinted records; print them here first, then the card works again.`,
    );
  }
}

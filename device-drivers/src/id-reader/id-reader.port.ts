/**
 * The resident-ID card reader as the daemon sees it: a card placed on or taken off the reader
 * is an event; reading returns the card's base message (the holder's printed data and photo).
 * The reader reports what is on the card; `assertIdCardUsable` (id-card-check.ts) refuses an
 * expired card or a malformed ID number before any host call.
 */
import type { DevicePort, Unsubscribe } from '../common/device-port.js';

export interface ResidentIdCard {
  readonly name: string;
  readonly sex: 'male' | 'female';
  /** ethnic group as printed, e.g. '汉' */
  readonly ethnicity: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly address: string;
  readonly idNumber: string;
  readonly issuingAuthority: string;
  /** YYYY-MM-DD */
  readonly validFrom: string;
  /** YYYY-MM-DD, or 'long-term' (长期) */
  readonly validTo: string;
  /** the card's photo as stored on the chip (1024 bytes on a GA 467 card) */
  readonly photo: Uint8Array;
}

export interface IdCardEvent {
  readonly type: 'placed' | 'removed';
  /**
   * On 'placed': the card was found by the reader's first look after it was out of sight (at
   * boot, or back from offline), so when it was placed, and by whom, is not known.
   */
  readonly unseen?: true;
}

export interface IdReaderPort extends DevicePort {
  readonly kind: 'idReader';
  onCardEvent(listener: (event: IdCardEvent) => void): Unsubscribe;
  /** Whether a card lies on the reader, immediately. */
  isCardPresent(): boolean;
  /**
   * Reads the card on the reader. Refuses with ID_CARD_ABSENT, ID_CARD_UNREADABLE,
   * DEVICE_OFFLINE, DEVICE_BUSY, DEVICE_OPERATION_CANCELLED (aborted).
   */
  readIdCard(signal?: AbortSignal): Promise<ResidentIdCard>;
  /**
   * Whether the card of this ID number, as last read, still lies on the reader, never lifted since,
   * asked of the reader now (not of its last poll): a card lifted and placed again, or swapped for
   * another, however quickly, is not (and is then reported removed, then placed). False when none
   * was read or none lies there, and when the card last read is another's (one read since, as the
   * check of a card swapped in that refused it): "the card last read" is not the card asked after.
   * A reader that can tell no lift by its protocol reads the card again and compares.
   * Refuses as `readIdCard` does (offline, busy, a fault; aborted).
   */
  sameCardAsRead(idNumber: string, signal?: AbortSignal): Promise<boolean>;
}

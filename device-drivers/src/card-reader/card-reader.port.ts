/**
 * The customer card reader of the kiosk: a MOTORISED reader that takes the social-security card
 * in, holds it while the chip is used, ejects it to the slot or retracts it to its capture bin.
 * The daemon depends on this port only; drivers: PC/SC (`PcscCardReader`) and the in-process
 * emulator (`EmulatedCardReader`).
 *
 * Every command is cancellable with an AbortSignal (it then rejects with `signal.reason`) and
 * fails with a coded `KioskError`: CARD_REMOVED (no card, or pulled out), CARD_MUTE (no answer to
 * reset), CARD_UNREADABLE (no contact, e.g. inserted upside down), CARD_NOT_SOCIAL_SECURITY,
 * CARD_DATA_CORRUPT, DEVICE_TIMEOUT, DEVICE_OFFLINE, DEVICE_BUSY, DEVICE_BIN_FULL,
 * CARD_RECORDS_PRINT_REQUIRED, DEVICE_PROTOCOL_ERROR, CARD_READER_JAM (the card jammed on an
 * eject: the reader then reports `hardwareError` with the fault CARD_READER_JAM until field staff
 * free the card and clear it, `selfTest`).
 */
import type { DevicePort, Unsubscribe } from '../common/device-port.js';
import type { ReplenishablePort } from '../common/supply-replenishment.js';
import type { SecurePin } from '../common/secure-pin.js';

export type CardEvent =
  | { readonly type: 'inserted' }
  /** pulled out by the resident while the reader held it (mid-transaction) */
  | { readonly type: 'removed' }
  /** moved to the slot by `eject()`; 'taken' follows when the resident takes it */
  | { readonly type: 'ejected' }
  | { readonly type: 'taken' }
  /** moved to the capture bin by `retract()` */
  | { readonly type: 'retracted' }
  /**
   * the reader's first word on its contacts (a reader without a motor, once pcscd reports it): the
   * card's position known, 'inReader' or 'none'; no card moved, so none was inserted
   */
  | { readonly type: 'sensed' };

/**
 * 'unknown': the reader has not said yet (a reader without a motor before pcscd's first status of
 * it, e.g. listed late after a restart): neither a card inside nor none
 */
export type CardPosition = 'none' | 'inReader' | 'atSlot' | 'unknown';

/** What the chip says (EF05 + EF06 + log status + PIN tries left). Personal data: mask before showing or logging. */
export interface SocialSecurityCardData {
  /** EF05 */
  readonly cardIdentifier: string;
  readonly cardType: string;
  readonly version: string;
  readonly issuingOrganisation: string;
  /** YYYY-MM-DD */
  readonly issueDate: string;
  /** YYYY-MM-DD; the card is valid through this day */
  readonly expiryDate: string;
  readonly cardNumber: string;
  /** EF06 */
  readonly idNumber: string;
  readonly name: string;
  readonly sex: 'male' | 'female';
  /** GB 3304 code, e.g. '01' */
  readonly ethnicity: string;
  /** region code, e.g. '410802' */
  readonly birthPlace: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  /** EF19: transactions logged but not yet printed (absent when the card has no log) */
  readonly recordsUnprinted?: number;
  /**
   * PIN tries left before the card locks, as the card answered VERIFY without a PIN (none spent);
   * 0 when locked; absent when the card gives no count (no such answer, or its PIN already verified)
   */
  readonly pinTriesLeft?: number;
}

export type PinVerification =
  | { readonly result: 'ok' }
  | { readonly result: 'wrong'; readonly attemptsLeft: number }
  | { readonly result: 'blocked' };

/** One entry of the card's transaction log (EF18). */
export interface CardTransaction {
  /** what happened: 'Q' query, 'W' withdrawal, 'P' records printed, 'A' activation... one ASCII letter */
  readonly kind: string;
  readonly amountFen: number;
  /** six ASCII characters identifying the kiosk */
  readonly terminalId: string;
  readonly at: Date;
  /**
   * the zone whose wall clock the chip's stamp (YYYYMMDDhhmmss) is written in: the kiosk's
   * (`kiosk.timeZone`), so the record falls on the resident's day; absent: UTC. Read back, a
   * record's `at` is its stamp read as UTC (`sameLogRecord` compares stamps, not instants)
   */
  readonly timeZone?: string;
}

/** Staff empty the capture bin (`emptySupplyBin('captureBin')`); a reader has no stock to refill. */
export interface CardReaderPort extends DevicePort, ReplenishablePort {
  readonly kind: 'cardReader';
  onCardEvent(listener: (event: CardEvent) => void): Unsubscribe;
  cardPosition(): CardPosition;
  /**
   * Whether the reader can take a card back into a capture bin (`retract`): a motorised reader, and
   * its emulator, can; a plain PC/SC reader without a motor (the presence mechanism: the resident
   * pushes the card in and pulls it out) cannot, so a card not taken stays in its slot, never
   * retracted (ADR 0002). A capability of the reader's kind, not of the bin's fill (a full bin
   * still refuses with DEVICE_BIN_FULL); false while no reader is chosen yet.
   */
  canCapture(): boolean;
  /** SELECT the application by DF name, read EF05, EF06 and the log status; parse them. */
  readCard(signal?: AbortSignal): Promise<SocialSecurityCardData>;
  /** VERIFY the PIN (the card keeps the counter). The PIN is not wiped: the caller owns it. */
  verifyPin(pin: SecurePin, signal?: AbortSignal): Promise<PinVerification>;
  /**
   * CHANGE REFERENCE DATA with the old and the new PIN (activation of a new card, change of PIN).
   * 'wrong' and 'blocked' refer to the old PIN.
   */
  changePin(oldPin: SecurePin, newPin: SecurePin, signal?: AbortSignal): Promise<PinVerification>;
  /**
   * RESET RETRY COUNTER with a new PIN under issuer authentication: unblocks a locked PIN or
   * replaces a forgotten one. `cardKey` is this card's key as the host hands it out (the issuer key
   * diversified by the chip serial, `cardIdentifier`); the card and the kiosk authenticate each
   * other with it first (CARD_NOT_SOCIAL_SECURITY when the card fails). Wipes neither argument.
   */
  resetPin(cardKey: Uint8Array, newPin: SecurePin, signal?: AbortSignal): Promise<void>;
  /** Appends to the card's log after a verified PIN; CARD_RECORDS_PRINT_REQUIRED at 60 unprinted. */
  logTransaction(entry: CardTransaction, signal?: AbortSignal): Promise<void>;
  /** Reads the card's log (newest first) after a verified PIN. */
  readTransactions(signal?: AbortSignal): Promise<CardTransaction[]>;
  /** Clears the unprinted counter once the records are printed (after a verified PIN). */
  markRecordsPrinted(signal?: AbortSignal): Promise<void>;
  /** Card to the slot; 'ejected' now, 'taken' when the resident takes it. */
  eject(signal?: AbortSignal): Promise<void>;
  /** Card to the capture bin (counts in `status().supplies` as 'captureBin'). */
  retract(signal?: AbortSignal): Promise<void>;
}

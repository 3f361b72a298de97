/**
 * Weak PINs refused when a resident sets a new PIN (RULES.md, PIN): `@kiosk/domain`'s one rule
 * (the default 123456, all digits equal, ascending or descending runs wrapping past 9 or 0, the
 * holder's birth date as YYMMDD or MMDD padded with zeros), run on the collected digits: the
 * device layer calls it inside `SecurePin.useDigits`, so the digits never become a string.
 */
import { DEFAULT_PIN, weakPinRuleOfDigits } from '@kiosk/domain';
import type { SecurePin } from '../common/secure-pin.js';

export const DEFAULT_CARD_PIN_DIGITS: readonly number[] = Array.from(DEFAULT_PIN, Number);

/** True when the digits (values 0..9) make a PIN the kiosk refuses as weak; empty is weak. */
export function isWeakPin(digits: Readonly<Uint8Array>, holderBirthDate?: string): boolean {
  return digits.length === 0 || weakPinRuleOfDigits(digits, holderBirthDate, digits.length) !== null;
}

/** `isWeakPin` for a collected PIN, without the digits leaving the device layer. */
export function isWeakSecurePin(pin: SecurePin, holderBirthDate?: string): boolean {
  return pin.useDigits((digits) => isWeakPin(digits, holderBirthDate));
}

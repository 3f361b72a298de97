/**
 * Weak PINs refused when a resident sets a new PIN (RULES.md, PIN): the default 123456, all
 * digits equal, ascending or descending runs (wrapping: 890123, as the session's rules do), the holder's birth date as YYMMDD or MMDD padded
 * with zeros (00MMDD, MMDD00). Pure: the device layer calls it inside `SecurePin.useDigits`.
 */
import type { SecurePin } from '../common/secure-pin.js';

export const DEFAULT_CARD_PIN_DIGITS: readonly number[] = [1, 2, 3, 4, 5, 6];

/** Each digit one more (or less) than the one before, wrapping past 9 (890123) or 0 (109876). */
function isRun(digits: Readonly<Uint8Array>, step: 1 | -1): boolean {
  for (let i = 1; i < digits.length; i += 1) {
    if ((digits[i] ?? -1) !== ((digits[i - 1] ?? 0) + step + 10) % 10) return false;
  }
  return true;
}

function matches(digits: Readonly<Uint8Array>, pattern: string): boolean {
  if (pattern.length !== digits.length) return false;
  for (let i = 0; i < digits.length; i += 1) {
    if (Number(pattern[i]) !== digits[i]) return false;
  }
  return true;
}

/** Birth date patterns from 'YYYY-MM-DD' or 'YYYYMMDD'; none when the date is malformed. */
function birthDatePatterns(holderBirthDate: string | undefined): string[] {
  const compact = (holderBirthDate ?? '').replaceAll('-', '');
  if (!/^\d{8}$/.test(compact)) return [];
  const yy = compact.slice(2, 4);
  const mmdd = compact.slice(4, 8);
  return [`${yy}${mmdd}`, `00${mmdd}`, `${mmdd}00`];
}

/** True when the digits (values 0..9) make a PIN the kiosk refuses as weak. */
export function isWeakPin(digits: Readonly<Uint8Array>, holderBirthDate?: string): boolean {
  if (digits.length === 0) return true;
  if (matches(digits, DEFAULT_CARD_PIN_DIGITS.join(''))) return true;
  if (digits.every((d) => d === digits[0])) return true;
  if (isRun(digits, 1) || isRun(digits, -1)) return true;
  return birthDatePatterns(holderBirthDate).some((p) => matches(digits, p));
}

/** `isWeakPin` for a collected PIN, without the digits leaving the device layer. */
export function isWeakSecurePin(pin: SecurePin, holderBirthDate?: string): boolean {
  return pin.useDigits((digits) => isWeakPin(digits, holderBirthDate));
}

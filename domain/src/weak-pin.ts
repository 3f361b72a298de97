/**
 * The weak-PIN rules of RULES.md ("PIN"), once, on the digits: the PIN pad path checks a
 * collected PIN with them (`SecurePin.useDigits`) without the digits ever becoming a string; the
 * machines receive only the verdict (`WeakPinRule`). Weak: not exactly the PIN length in digits 0..9, the
 * default PIN 123456, all digits equal, an ascending or descending run (123456, 654321, also
 * wrapping past 9: 890123), the holder's birth date as YYMMDD, or its MMDD padded with zeros on
 * either side (00MMDD, MMDD00).
 */
export const DEFAULT_PIN = '123456';

export type WeakPinRule = 'format' | 'default' | 'repeated' | 'sequence' | 'birthDate';

/** Each digit one more (or less) than the one before, wrapping past 9 (890123) or 0 (109876). */
function isRun(digits: ArrayLike<number>, step: 1 | -1): boolean {
  for (let i = 1; i < digits.length; i += 1) {
    if (digits[i] !== ((digits[i - 1] ?? 0) + step + 10) % 10) return false;
  }
  return true;
}

/** Compares digit by digit: the digits never become a string. */
function matches(digits: ArrayLike<number>, pattern: string): boolean {
  if (pattern.length !== digits.length) return false;
  for (let i = 0; i < digits.length; i += 1) {
    if (Number(pattern[i]) !== digits[i]) return false;
  }
  return true;
}

/** The birth date forms from 'YYYY-MM-DD' or 'YYYYMMDD'; none when the date is malformed. */
function birthDateForms(birthDate: string | undefined): string[] {
  const compact = (birthDate ?? '').replaceAll('-', '');
  if (!/^\d{8}$/.test(compact)) return [];
  const yy = compact.slice(2, 4);
  const mmdd = compact.slice(4, 8);
  return [`${yy}${mmdd}`, `00${mmdd}`, `${mmdd}00`];
}

/** Which rule the digits (each 0..9) break, or null when they may be used as a PIN. */
export function weakPinRuleOfDigits(
  digits: ArrayLike<number>,
  holderBirthDate: string | undefined,
  length = 6,
): WeakPinRule | null {
  if (digits.length !== length) return 'format';
  for (let i = 0; i < digits.length; i += 1) {
    const d = digits[i];
    if (d === undefined || !Number.isInteger(d) || d < 0 || d > 9) return 'format';
  }
  if (matches(digits, DEFAULT_PIN)) return 'default';
  let same = true;
  for (let i = 1; i < digits.length; i += 1) same &&= digits[i] === digits[0];
  if (same) return 'repeated';
  if (isRun(digits, 1) || isRun(digits, -1)) return 'sequence';
  if (birthDateForms(holderBirthDate).some((form) => matches(digits, form))) return 'birthDate';
  return null;
}

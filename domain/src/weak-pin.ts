/**
 * The weak-PIN rules of RULES.md ("PIN"), once, on the digits: the PIN pad path checks a
 * collected PIN with them (`SecurePin.useDigits`) without the digits ever becoming a string; the
 * machines receive only the verdict (`WeakPinRule`). Weak: not exactly the PIN length in digits 0..9, the
 * default PIN 123456, all digits equal, an ascending or descending run (123456, 654321, also
 * wrapping past 9: 890123), the holder's birth date in one of its forms at the PIN's length
 * (`birthDateForms`).
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

/**
 * The holder's birth date as a PIN of `length` digits (4–12, a profile's `pin.length`), from
 * 'YYYY-MM-DD' or 'YYYYMMDD'; none when the date is malformed. RULES.md names the 6-digit forms,
 * YYMMDD and MMDD padded with zeros (00MMDD, MMDD00); at every length the rule refuses what a card
 * issuer refuses as "your birth date", the forms a thief holding the wallet (the ID card prints the
 * date, the ID number carries it) tries first:
 * - the date written out: year first as on the ID card and in Chinese (YYYYMMDD, YYMMDD, MMDD),
 *   day first or month first as some residents write it (DDMMYYYY, DDMMYY, DDMM, MMDDYYYY,
 *   MMDDYY), and the birth year alone (YYYY), the commonest date among 4-digit PINs;
 * - a shorter form padded with zeros to the length on either side (RULES.md's "MMDD-padded":
 *   00MMDD; 0000YYYYMMDD at 12 digits, 0MMDD at 5);
 * - a shorter form repeated to fill the length (MMDDMMDD, YYMMDDYYMMDD).
 * A part of the date that is not one of these (YYYYMM, YYYYMMD) is not refused.
 */
function birthDateForms(birthDate: string | undefined, length: number): string[] {
  const compact = (birthDate ?? '').replaceAll('-', '');
  if (!/^\d{8}$/.test(compact)) return [];
  const [yyyy, yy, mm, dd] = [
    compact.slice(0, 4),
    compact.slice(2, 4),
    compact.slice(4, 6),
    compact.slice(6, 8),
  ];
  const written = [
    `${yyyy}${mm}${dd}`,
    `${yy}${mm}${dd}`,
    `${mm}${dd}`,
    `${dd}${mm}${yyyy}`,
    `${dd}${mm}${yy}`,
    `${dd}${mm}`,
    `${mm}${dd}${yyyy}`,
    `${mm}${dd}${yy}`,
    yyyy,
  ];
  const forms = written.filter((form) => form.length === length);
  for (const form of written.filter((f) => f.length < length)) {
    forms.push(form.padStart(length, '0'), form.padEnd(length, '0'));
    if (length % form.length === 0) forms.push(form.repeat(length / form.length));
  }
  return forms;
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
  if (birthDateForms(holderBirthDate, length).some((form) => matches(digits, form))) return 'birthDate';
  return null;
}

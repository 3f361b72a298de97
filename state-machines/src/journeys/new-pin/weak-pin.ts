/**
 * The weak-PIN rules of RULES.md, as a pure function on the digits. It runs in the DEVICE layer
 * (the PIN pad path is the only place the digits exist); machines only ever receive its verdict.
 *
 * Weak: not exactly the PIN length in digits, the default PIN 123456, all digits equal, an
 * ascending or descending run (123456, 654321, also wrapping past 9: 890123), the holder's birth
 * date as YYMMDD, or its MMDD padded with zeros on either side (00MMDD, MMDD00).
 */
export const DEFAULT_PIN = '123456';

export type WeakPinRule = 'format' | 'default' | 'repeated' | 'sequence' | 'birthDate';

export interface PinHolder {
  /** YYYY-MM-DD */
  readonly birthDate: string;
}

function isRun(digits: readonly number[], step: 1 | -1): boolean {
  return digits.every((d, i) => i === 0 || d === ((digits[i - 1] ?? 0) + step + 10) % 10);
}

function birthDateForms(birthDate: string): string[] {
  const match = /^(\d{2})(\d{2})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match) return [];
  const [, , yy, mm, dd] = match;
  const mmdd = `${mm}${dd}`;
  return [`${yy}${mm}${dd}`, `00${mmdd}`, `${mmdd}00`];
}

/** Which rule a candidate PIN breaks, or null when it may be used. */
export function weakPinRule(pin: string, holder: PinHolder, length = 6): WeakPinRule | null {
  if (pin.length !== length || !/^\d+$/.test(pin)) return 'format';
  if (pin === DEFAULT_PIN) return 'default';
  const digits = Array.from(pin, Number);
  if (digits.every((d) => d === digits[0])) return 'repeated';
  if (isRun(digits, 1) || isRun(digits, -1)) return 'sequence';
  if (birthDateForms(holder.birthDate).includes(pin)) return 'birthDate';
  return null;
}

export function isWeakPin(pin: string, holder: PinHolder, length = 6): boolean {
  return weakPinRule(pin, holder, length) !== null;
}

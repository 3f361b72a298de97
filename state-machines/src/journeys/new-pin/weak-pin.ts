/**
 * The weak-PIN rules of RULES.md as the session words them: `@kiosk/domain`'s rule on the digits
 * (the one the PIN pad path runs), for a PIN given as a string of digits. Machines only ever
 * receive the verdict; the digits exist on the PIN pad path alone.
 */
import { weakPinRuleOfDigits, type WeakPinRule } from '@kiosk/domain';

export { DEFAULT_PIN, type WeakPinRule } from '@kiosk/domain';

export interface PinHolder {
  /** YYYY-MM-DD */
  readonly birthDate: string;
}

/** Which rule a candidate PIN breaks, or null when it may be used. */
export function weakPinRule(pin: string, holder: PinHolder, length = 6): WeakPinRule | null {
  if (!/^\d*$/.test(pin)) return 'format';
  return weakPinRuleOfDigits(Array.from(pin, Number), holder.birthDate, length);
}

export function isWeakPin(pin: string, holder: PinHolder, length = 6): boolean {
  return weakPinRule(pin, holder, length) !== null;
}

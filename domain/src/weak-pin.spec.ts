import { weakPinRuleOfDigits } from './weak-pin.js';

const digits = (s: string) => Uint8Array.from(s, Number);

describe('the weak-PIN rule on the digits (one rule for the PIN pad path and the session)', () => {
  it.each([
    ['123456', 'default'],
    ['444444', 'repeated'],
    ['890123', 'sequence'],
    ['109876', 'sequence'],
    ['800315', 'birthDate'],
    ['031500', 'birthDate'],
  ])('refuses %s as %s', (pin, rule) => {
    expect(weakPinRuleOfDigits(digits(pin), '1980-03-15')).toBe(rule);
  });

  it('reads the birth date as YYYY-MM-DD or YYYYMMDD and ignores a malformed one', () => {
    expect(weakPinRuleOfDigits(digits('000315'), '19800315')).toBe('birthDate');
    expect(weakPinRuleOfDigits(digits('000315'), '15/03/1980')).toBeNull();
  });

  it('refuses a wrong length or a value that is not a digit as format', () => {
    expect(weakPinRuleOfDigits(digits('14725'), undefined)).toBe('format');
    expect(weakPinRuleOfDigits([1, 4, 7, 2, 5, 10], undefined)).toBe('format');
    expect(weakPinRuleOfDigits(digits('1472'), undefined, 4)).toBeNull();
  });
});

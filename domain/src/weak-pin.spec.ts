import { weakPinRuleOfDigits } from './weak-pin.js';

const digits = (s: string) => Uint8Array.from(s, Number);
const BIRTH_DATE = '1980-03-15';

describe('the weak-PIN rule on the digits (one rule, run on the PIN pad path)', () => {
  it.each([
    ['123456', 'default'],
    ['000000', 'repeated'],
    ['444444', 'repeated'],
    ['234567', 'sequence'],
    ['654321', 'sequence'],
    ['890123', 'sequence'],
    ['109876', 'sequence'],
    ['800315', 'birthDate'],
    ['000315', 'birthDate'],
    ['031500', 'birthDate'],
  ])('refuses %s as %s', (pin, rule) => {
    expect(weakPinRuleOfDigits(digits(pin), BIRTH_DATE)).toBe(rule);
  });

  it.each(['147258', '258369', '135790', '800316', '112233', '123457'])('accepts %s', (pin) => {
    expect(weakPinRuleOfDigits(digits(pin), BIRTH_DATE)).toBeNull();
  });

  it('accepts a PIN that is another person’s birth date', () => {
    expect(weakPinRuleOfDigits(digits('800315'), '1990-01-01')).toBeNull();
  });

  it('reads the birth date as YYYY-MM-DD or YYYYMMDD and ignores a malformed one', () => {
    expect(weakPinRuleOfDigits(digits('000315'), '19800315')).toBe('birthDate');
    expect(weakPinRuleOfDigits(digits('000315'), '15/03/1980')).toBeNull();
    expect(weakPinRuleOfDigits(digits('111111'), '')).toBe('repeated');
  });

  it('refuses a wrong length or a value that is not a digit as format', () => {
    expect(weakPinRuleOfDigits(digits('14725'), undefined)).toBe('format');
    expect(weakPinRuleOfDigits(digits('1472583'), undefined)).toBe('format');
    expect(weakPinRuleOfDigits([], undefined)).toBe('format');
    expect(weakPinRuleOfDigits([1, 4, 7, 2, 5, 10], undefined)).toBe('format');
    expect(weakPinRuleOfDigits(digits('1472'), undefined, 4)).toBeNull();
  });
});

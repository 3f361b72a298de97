import { SecurePin } from '../common/secure-pin.js';
import { isWeakPin, isWeakSecurePin } from './weak-pin.js';

const digits = (s: string) => Uint8Array.from(s, Number);

describe('isWeakPin', () => {
  it.each([
    ['123456', 'the default PIN'],
    ['000000', 'all digits equal'],
    ['777777', 'all digits equal'],
    ['234567', 'an ascending run'],
    ['654321', 'a descending run'],
    ['987654', 'a descending run'],
    ['890123', 'an ascending run past 9'],
    ['210987', 'a descending run past 0'],
  ])('refuses %s (%s)', (pin) => {
    expect(isWeakPin(digits(pin))).toBe(true);
  });

  it.each(['147258', '258369', '135790', '891234', '112233', '123457'])('accepts %s', (pin) => {
    expect(isWeakPin(digits(pin))).toBe(false);
  });

  it("refuses the holder's birth date as YYMMDD and MMDD padded with zeros", () => {
    for (const pin of ['800315', '000315', '031500']) {
      expect(isWeakPin(digits(pin), '1980-03-15')).toBe(true);
      expect(isWeakPin(digits(pin), '19800315')).toBe(true);
      expect(isWeakPin(digits(pin))).toBe(false);
      expect(isWeakPin(digits(pin), '1962-11-09')).toBe(false);
    }
  });

  it('ignores a malformed birth date instead of throwing', () => {
    expect(isWeakPin(digits('800315'), 'not a date')).toBe(false);
  });

  it('treats an empty PIN as weak', () => {
    expect(isWeakPin(new Uint8Array(0))).toBe(true);
  });

  it('checks a SecurePin without the digits leaving the device layer', () => {
    expect(isWeakSecurePin(SecurePin.fromKeys([1, 2, 3, 4, 5, 6]))).toBe(true);
    expect(isWeakSecurePin(SecurePin.fromKeys([1, 4, 7, 2, 5, 8]), '1980-03-15')).toBe(false);
  });
});

/**
 * Fault: the holder's birth date passed as a PIN of any length but 6. The weak-PIN rule knew the
 * 6-digit forms only (YYMMDD, 00MMDD, MMDD00), while a profile may set the PIN length anywhere
 * from 4 to 12 (`pin.length`): a 4-digit PIN MMDD, an 8-digit YYYYMMDD or a 12-digit date padded
 * with zeros became the card's PIN. Each case here is the birth date 1980-03-15.
 */
import { weakPinRuleOfDigits } from './weak-pin.js';

const digits = (s: string) => Uint8Array.from(s, Number);
const BIRTH_DATE = '1980-03-15';
const ruleOf = (pin: string) => weakPinRuleOfDigits(digits(pin), BIRTH_DATE, pin.length);

describe('a PIN that is the holder’s birth date, at every PIN length a profile allows', () => {
  it.each([
    // 4 digits: month and day either way round, the birth year
    '0315',
    '1503',
    '1980',
    // 5 and 7 digits: the shorter forms padded with a zero
    '00315',
    '03150',
    '19800',
    '0800315',
    '8003150',
    // 6 digits: RULES.md's forms, and the day-first and month-first dates
    '800315',
    '000315',
    '031500',
    '150380',
    '031580',
    // 8 digits: the whole date in each order, a shorter form padded or repeated
    '19800315',
    '15031980',
    '03151980',
    '00800315',
    '80031500',
    '03150315',
    '00000315',
    // 10 and 12 digits: the whole date padded, a form repeated
    '0019800315',
    '1980031500',
    '000019800315',
    '198003150000',
    '800315800315',
    '031503150315',
  ])('refuses %s as birthDate', (pin) => {
    expect(ruleOf(pin)).toBe('birthDate');
  });

  it.each(['1470', '2580', '13579', '800316', '19800316', '1980031600', '147025803690'])(
    'accepts %s, which is not the holder’s birth date',
    (pin) => {
      expect(ruleOf(pin)).toBeNull();
    },
  );

  it('accepts another person’s birth date at 4, 8 and 12 digits', () => {
    const other = (pin: string) => weakPinRuleOfDigits(digits(pin), '1990-01-01', pin.length);
    expect(other('0315')).toBeNull();
    expect(other('19800315')).toBeNull();
    expect(other('000019800315')).toBeNull();
  });

  it('keeps the rules before it and takes no part of the date for the date', () => {
    expect(ruleOf('00000000')).toBe('repeated');
    expect(ruleOf('1980031')).toBeNull();
    expect(ruleOf('198003')).toBeNull();
  });
});

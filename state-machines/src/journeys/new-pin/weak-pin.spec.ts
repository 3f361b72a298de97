import { describe, expect, it } from '@jest/globals';
import { isWeakPin, weakPinRule } from './weak-pin.js';

const holder = { birthDate: '1980-03-15' };

describe('weak PIN rules', () => {
  it.each([
    ['123456', 'default'],
    ['000000', 'repeated'],
    ['777777', 'repeated'],
    ['234567', 'sequence'],
    ['654321', 'sequence'],
    ['890123', 'sequence'],
    ['210987', 'sequence'],
    ['800315', 'birthDate'],
    ['000315', 'birthDate'],
    ['031500', 'birthDate'],
    ['12345', 'format'],
    ['1234567', 'format'],
    ['12a456', 'format'],
    ['', 'format'],
  ])('refuses %s as %s', (pin, rule) => {
    expect(weakPinRule(pin, holder)).toBe(rule);
    expect(isWeakPin(pin, holder)).toBe(true);
  });

  it.each(['147258', '258369', '135790', '800316', '112233'])('accepts %s', (pin) => {
    expect(weakPinRule(pin, holder)).toBeNull();
    expect(isWeakPin(pin, holder)).toBe(false);
  });

  it('accepts a PIN equal to another person’s birth date', () => {
    expect(isWeakPin('800315', { birthDate: '1990-01-01' })).toBe(false);
  });

  it('checks only the other rules when the birth date is malformed', () => {
    expect(weakPinRule('800315', { birthDate: '15/03/1980' })).toBeNull();
    expect(weakPinRule('111111', { birthDate: '' })).toBe('repeated');
  });
});

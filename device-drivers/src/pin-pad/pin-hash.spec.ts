import { describe, expect, it } from '@jest/globals';
import { randomBytes, scryptSync } from 'node:crypto';
import { SecurePin } from '../common/secure-pin.js';
import { pinMatchesHash } from './pin-hash.js';

function hashOf(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(pin, salt, 32).toString('base64')}`;
}

describe('PIN against a stored hash', () => {
  it('matches the PIN the hash was made of, and wipes the PIN after the check', () => {
    const pin = SecurePin.fromKeys([2, 4, 6, 8, 1, 0]);
    expect(pinMatchesHash(pin, hashOf('246810'))).toBe(true);
    expect(pin.wiped).toBe(true);
  });

  it('wrong PIN: no match', () => {
    expect(pinMatchesHash(SecurePin.fromKeys([2, 4, 6, 8, 1, 1]), hashOf('246810'))).toBe(false);
  });

  it('stored value that is not a scrypt hash: no match, no throw, PIN wiped', () => {
    const pin = SecurePin.fromKeys([2, 4, 6, 8, 1, 0]);
    expect(pinMatchesHash(pin, '246810')).toBe(false);
    expect(pinMatchesHash(SecurePin.fromKeys([1, 2, 3, 4]), 'scrypt$AAAA$AAAA')).toBe(false);
    expect(pin.wiped).toBe(true);
  });
});

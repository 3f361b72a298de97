/**
 * Checks a PIN typed on the pad against a stored scrypt hash (`scrypt$<salt base64>$<hash base64>`,
 * the fleet monitor's secret format), for PINs that no card verifies: field staff logging in for
 * maintenance. The digits go into a buffer only for the hash, which is overwritten right after;
 * the PIN is then wiped. Never throws for a wrong PIN or a hash of another form: false.
 */
import { scryptSync, timingSafeEqual } from 'node:crypto';
import type { SecurePin } from '../common/secure-pin.js';

const KEY_LENGTH = 32;

export function pinMatchesHash(pin: SecurePin, stored: string): boolean {
  try {
    const [scheme, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
    const expected = Buffer.from(hash, 'base64');
    if (expected.length !== KEY_LENGTH) return false;
    const actual = pin.useDigits((digits) => {
      const ascii = Buffer.from(Array.from(digits, (digit) => 0x30 + digit));
      try {
        return scryptSync(ascii, Buffer.from(salt, 'base64'), KEY_LENGTH);
      } finally {
        ascii.fill(0);
      }
    });
    return timingSafeEqual(actual, expected);
  } finally {
    pin.wipe();
  }
}

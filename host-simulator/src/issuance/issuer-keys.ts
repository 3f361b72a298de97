/**
 * Issuer keys per card: each card's keys are derived from the issuer master key with HMAC-SHA256
 * over the purpose and the card number, so the host stores no per-card secret and a card's key
 * is the same every time it is asked for. The master key of the simulator is demo material.
 */
import { createCipheriv, createHash, createHmac } from 'node:crypto';

export const ISSUER_KEY_PURPOSES = ['personalisation', 'pinUnlock'] as const;
export type IssuerKeyPurpose = (typeof ISSUER_KEY_PURPOSES)[number];
export const ISSUER_KEY_VERSION = 1;

/** A 16-byte card key as 32 upper-case hex digits. Shared with card emulators that verify it. */
export function deriveCardKey(masterKey: Buffer, cardNumber: string, purpose: IssuerKeyPurpose): string {
  return createHmac('sha256', masterKey)
    .update(`sx1.sh|v${ISSUER_KEY_VERSION}|${purpose}|${cardNumber}`, 'utf8')
    .digest()
    .subarray(0, 16)
    .toString('hex')
    .toUpperCase();
}

export class IssuerKeys {
  private readonly master: Buffer;

  /** `masterKeyHex`: at least 16 bytes as hex; without it a demo key is derived from the seed. */
  constructor(masterKeyHex: string | undefined, seed: number) {
    if (masterKeyHex !== undefined) {
      if (!/^([0-9a-fA-F]{2}){16,64}$/.test(masterKeyHex)) {
        throw new RangeError('the issuer master key is 16 to 64 bytes written as hex');
      }
      this.master = Buffer.from(masterKeyHex, 'hex');
    } else {
      this.master = createHash('sha256').update(`card-kiosk demo issuer master ${seed}`).digest();
    }
  }

  keyFor(cardNumber: string, purpose: IssuerKeyPurpose): string {
    return deriveCardKey(this.master, cardNumber, purpose);
  }

  /**
   * A chip's own key: AES-128-ECB under the issuer key (the master's first 16 bytes) of the chip
   * serial, the diversification the social-security chip itself applies. 32 upper-case hex digits.
   */
  chipKeyFor(cardIdentifierHex: string): string {
    const cipher = createCipheriv('aes-128-ecb', this.master.subarray(0, 16), null);
    cipher.setAutoPadding(false);
    const serial = Buffer.from(cardIdentifierHex, 'hex');
    return Buffer.concat([cipher.update(serial), cipher.final()])
      .toString('hex')
      .toUpperCase();
  }
}

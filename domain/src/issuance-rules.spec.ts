/**
 * The issuance's shared rules are the documented ones: RULES.md takes the replacement fee by QR
 * payment or from the personal account, and retries a spoiled blank at most 2 times. Changing one
 * here means changing RULES.md and the shipped profiles with it.
 */
import { DEFAULT_CARD_MAKING_RETRIES, FEE_METHODS } from './issuance-rules.js';

describe('issuance rules: the documented ways and defaults', () => {
  it('takes a replacement fee by QR payment or from the personal account (RULES.md)', () => {
    expect(FEE_METHODS).toEqual(['qr', 'account']);
  });

  it('retries a spoiled blank at most 2 times, 3 blanks in all (RULES.md)', () => {
    expect(DEFAULT_CARD_MAKING_RETRIES).toBe(2);
  });
});

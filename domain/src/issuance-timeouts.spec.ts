/**
 * The issuance's default waits are the documented ones: RULES.md says card making may take up to
 * 300 s, ADR 0008 gives the QR fee 120 s; the shipped profiles say the same. Changing one here
 * means changing those with it.
 */
import { DEFAULT_CARD_MAKING_MS, DEFAULT_FEE_PAYMENT_MS } from './issuance-timeouts.js';

describe('issuance timeouts: the documented defaults', () => {
  it('lets card making take 300 s (RULES.md)', () => {
    expect(DEFAULT_CARD_MAKING_MS).toBe(300_000);
  });

  it('waits 120 s for a QR fee, the payment order payable as long (ADR 0008)', () => {
    expect(DEFAULT_FEE_PAYMENT_MS).toBe(120_000);
  });
});

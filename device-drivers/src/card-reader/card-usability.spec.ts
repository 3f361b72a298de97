import { describe, expect, it } from '@jest/globals';
import { assertCardUsable } from './card-usability.js';

const today = new Date('2026-11-26T08:00:00Z');
const card = (recordsUnprinted: number) => ({
  expiryDate: '2030-01-01',
  issuingOrganisation: '410800000001',
  recordsUnprinted,
});

describe('assertCardUsable: the unprinted-records limit', () => {
  it('refuses a card at 60 unprinted records (the default) with CARD_RECORDS_PRINT_REQUIRED', () => {
    expect(() => assertCardUsable(card(59), { today })).not.toThrow();
    expect(() => assertCardUsable(card(60), { today })).toThrow(
      expect.objectContaining({ code: 'CARD_RECORDS_PRINT_REQUIRED' }),
    );
  });

  it('lets a card at its limit in for the journey that prints its records', () => {
    expect(() => assertCardUsable(card(60), { today, printingRecords: true })).not.toThrow();
  });

  it('uses the configured limit of the region, not 60', () => {
    expect(() => assertCardUsable(card(50), { today, unprintedLimit: 50 })).toThrow(
      expect.objectContaining({ code: 'CARD_RECORDS_PRINT_REQUIRED' }),
    );
    expect(() => assertCardUsable(card(60), { today, unprintedLimit: 80 })).not.toThrow();
  });
});

describe('assertCardUsable: the expiry date', () => {
  const at = (expiryDate: string) => ({ ...card(0), expiryDate });

  it('CARD_EXPIRED on the expiry date itself, as the host counts it (10 years from issue)', () => {
    expect(() => assertCardUsable(at('2026-11-26'), { today })).toThrow(
      expect.objectContaining({ code: 'CARD_EXPIRED' }),
    );
    expect(() => assertCardUsable(at('2026-11-25'), { today })).toThrow(
      expect.objectContaining({ code: 'CARD_EXPIRED' }),
    );
  });

  it('usable the day before its expiry date', () => {
    expect(() => assertCardUsable(at('2026-11-27'), { today })).not.toThrow();
  });
});

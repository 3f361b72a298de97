/**
 * Fault: a card's validity was read against the UTC day. An ID card's "valid to" and a
 * social-security card's expiry are days where the resident lives; between midnight and 08:00
 * China Standard Time the UTC day is still yesterday, so an ID card that expired yesterday was
 * taken to identify its holder, a social-security card on its expiry date (expired, RULES.md) was
 * let in, and an ID card issued today was refused as untrustworthy. Now both checks read the day
 * in the kiosk's zone (`kiosk.timeZone`, China's by default).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { assertCardUsable } from '../card-reader/card-usability.js';
import { EMULATED_ID_CARDS } from './emulated-id-cards.js';
import { assertIdCardUsable } from './id-card-check.js';

/** 01:00 on 29 November in China (UTC+8), still 28 November in UTC and in Urumqi (UTC+6: 23:00) */
const oneInTheMorning = new Date('2026-11-28T17:00:00Z');
const zhang = EMULATED_ID_CARDS.zhang!;
const socialSecurityCard = (expiryDate: string) => ({
  expiryDate,
  issuingOrganisation: '410800000001',
  recordsUnprinted: 0,
});

describe('a card’s validity is read on the kiosk’s day, not the UTC day', () => {
  it('refuses an ID card that expired yesterday in China, at 01:00 China time', () => {
    const card = { ...zhang, validTo: '2026-11-28' };
    expect(() => assertIdCardUsable(card, { today: oneInTheMorning })).toThrow(
      expect.objectContaining({ code: ErrorCode.ID_CARD_EXPIRED }),
    );
    expect(() => assertIdCardUsable(card, { today: oneInTheMorning, timeZone: 'Asia/Shanghai' })).toThrow(
      expect.objectContaining({ code: ErrorCode.ID_CARD_EXPIRED }),
    );
  });

  it('takes an ID card issued today in China, at 01:00 China time', () => {
    const card = { ...zhang, validFrom: '2026-11-29', validTo: '2046-11-29' };
    expect(() => assertIdCardUsable(card, { today: oneInTheMorning })).not.toThrow();
  });

  it('refuses a social-security card on its expiry date in China, at 01:00 China time', () => {
    expect(() => assertCardUsable(socialSecurityCard('2026-11-29'), { today: oneInTheMorning })).toThrow(
      expect.objectContaining({ code: ErrorCode.CARD_EXPIRED }),
    );
  });

  it('reads the day in the zone the kiosk names (Urumqi: still the 28th at that instant)', () => {
    const timeZone = 'Asia/Urumqi';
    expect(() =>
      assertIdCardUsable({ ...zhang, validTo: '2026-11-28' }, { today: oneInTheMorning, timeZone }),
    ).not.toThrow();
    expect(() =>
      assertCardUsable(socialSecurityCard('2026-11-29'), { today: oneInTheMorning, timeZone }),
    ).not.toThrow();
    expect(() =>
      assertCardUsable(socialSecurityCard('2026-11-28'), { today: oneInTheMorning, timeZone }),
    ).toThrow(expect.objectContaining({ code: ErrorCode.CARD_EXPIRED }));
  });
});

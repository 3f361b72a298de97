import { ErrorCode } from '@kiosk/domain';
import { assertIdCardUsable } from './id-card-check.js';
import { EMULATED_ID_CARDS } from './emulated-id-cards.js';

const today = new Date('2026-11-26T12:00:00Z');
const card = (key: string) => {
  const c = EMULATED_ID_CARDS[key];
  if (!c) throw new Error(`no card ${key}`);
  return c;
};

describe('assertIdCardUsable', () => {
  it('accepts the demo residents’ cards, long-term ones included', () => {
    for (const key of ['zhang', 'li', 'wang', 'zhao']) {
      expect(() => assertIdCardUsable(card(key), { today, regionPrefixes: ['4108'] })).not.toThrow();
    }
    expect(card('li').validTo).toBe('long-term');
  });

  it('refuses the expired card', () => {
    expect(() => assertIdCardUsable(card('expired'), { today })).toThrow(
      expect.objectContaining({ code: ErrorCode.ID_CARD_EXPIRED }),
    );
  });

  it('refuses the card whose ID number has a wrong check character', () => {
    expect(() => assertIdCardUsable(card('bad-checksum'), { today })).toThrow(
      expect.objectContaining({ code: ErrorCode.ID_NUMBER_CHECKSUM }),
    );
  });

  it('refuses a card from a region not served', () => {
    expect(() => assertIdCardUsable(card('zhang'), { today, regionPrefixes: ['1101'] })).toThrow(
      expect.objectContaining({ code: ErrorCode.ID_NUMBER_UNKNOWN_REGION }),
    );
  });

  it('refuses a card valid only from a future date or with a malformed expiry', () => {
    expect(() => assertIdCardUsable({ ...card('zhang'), validFrom: '2030-01-01' }, { today })).toThrow(
      expect.objectContaining({ code: ErrorCode.ID_CARD_UNREADABLE }),
    );
    expect(() => assertIdCardUsable({ ...card('zhang'), validTo: 'soon' }, { today })).toThrow(
      expect.objectContaining({ code: ErrorCode.ID_CARD_EXPIRED }),
    );
  });

  it('accepts a card on its last valid day', () => {
    expect(() => assertIdCardUsable({ ...card('zhang'), validTo: '2026-11-26' }, { today })).not.toThrow();
  });
});

/**
 * The fault: a kiosk whose card reader is down with a resident's card left in it read "Card reader
 * not working" alone on its detail, the card hidden behind the fault, while the alert list said
 * "send staff" for it. Now every reason the kiosk lists follows the first ("also: …" / "另有：…"),
 * each in words with its code, in both languages; a kiosk that lists none (an older release) reads
 * as before.
 */
import { describe, expect, it } from '@jest/globals';
import { kioskDetailOf, reasonLineOf as reasonsRead } from './kiosk-detail.spec-support';

const detail = (reason: string, reasons?: string[]) =>
  kioskDetailOf({ reason, ...(reasons !== undefined && { reasons }) });

describe('card-left-hidden-behind-another-reason on the kiosk detail', () => {
  it('card-left-hidden-behind-another-reason: the card left follows the reader down, in both languages', () => {
    const both = detail('CARD_READER_DOWN', ['CARD_READER_DOWN', 'CARD_LEFT_IN_READER']);
    expect(reasonsRead(both, 'en')).toBe(
      'Card reader not working [CARD_READER_DOWN] · also: A card is left in the reader [CARD_LEFT_IN_READER]',
    );
    expect(reasonsRead(both, 'zh-CN')).toBe(
      '读卡器故障 [CARD_READER_DOWN] · 另有：读卡器内留有卡片 [CARD_LEFT_IN_READER]',
    );
  });

  it("several behind the first, each in words; a newer kiosk's reason as sent", () => {
    const held = detail('REMOTE_OUT_OF_SERVICE', [
      'REMOTE_OUT_OF_SERVICE',
      'NEW_CARD_LEFT_AT_SLOT',
      'COIN_LEFT_IN_TRAY',
    ]);
    expect(reasonsRead(held, 'zh-CN')).toBe(
      '已由监控中心暂停服务 [REMOTE_OUT_OF_SERVICE] · 另有：制卡机出卡口留有新卡 [NEW_CARD_LEFT_AT_SLOT]、COIN_LEFT_IN_TRAY',
    );
  });

  it('one reason, or no list (an older kiosk): the reason alone, as before', () => {
    expect(reasonsRead(detail('CARD_READER_DOWN', ['CARD_READER_DOWN']), 'en')).toBe(
      'Card reader not working [CARD_READER_DOWN]',
    );
    expect(reasonsRead(detail('CARD_READER_DOWN'), 'en')).toBe('Card reader not working [CARD_READER_DOWN]');
  });
});

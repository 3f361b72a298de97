/** Fault: the card reader's capture bin is full; the kiosk screen says why the card services are not offered. */
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';
import { reasonText } from './error-text';

describe('card capture bin full, in words on the kiosk screen', () => {
  it('names the card reader’s capture bin in both languages, not the card printer’s or the cash bins', () => {
    expect(reasonText(en, 'CARD_CAPTURE_BIN_FULL')).toBe(
      'The card capture bin is full. Services that need a card are paused until staff empty it.',
    );
    expect(reasonText(zhCN, 'CARD_CAPTURE_BIN_FULL')).toBe(
      '吞卡箱已满，需插卡的业务暂停，请联系工作人员清空。',
    );
    for (const other of ['REJECT_BIN_FULL', 'RETRACT_BIN_FULL', 'CASH_REJECT_BIN_FULL']) {
      expect(reasonText(en, 'CARD_CAPTURE_BIN_FULL')).not.toBe(reasonText(en, other));
      expect(reasonText(zhCN, 'CARD_CAPTURE_BIN_FULL')).not.toBe(reasonText(zhCN, other));
    }
  });
});

/** Fault: the cash dispenser's reject bin is full; the kiosk screen says why withdrawal is not offered. */
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';
import { reasonText } from './error-text';

describe('cash reject bin full, on the kiosk screen', () => {
  it('words the reason in both languages, apart from the card printer’s reject bin', () => {
    expect(reasonText(en, 'CASH_REJECT_BIN_FULL')).toBe('The cash reject bin is full.');
    expect(reasonText(zhCN, 'CASH_REJECT_BIN_FULL')).toBe('废钞箱已满。');
    expect(reasonText(en, 'CASH_REJECT_BIN_FULL')).not.toBe(reasonText(en, 'REJECT_BIN_FULL'));
    expect(reasonText(zhCN, 'CASH_REJECT_BIN_FULL')).not.toBe(reasonText(zhCN, 'REJECT_BIN_FULL'));
  });
});

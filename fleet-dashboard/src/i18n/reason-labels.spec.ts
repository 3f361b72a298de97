/**
 * Every service reason a kiosk can give in words, in both languages: the kiosk machine puts a kiosk
 * out of service or degraded with domain's ServiceReason (its status's reason), sends one when its
 * recovery needs staff, and a staff visit's return to service names the hold it released; the
 * dashboard looks them up as it does ErrorCode (`codeWords`). A new reason without words fails
 * here (and the page's typecheck fails first).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, ServiceReason } from '@kiosk/domain';
import { LABELS } from './labels';
import { codeWords } from './code-labels';

const REASONS = Object.values(ServiceReason);

describe('service reasons in words', () => {
  it('every ServiceReason has words in English and in Chinese, never the raw code, the Chinese not the English', () => {
    expect(REASONS).toEqual(
      expect.arrayContaining([
        'CARD_READER_DOWN',
        'SELF_TEST_FAILED',
        'REMOTE_OUT_OF_SERVICE',
        'CARD_LEFT_IN_READER',
      ]),
    );
    for (const reason of REASONS) {
      const en = codeWords(LABELS.en, reason);
      const zh = codeWords(LABELS['zh-CN'], reason);
      expect([reason, typeof en, en === reason]).toEqual([reason, 'string', false]);
      expect([reason, typeof zh, zh === en]).toEqual([reason, 'string', false]);
      expect([reason, en!.trim().length > 2, zh!.trim().length > 1]).toEqual([reason, true, true]);
    }
  });

  it('in Chinese, no Latin word but PIN', () => {
    const latin = REASONS.flatMap((reason) => codeWords(LABELS['zh-CN'], reason)!.match(/[A-Za-z]+/g) ?? []);
    expect(latin.filter((word) => word !== 'PIN')).toEqual([]);
  });

  it("the operator's hold, the self test and the card reader down, in both languages", () => {
    const words = (code: string) => [codeWords(LABELS.en, code), codeWords(LABELS['zh-CN'], code)];
    expect(words('REMOTE_OUT_OF_SERVICE')).toEqual([
      'Held out of service from the fleet monitor',
      '已由监控中心暂停服务',
    ]);
    expect(words('SELF_TEST_FAILED')).toEqual(['Self-test failed', '自检未通过']);
    expect(words('CARD_READER_DOWN')).toEqual(['Card reader not working', '读卡器故障']);
    expect(words('CARD_LEFT_IN_READER')).toEqual(['A card is left in the reader', '读卡器内留有卡片']);
  });

  it('no reason is also an ErrorCode, so each code has one meaning on the page', () => {
    expect(REASONS.filter((reason) => Object.hasOwn(ErrorCode, reason))).toEqual([]);
  });
});

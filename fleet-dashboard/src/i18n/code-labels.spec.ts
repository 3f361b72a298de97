/**
 * Every coded error that can reach the fleet in words, in both languages: the kiosk sends domain's
 * ErrorCode (a device's fault, its fault event, a retract, a journey's end, a command's answer) and
 * the contract takes any upper-case code, so the table is checked against ErrorCode itself. A new
 * code without words fails here (and the page's typecheck fails first).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { LABELS } from './labels';
import { codeWords } from './code-labels';

const CODES = Object.values(ErrorCode);

describe('coded errors in words', () => {
  it('every ErrorCode has words in English and in Chinese, never the raw code, the Chinese not the English', () => {
    expect(CODES.length).toBeGreaterThan(100);
    for (const code of CODES) {
      const en = codeWords(LABELS.en, code);
      const zh = codeWords(LABELS['zh-CN'], code);
      expect([code, typeof en, en === code]).toEqual([code, 'string', false]);
      expect([code, typeof zh, zh === en]).toEqual([code, 'string', false]);
      expect([code, en!.trim().length > 2, zh!.trim().length > 1]).toEqual([code, true, true]);
    }
  });

  it('in Chinese, no Latin word but PIN', () => {
    const latin = CODES.flatMap((code) => codeWords(LABELS['zh-CN'], code)!.match(/[A-Za-z]+/g) ?? []);
    expect(latin.filter((word) => word !== 'PIN')).toEqual([]);
  });

  it("the jams field staff clear and the fallbacks of the kiosk's fault mapping, in both languages", () => {
    const words = (code: string) => [codeWords(LABELS.en, code), codeWords(LABELS['zh-CN'], code)];
    expect(words('CASH_JAM')).toEqual(['Notes jammed', '出钞机卡钞']);
    expect(words('CARD_PRINTER_JAM')).toEqual(['Card jammed in the card printer', '卡片卡在制卡机内']);
    expect(words('CARD_READER_JAM')).toEqual(['Card jammed in the reader', '卡片卡在读卡器内']);
    expect(words('DEVICE_OFFLINE')).toEqual(['Device offline', '设备离线']);
    expect(words('DEVICE_HARDWARE_ERROR')).toEqual(['Hardware fault', '硬件故障']);
  });

  it('a code outside ErrorCode and ServiceReason has no words (the page shows it as sent); no other label answers for a code', () => {
    expect(codeWords(LABELS.en, 'DISPENSER_JAM')).toBeUndefined();
    // a label key that is not a code's (code_ is the code table's prefix only)
    expect(codeWords(LABELS.en, 'title')).toBeUndefined();
  });
});

/**
 * The fault: the staff screen said "Self test: done." when the self test found a device not working,
 * and "Test receipt: done." when the receipt did not print: the daemon answers those two tests with
 * `{ passed: false, failed }` / `{ printed: false, code }` (journaled failed), and the menu said
 * done for any answer. Now a test that did not pass is said as a refusal naming the test, the device
 * and its fault, with what to do (put the device right), in both languages; one that passed is done.
 */
import { describe, expect, it } from '@jest/globals';
import { en } from '../i18n/messages.en';
import { zhCN } from '../i18n/messages.zh-CN';
import { createI18n } from '../i18n/i18n';
import { renderForSpec } from '../screens/render-for-spec';
import { ErrorBox } from '../shell/error-box';
import { checkOutcome, type StaffCheck } from './check-outcome';
import { StaffApiError } from './maintenance-api';
import { staffRefusalDetail, staffRefusalNext } from './staff-device-row';

/** What the menu shows of a test's answer: its notice, or the refusal's box (as `MaintenanceMenu` renders it). */
function shown(check: StaffCheck, answer: unknown, locale: 'en' | 'zh-CN'): string {
  const i18n = createI18n(locale);
  const messages = locale === 'en' ? en : zhCN;
  try {
    return checkOutcome(check, answer)(i18n.t);
  } catch (e) {
    if (!(e instanceof StaffApiError)) throw e;
    return renderForSpec(
      <ErrorBox
        code={e.code}
        message={e.message}
        detail={staffRefusalDetail(i18n.t, messages, e.details)}
        next={staffRefusalNext(i18n.t, e.code, e.details)}
      />,
      locale,
    );
  }
}

describe('a test on the staff screen that did not pass is never said done', () => {
  it.each([
    ['en', en, 'Self test: not passed. Card printer: ', 'Put the device right'],
    ['zh-CN', zhCN, '自检：未通过。制卡机：', '请排除设备故障'],
  ] as const)(
    '%s: the self test found the card printer’s cover open: said not passed, naming the device and its fault',
    (locale, messages, said, next) => {
      const answer = {
        passed: false,
        devices: [],
        failed: { device: 'cardPrinter', code: 'CARD_PRINTER_COVER_OPEN' },
      };
      const html = shown('selfTest', answer, locale);
      expect(html).toContain('data-code="CARD_PRINTER_COVER_OPEN"');
      expect(html).toContain(said);
      expect(html).toContain(messages.errors.CARD_PRINTER_COVER_OPEN!.what);
      expect(html).toContain(next);
      expect(html).not.toContain(locale === 'en' ? 'done.' : '已完成');
    },
  );

  it.each([
    ['en', en, 'Test receipt: not passed. Receipt printer: '],
    ['zh-CN', zhCN, '打印测试凭条：未通过。凭条打印机：'],
  ] as const)(
    '%s: the test receipt did not print: said not passed, with the printer’s fault',
    (locale, messages, said) => {
      const html = shown('testReceipt', { printed: false, code: 'DEVICE_OFFLINE' }, locale);
      expect(html).toContain('data-code="DEVICE_OFFLINE"');
      expect(html).toContain(said);
      expect(html).toContain(messages.errors.DEVICE_OFFLINE!.what);
    },
  );

  it('a self test answer that names no device (an earlier daemon) still says not passed, with a fault', () => {
    const html = shown('selfTest', { passed: false, devices: [] }, 'en');
    expect(html).toContain('data-code="DEVICE_HARDWARE_ERROR"');
    expect(html).toContain('Self test: not passed: ');
  });

  it.each([
    ['selfTest', { passed: true, devices: [], failed: null }, 'Self test: done.'],
    ['testReceipt', { printed: true }, 'Test receipt: done.'],
    ['testDispense', { notes: 2 }, 'Test dispense (to the reject bin): done.'],
    ['testCard', { rejected: true }, 'Test card (to the reject bin): done.'],
  ] as const)('%s passed: done', (check, answer, said) => {
    expect(shown(check, answer, 'en')).toBe(said);
  });
});

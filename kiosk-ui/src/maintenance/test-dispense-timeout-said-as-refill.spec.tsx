/**
 * The fault: a test dispense whose note got no answer is refused MAINTENANCE_SUPPLY_ACT_TIMEOUT and
 * left for staff (7457487), and the staff screen said of it "whether it took this refill or
 * emptying is not known": the words of that code named only the two acts it was first given for, so
 * the supervisor who had just run a test dispense read of a refill they never did. Now the words name
 * the test dispense too, and where to look (the notes in the reject bin), in both languages.
 */
import { describe, expect, it } from '@jest/globals';
import { en } from '../i18n/messages.en';
import { zhCN } from '../i18n/messages.zh-CN';
import { createI18n } from '../i18n/i18n';
import { renderForSpec } from '../screens/render-for-spec';
import { ErrorBox } from '../shell/error-box';
import { StaffApiError } from './maintenance-api';
import { staffRefusalDetail, staffRefusalNext } from './staff-device-row';

/** The test dispense's refusal as the daemon sends it, in the box the staff menu shows it in. */
function shown(locale: 'en' | 'zh-CN', code = 'MAINTENANCE_SUPPLY_ACT_TIMEOUT'): string {
  const i18n = createI18n(locale);
  const e = new StaffApiError(code, 'The dispenser did not answer the test dispense.', {
    device: 'cashDispenser',
    supply: 'rejectBin',
    unsettledTransactionId: 'tx-1',
    cassettes: 'lower',
  });
  return renderForSpec(
    <ErrorBox
      code={e.code}
      message={e.message}
      detail={staffRefusalDetail(i18n.t, locale === 'en' ? en : zhCN, e.details)}
      next={staffRefusalNext(i18n.t, e.code, e.details)}
    />,
    locale,
  );
}

describe('test-dispense-timeout-said-as-refill', () => {
  it.each([
    [
      'en',
      /this refill, emptying or test dispense/,
      /the notes in the reject bin/,
      /refill or emptying is not known/,
    ],
    ['zh-CN', /补充、清空或测试出钞/, /废钞箱中的钞票/, /此次补充或清空是否/],
  ] as const)('%s: the refusal names the test dispense and where to look', (locale, act, look, only) => {
    const html = shown(locale);
    expect(html).toContain('data-code="MAINTENANCE_SUPPLY_ACT_TIMEOUT"');
    expect(html).toMatch(act);
    expect(html).toMatch(look);
    expect(html).not.toMatch(only);
  });

  // a refill of that cassette before staff answer is held by it (MAINTENANCE_SUPPLY_UNSETTLED): its
  // words named only an earlier refill or emptying cut off by a restart
  it.each([
    ['en', /a test dispense’s note from this cassette/, /An earlier refill or emptying/],
    ['zh-CN', /从此钞箱测试出钞/, /上次的补充或清空因重启中断/],
  ] as const)('%s: a cassette held by the test note in question says so', (locale, act, only) => {
    const html = shown(locale, 'MAINTENANCE_SUPPLY_UNSETTLED');
    expect(html).toMatch(act);
    expect(html).not.toMatch(only);
  });
});

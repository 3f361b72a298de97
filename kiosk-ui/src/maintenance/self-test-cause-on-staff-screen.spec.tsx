/**
 * The fault: a field engineer at a kiosk out of service after a failed self test read nowhere on the
 * staff screen what it failed of (a withdrawal recovery could not decide, a card whose whereabouts
 * the reader never said). Now the kiosk view's `cause` is said on the staff screen (`SelfTestCause`,
 * above the log-in and the menu alike), in words and with its code, in both languages; nothing
 * after a self test that passed.
 */
import { describe, expect, it } from '@jest/globals';
import type { KioskView } from '@kiosk/domain';
import { en } from '../i18n/messages.en';
import { zhCN } from '../i18n/messages.zh-CN';
import { renderForSpec } from '../screens/render-for-spec';
import { SelfTestCause } from './self-test-cause';

const kiosk = (extra: Partial<KioskView>): KioskView => ({
  kioskId: 'JZ-0001',
  mode: 'outOfService',
  reason: 'SELF_TEST_FAILED',
  journeysOffered: [],
  devices: [],
  demo: false,
  ...extra,
});

describe('a failed self test cause on the staff screen', () => {
  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ] as const)(
    '%s: the log-in screen says what the self test failed of, words and code',
    (locale, messages) => {
      const html = renderForSpec(<SelfTestCause />, locale, {
        kiosk: kiosk({ cause: 'CARD_POSITION_UNKNOWN' }),
      });
      expect(html).toContain('data-testid="staff-self-test-cause"');
      expect(html).toContain(messages.errors.CARD_POSITION_UNKNOWN!.what);
      expect(html).toContain('CARD_POSITION_UNKNOWN');
    },
  );

  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ] as const)(
    '%s, fault: a withdrawal or card making recovery could not decide read "The service was interrupted": now money perhaps owed, and the list staff settle it in',
    (locale, messages) => {
      const said = (cause: string) => renderForSpec(<SelfTestCause />, locale, { kiosk: kiosk({ cause }) });
      const withdrawal = said('WITHDRAWAL_UNDECIDED');
      expect(withdrawal).toContain(messages.errors.WITHDRAWAL_UNDECIDED!.what);
      expect(withdrawal).toContain(messages.staff.settlementsHeading);
      expect(withdrawal).not.toContain(messages.errors.SESSION_INTERRUPTED!.what);
      const cardMaking = said('CARD_MAKING_UNDECIDED');
      expect(cardMaking).toContain(messages.errors.CARD_MAKING_UNDECIDED!.what);
      expect(cardMaking).toContain(messages.staff.cardMakingsHeading);
    },
  );

  it('in the visit after it (maintenance) too; nothing once a self test passed', () => {
    const visit = renderForSpec(<SelfTestCause />, 'en', {
      kiosk: kiosk({ mode: 'maintenance', reason: 'MAINTENANCE', cause: 'WITHDRAWAL_UNDECIDED' }),
    });
    expect(visit).toContain(en.errors.WITHDRAWAL_UNDECIDED!.what);
    const passed = renderForSpec(<SelfTestCause />, 'en', {
      kiosk: kiosk({ mode: 'inService', reason: undefined }),
    });
    expect(passed).not.toContain('staff-self-test-cause');
  });
});

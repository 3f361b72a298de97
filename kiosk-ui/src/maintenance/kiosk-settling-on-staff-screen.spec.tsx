/**
 * The fault: staff logged in while the kiosk's recovery was still at work could run device acts
 * beside it, and the staff screen said nothing of it. Now the daemon leaves those acts out of the
 * view and marks it `settling`; the staff menu says why they are missing and that they come back
 * once it is done, in both languages, and nothing once it has finished.
 */
import { describe, expect, it } from '@jest/globals';
import { en } from '../i18n/messages.en';
import { zhCN } from '../i18n/messages.zh-CN';
import { renderForSpec } from '../screens/render-for-spec';
import { KioskSettling } from './kiosk-settling';

describe('the kiosk still settling after start, on the staff screen', () => {
  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ] as const)(
    '%s: the menu says the acts wait for recovery and come back once it is done',
    (locale, messages) => {
      const html = renderForSpec(<KioskSettling view={{ settling: true }} />, locale);
      expect(html).toContain('data-testid="staff-settling"');
      expect(html).toContain(messages.errors.MAINTENANCE_KIOSK_SETTLING!.what);
      expect(html).toContain(messages.errors.MAINTENANCE_KIOSK_SETTLING!.next);
    },
  );

  it('nothing once recovery has finished', () => {
    expect(renderForSpec(<KioskSettling view={{}} />, 'en')).not.toContain('staff-settling');
  });
});

/**
 * The fault: the new-PIN screen said "6 digits" in its title, its format rule and the weak-PIN
 * refusal whatever the region's PIN length (`pin.length`, 4–12), while its dots and the PIN pad
 * followed the length: a resident of a 4-digit region was asked for six digits and the pad took
 * four. Now every word of it says the session's length, and the refusal names no count.
 */
import { ErrorCode } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession } from './sample-views';
import { renderSession as render, screenWordsOf } from './session-screen.spec-support';

const newPinAt = (length: number, refused?: JourneyView['details']): JourneyView => ({
  ...balanceSession({
    journey: 'activatePin',
    step: 'enterNewPin',
    pin: { entered: 0, length },
    ...(refused ? { error: { code: ErrorCode.PIN_WEAK, message: 'weak' } } : {}),
  }),
  ...(refused ? { details: refused } : {}),
});

describe('the new-PIN screen at a region’s PIN length', () => {
  it.each([
    [4, 'en', 'Enter a new 4-digit PIN'],
    [8, 'en', 'Enter a new 8-digit PIN'],
    [4, 'zh-CN', '请输入 4 位新密码'],
    [6, 'zh-CN', '请输入 6 位新密码'],
  ] as const)('%p digits in %s: the title says them, and as many dots', (length, locale, title) => {
    const html = render(newPinAt(length), locale);
    expect(screenWordsOf(html).title).toBe(title);
    expect(html.match(/class="pin-dot[ "]/g)).toHaveLength(length);
  });

  it('a refused PIN of the wrong length is told the region’s length, in both languages', () => {
    const refused = newPinAt(4, { kind: 'newPin', triesLeft: 2, weakRule: 'format' });
    expect(render(refused, 'en')).toContain('The PIN must be 4 digits.');
    expect(render(refused, 'zh-CN')).toContain('密码须为 4 位数字。');
  });

  it('a PIN refused as weak is told what to avoid, with no count of digits', () => {
    const refused = newPinAt(4, { kind: 'newPin', triesLeft: 2, weakRule: 'repeated' });
    for (const locale of ['en', 'zh-CN'] as const) {
      const html = render(refused, locale);
      expect(html).not.toMatch(/6|六/);
    }
  });
});

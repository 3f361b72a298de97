/**
 * Fault: a card whose PIN was locked already showed the PIN screen, and only a PIN typed into it
 * said the PIN was blocked. The card read now refuses it at once (PIN_ALREADY_BLOCKED), the card
 * handed back: the screen says the PIN is locked and what to do, "Reset PIN" with the ID card and
 * face where this kiosk offers it now, else the service counter; in both languages.
 */
import { ErrorCode, type Journey } from '@kiosk/domain';
import { balanceSession, kioskInService } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';

const lockedAtRead = balanceSession({
  step: 'takeCard',
  error: { code: ErrorCode.PIN_ALREADY_BLOCKED, message: 'locked' },
});
const offering = (journeysOffered: Journey[]) => ({ kiosk: { ...kioskInService, journeysOffered } });

describe('a card whose PIN is locked already, told as it goes back', () => {
  it('reset offered here: the PIN is locked, choose Reset PIN with the ID card - English', () => {
    const html = render(lockedAtRead, 'en', offering(['balance', 'resetPin']));
    expect(html).toContain('data-code="PIN_ALREADY_BLOCKED"');
    expect(html).toContain('The PIN of this card is locked');
    expect(html).toContain('choose &quot;Reset PIN&quot; with your ID card; your face is checked too.');
  });

  it('reset offered here - Chinese', () => {
    const html = render(lockedAtRead, 'zh-CN', offering(['balance', 'resetPin']));
    expect(html).toContain('此卡密码此前输错次数过多，已被锁定。');
    expect(html).toContain('请取回卡片，然后携带身份证选择“重置密码”，并进行人脸识别。');
  });

  it('no reset at this kiosk now: the service counter, never "choose Reset PIN", in both languages', () => {
    const en = render(lockedAtRead, 'en', offering(['balance']));
    expect(en).toContain('to the service counter to unlock the PIN');
    expect(en).not.toContain('Reset PIN');
    const zh = render(lockedAtRead, 'zh-CN', offering(['balance']));
    expect(zh).toContain('请取回卡片，携带卡片和身份证到服务窗口解锁密码。');
    expect(zh).not.toContain('重置密码');
  });
});

import { ErrorCode } from '@kiosk/domain';
import { renderForSpec } from './render-for-spec';
import { presentationOf } from './screen-for-view';
import { SessionScreen } from './session-screen';
import { balanceSession } from './sample-views';

function render(view: ReturnType<typeof balanceSession>, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return renderForSpec(<SessionScreen view={view} presentation={presentationOf(view.step)} />, locale);
}

describe('SessionScreen', () => {
  it('shows how many PIN digits are in, never which, and the attempts left', () => {
    const html = render(
      balanceSession({ step: 'enterPin', pin: { entered: 3, length: 6, attemptsLeft: 2 } }),
      'en',
    );
    expect(html.match(/pin-dot--filled/g)).toHaveLength(3);
    expect(html.match(/class="pin-dot[ "]/g)).toHaveLength(6);
    expect(html).toContain('3 of 6 digits entered');
    expect(html).toContain('2 attempts left');
  });

  it('shows the balance in yuan with the masked card and name', () => {
    const html = render(
      balanceSession({
        step: 'showBalance',
        card: { maskedCardNumber: 'H41******101', maskedName: '张*明' },
        balance: { amountFen: 123456, asOf: '2026-11-26T12:00:00.000Z' },
      }),
    );
    expect(html).toContain('¥ 1234.56');
    expect(html).toContain('H41******101');
    expect(html).toContain('张*明');
    expect(html).toContain('结束并退卡');
  });

  it('says what went wrong and what to do next for a refusal, in the language on screen', () => {
    const view = balanceSession({ step: 'enterPin', error: { code: ErrorCode.PIN_WRONG, message: 'wrong' } });
    expect(render(view)).toContain('请重新输入密码');
    expect(render(view, 'en')).toContain('Please enter the PIN again.');
  });

  it('offers cancel while waiting for the card but not while the card is being read', () => {
    expect(render(balanceSession({ step: 'insertCard' }))).toContain('data-testid="cancel"');
    expect(render(balanceSession({ step: 'readingCard' }))).not.toContain('data-testid="cancel"');
  });

  it('asks "need more time?" once the warning time has passed', () => {
    const now = Date.now();
    const waiting = balanceSession({
      step: 'insertCard',
      deadline: { at: now + 20_000, warnAt: now + 10_000 },
    });
    const warned = balanceSession({ step: 'insertCard', deadline: { at: now + 9_000, warnAt: now - 1_000 } });
    expect(render(waiting)).not.toContain('more-time-prompt');
    expect(render(warned)).toContain('需要更多时间吗');
  });

  it('titles the end of a session after its outcome', () => {
    expect(render(balanceSession({ step: 'ended', outcome: 'cardRetracted' }), 'en')).toContain(
      'Your card was kept',
    );
  });
});

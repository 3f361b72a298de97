/**
 * A withdrawal whose authorisation went unanswered: nothing was paid out, and whatever the host
 * held for it is released at once, else in the background. The screen says so in both languages,
 * and only where the view says the hold was released.
 */
import { ErrorCode, type SessionStep } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';

const timedOut = (step: SessionStep, released: boolean): JourneyView =>
  balanceSession({
    journey: 'withdraw',
    step,
    error: { code: ErrorCode.HOST_TIMEOUT, message: 'timed out' },
    ...(step === 'ended' ? { outcome: 'failed' as const } : {}),
    ...(released ? { withdrawalHoldReleased: true as const } : {}),
  });

describe('a withdrawal whose authorisation went unanswered', () => {
  it.each<SessionStep>(['takeCard', 'ended'])(
    'host timeout at authorisation (%s): any amount held goes back to the account, in both languages',
    (step) => {
      const en = render(timedOut(step, true), 'en');
      expect(en).toContain('data-testid="hold-released"');
      expect(en).toContain('Any amount held for this withdrawal goes back to your account.');
      expect(en).toContain('The social-security office did not answer in time.');
      expect(render(timedOut(step, true), 'zh-CN')).toContain('为本次支取冻结的金额将退回您的账户');
    },
  );

  it('the same refusal where nothing was held (the quota, an unreachable host): no word of a hold', () => {
    expect(render(timedOut('takeCard', false), 'en')).not.toContain('hold-released');
    expect(render(timedOut('takeCard', false), 'zh-CN')).not.toContain('退回您的账户');
  });
});

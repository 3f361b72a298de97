/**
 * A withdrawal the office answered with a status this kiosk does not know
 * (HOST_UNKNOWN_WITHDRAWAL_STATUS). At authorisation nothing is paid out and the kiosk releases any
 * hold itself (withdrawalHoldReleased): the resident is not sent to a counter to settle it. Without
 * that release (the kiosk still reversing) the words promise no counter visit either, and keep it
 * for the one case staff must act: money taken that the resident did not receive.
 */
import { ErrorCode, type SessionStep } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';

const unknownStatus = (step: SessionStep, released: boolean): JourneyView =>
  balanceSession({
    journey: 'withdraw',
    step,
    error: { code: ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS, message: 'unknown withdrawal status' },
    ...(step === 'ended' ? { outcome: 'failed' as const } : {}),
    ...(released ? { withdrawalHoldReleased: true as const } : {}),
  });

/** the words of the old advice, which sent every resident to a counter to settle the withdrawal */
const SETTLE_AT_COUNTER = {
  en: 'go to a service counter: the staff settle the withdrawal',
  'zh-CN': '到服务窗口由工作人员核实处理',
};

describe('unknown withdrawal status, in words for the resident', () => {
  it.each<SessionStep>(['takeCard', 'ended'])(
    'at authorisation, the hold released (%s): no counter to go to, in both languages',
    (step) => {
      const en = render(unknownStatus(step, true), 'en');
      expect(en).toContain('data-code="HOST_UNKNOWN_WITHDRAWAL_STATUS"');
      expect(en).toContain('You need not go to a counter');
      expect(en).toContain('Any amount held for this withdrawal goes back to your account.');
      expect(en).not.toContain('ask the staff at a service counter');
      expect(en).not.toContain(SETTLE_AT_COUNTER.en);
      const zh = render(unknownStatus(step, true), 'zh-CN');
      expect(zh).toContain('无需到服务窗口办理');
      expect(zh).toContain('为本次支取冻结的金额将退回您的账户');
      expect(zh).not.toContain('请到服务窗口由工作人员核实');
      expect(zh).not.toContain(SETTLE_AT_COUNTER['zh-CN']);
    },
  );

  it('while the kiosk still reverses it (no release yet): the counter only for money taken and not received', () => {
    const en = render(unknownStatus('reversingWithdrawal', false), 'en');
    expect(en).toContain('the kiosk settles this withdrawal with the office itself, never twice');
    expect(en).toContain('money taken that you did not receive, ask the staff at a service counter');
    expect(en).not.toContain('You need not go to a counter');
    expect(en).not.toContain(SETTLE_AT_COUNTER.en);
    const zh = render(unknownStatus('reversingWithdrawal', false), 'zh-CN');
    expect(zh).toContain('由本机自动与经办系统核对处理');
    expect(zh).toContain('如日后账户显示扣款而您未收到现金，请到服务窗口由工作人员核实');
    expect(zh).not.toContain('无需到服务窗口办理');
    expect(zh).not.toContain(SETTLE_AT_COUNTER['zh-CN']);
  });

  it('another refusal with the hold released keeps its own words of what next', () => {
    const timedOut: JourneyView = {
      ...unknownStatus('ended', true),
      error: { code: ErrorCode.HOST_TIMEOUT, message: 'timed out' },
    };
    const en = render(timedOut, 'en');
    expect(en).toContain('Please try again later or go to a counter.');
    expect(en).not.toContain('You need not go to a counter');
  });
});

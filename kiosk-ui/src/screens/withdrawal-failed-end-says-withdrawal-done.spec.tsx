/**
 * Fault: the withdrawal's every end is shown on its done screen, and only a reversed one (5a8def33)
 * said it was not completed: one refused, cancelled or timed out before the host held anything, one
 * whose reversal got no answer, and one whose retract failed (the notes' whereabouts unknown) read
 * "Withdrawal done" (取现成功) with "count your cash and take the receipt" to a resident who got no
 * money. The screen now says for each that the withdrawal was not completed, what became of the
 * money, that the card comes back, and what to do, in both languages.
 */
import type { WithdrawalNotPaid } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession, withdrawalDone } from './sample-views';
import { renderSession as render, screenWordsOf as wordsOf } from './session-screen.spec-support';

const endedUnpaid = (notPaid: WithdrawalNotPaid): JourneyView => ({
  ...balanceSession({ journey: 'withdraw', step: 'cashWithdrawn' }),
  details: withdrawalDone({ notPaid }),
});

const WORDS: readonly [WithdrawalNotPaid, RegExp, RegExp][] = [
  [
    'nothingTaken',
    /nothing was taken from your account.*try again later or ask at a service counter/,
    /账户未扣款.*稍后重试或到服务窗口/,
  ],
  ['returned', /the amount is back in your account/, /款项已退回您的账户/],
  ['returning', /being returned to your account; you need not do anything/, /正在退回您的账户，您无需办理/],
  [
    'forStaff',
    /Staff will check the cash at the slot and settle your account.*ask at a service counter/,
    /工作人员将核对出钞口的现金并为您结算账户.*服务窗口/,
  ],
];

describe('fault: a failed withdrawal’s end says "Withdrawal done"', () => {
  it.each(WORDS)(
    '%s: not completed, what became of the money, the card back, in both languages',
    (notPaid, enWhat, zhWhat) => {
      const en = wordsOf(render(endedUnpaid(notPaid), 'en'));
      const zh = wordsOf(render(endedUnpaid(notPaid), 'zh-CN'));
      expect(en.title).toBe('Withdrawal not completed');
      expect(zh.title).toBe('取现未完成');
      expect(en.hint).toMatch(enWhat);
      expect(zh.hint).toMatch(zhWhat);
      expect(en.hint).toMatch(/Please take your card back/);
      expect(zh.hint).toMatch(/请取回社保卡/);
      for (const { title, hint } of [en, zh]) {
        expect(`${title} ${hint}`).not.toMatch(
          /Withdrawal done|take the receipt|count your cash|取走凭条|点清现金|取现成功/i,
        );
      }
    },
  );
});

/**
 * Fault: a withdrawal that ended reversed (the cash not taken and retracted, or a fault after the
 * authorisation: nothing paid out, the amount returned to the account) came to the withdrawal's
 * done screen with no receipt outcome, so it read "Withdrawal done, count your cash and take the
 * receipt" (取现成功，请当面点清现金并取走凭条): the machine prints no receipt on that road. The
 * screen now says the withdrawal was not completed, that no cash was paid out and no receipt
 * printed, and that the amount is back in the account.
 */
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession, withdrawalDone } from './sample-views';
import { renderSession as render, screenWordsOf as wordsOf } from './session-screen.spec-support';

const reversedDone: JourneyView = {
  ...balanceSession({ journey: 'withdraw', step: 'cashWithdrawn' }),
  details: withdrawalDone({ reversed: true }),
};

describe('fault: a reversed withdrawal’s done screen says take the receipt', () => {
  it('says nothing was paid out, no receipt printed, the amount back in the account, in both languages', () => {
    const en = wordsOf(render(reversedDone, 'en'));
    const zh = wordsOf(render(reversedDone, 'zh-CN'));
    expect(en.title).toBe('Withdrawal not completed');
    expect(en.hint).toBe(
      'No cash was paid out and no receipt was printed: the amount is back in your account. Please take your card back.',
    );
    expect(zh.title).toBe('取现未完成');
    expect(zh.hint).toBe('本次未支付现金，款项已退回您的账户，未打印凭条。请取回社保卡。');
    for (const { title, hint } of [en, zh]) {
      expect(`${title} ${hint}`).not.toMatch(/take the receipt|count your cash|取走凭条|点清现金|取现成功/i);
    }
  });
});

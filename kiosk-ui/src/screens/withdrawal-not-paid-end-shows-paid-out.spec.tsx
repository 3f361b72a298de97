/**
 * Fault: a withdrawal that paid no cash out ends on its done screen with the words saying it was not
 * completed (53781ac1), yet the screen's big figure below them still read "Paid out: 300 yuan"
 * (已付出：300 元), the amount chosen, after a short count "only 100 yuan could be paid out", and the
 * done screen's tick above them, to a resident who got no money. Such an end shows no amount paid
 * out and no tick, in either language; an end that paid shows both as before.
 */
import type { WithdrawalNotPaid } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession, withdrawalDone } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';

type WithdrawDetails = Parameters<typeof withdrawalDone>[0];

const ended = (details: WithdrawDetails): JourneyView => ({
  ...balanceSession({ journey: 'withdraw', step: 'cashWithdrawn' }),
  details: withdrawalDone(details),
});

const NOT_PAID: readonly WithdrawalNotPaid[] = ['nothingTaken', 'returned', 'returning', 'forStaff'];
const PAID_WORDS = /Paid out|could be paid out|已付出|只付出|data-testid="paid(-short)?"|mark--ok|✓/;

describe('fault: a withdrawal that paid nothing out shows an amount paid out', () => {
  describe.each(['en', 'zh-CN'] as const)('%s', (locale) => {
    it.each(NOT_PAID)('%s: no amount paid out, no tick', (notPaid) => {
      expect(render(ended({ notPaid }), locale)).not.toMatch(PAID_WORDS);
    });

    it('a short count drawn back in (returned): no amount paid out, none short', () => {
      const html = render(ended({ notPaid: 'returned', countedFen: 10_000 }), locale);
      expect(html).not.toMatch(PAID_WORDS);
    });

    it('reversed, from a daemon before notPaid: no amount paid out', () => {
      expect(render(ended({ reversed: true }), locale)).not.toMatch(PAID_WORDS);
    });

    it('an end that paid: the amount paid out shown', () => {
      const html = render(ended({}), locale);
      expect(html).toMatch(/data-testid="paid"/);
      expect(html).toMatch(/mark--ok">✓/);
      expect(html).toMatch(locale === 'en' ? /Paid out: 300 yuan/ : /已付出：300 元/);
    });
  });
});

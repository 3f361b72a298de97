/**
 * Fault: the loss report's screens called a temporary loss report (临时挂失, RULES.md: it lapses
 * back to active after 15 days unless confirmed) a loss: "确认挂失此卡吗？", "挂失成功", "Card reported
 * lost", "the card cannot be used after the report", the words of the formal loss (挂失) a
 * replacement confirms. A resident read their card blocked for good, and was told how long it stays
 * so only where the host gave a day. Now both languages say temporary, and how it is made final.
 */
import { renderForSpec } from './render-for-spec';
import { presentationOf } from './step-presentations';
import { SessionScreen } from './session-screen';
import { balanceSession } from './sample-views';
import type { KioskView } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';

function render(step: 'confirmLoss' | 'lossReported', locale: 'zh-CN' | 'en'): string {
  const view: JourneyView = {
    ...balanceSession({ journey: 'reportLoss', step }),
    details: { kind: 'reportLoss', mode: 'report' },
  };
  return renderForSpec(<SessionScreen view={view} presentation={presentationOf(step)} />, locale);
}

describe('fault: temporary-loss-told-as-formal-loss', () => {
  it.each(['confirmLoss', 'lossReported'] as const)('%s says the report is temporary, in Chinese', (step) => {
    const html = render(step, 'zh-CN');
    expect(html).toContain('临时挂失');
    expect(html).toContain('正式挂失');
  });

  it.each(['confirmLoss', 'lossReported'] as const)('%s says the report is temporary, in English', (step) => {
    const html = render(step, 'en');
    expect(html).toMatch(/temporar/i);
    expect(html).not.toContain('cannot be used after the report');
  });
});

/**
 * Fault: loss-report-no-card-in-use-told-card-unknown. A resident with no card in use (none yet, or
 * cancelled) asking to report one lost read the catalogue's words of CARD_NOT_FOUND, "This card is
 * not known to the social-security office" (社保经办机构查不到此卡), of a card they never put in.
 * Now the loss report says plainly that they have no card in use, and where to ask.
 */
describe('fault: loss-report-no-card-in-use-told-card-unknown', () => {
  const noCard = (locale: 'zh-CN' | 'en') =>
    renderForSpec(
      <SessionScreen
        view={{
          ...balanceSession({ journey: 'reportLoss', step: 'ended' }),
          outcome: 'failed',
          error: { code: 'CARD_NOT_FOUND', message: 'No card in use was found for you.' },
        }}
        presentation={presentationOf('ended')}
      />,
      locale,
    );

  it('says in Chinese the resident has no card in use', () => {
    const html = noCard('zh-CN');
    expect(html).toContain('data-code="CARD_NOT_FOUND"');
    expect(html).toContain('您名下没有在用的社保卡');
    expect(html).not.toContain('查不到此卡');
  });

  it('says in English the resident has no card in use', () => {
    const html = noCard('en');
    expect(html).toContain('You have no social-security card in use');
    expect(html).not.toContain('not known to the social-security office');
  });
});

/**
 * Fault: loss-lapse-day-early-behind-utc. The day a temporary loss lapses comes from the daemon as
 * the kiosk's day already (YYYY-MM-DD, the host's lapse read in the kiosk's zone: `kioskDayOf`); the
 * done screen read it again as midnight UTC and said it in the kiosk's zone, so a kiosk in a zone
 * behind UTC told the resident the day before. Now the screen says the kiosk's day as it came.
 */
function done(timeZone: string, locale: 'zh-CN' | 'en'): string {
  const view: JourneyView = {
    ...balanceSession({ journey: 'reportLoss', step: 'lossReported' }),
    details: { kind: 'reportLoss', mode: 'report', lapsesOn: '2026-12-11' },
  };
  const kiosk = { timeZone } as KioskView;
  return renderForSpec(<SessionScreen view={view} presentation={presentationOf('lossReported')} />, locale, {
    kiosk,
  });
}

describe('fault: loss-lapse-day-early-behind-utc', () => {
  it.each(['America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'])(
    'a kiosk in %s tells the lapse day the daemon gave, in both languages',
    (zone) => {
      for (const locale of ['zh-CN', 'en'] as const) {
        const html = done(zone, locale);
        expect(html).toMatch(/data-testid="loss-lapses"[^>]*>[^<]*2026-12-11/);
        expect(html).not.toContain('12-10');
      }
    },
  );
});

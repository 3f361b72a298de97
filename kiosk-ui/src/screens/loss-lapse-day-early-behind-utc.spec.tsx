/**
 * Fault: loss-lapse-day-early-behind-utc. The day a temporary loss lapses comes from the daemon as
 * the kiosk's day already (YYYY-MM-DD, the host's lapse read in the kiosk's zone: `kioskDayOf`); the
 * done screen read it again as midnight UTC and said it in the kiosk's zone, so a kiosk in a zone
 * behind UTC told the resident the day before. Now the screen says the kiosk's day as it came.
 */
import type { KioskView } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { renderForSpec } from './render-for-spec';
import { presentationOf } from './step-presentations';
import { SessionScreen } from './session-screen';
import { balanceSession } from './sample-views';

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

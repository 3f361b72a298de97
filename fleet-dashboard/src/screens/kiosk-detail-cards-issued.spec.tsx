/**
 * The card printer's cards issued on a kiosk's detail, in both languages: the journal's count as
 * the kiosk sent it; a kiosk of an older release sends none and none is shown (never a 0).
 */
import { describe, expect, it } from '@jest/globals';
import type { KioskDetailView } from '@kiosk/fleet-monitor/dashboard';
import { initialDashboardState, reduceDashboard } from '../connection/dashboard-state';
import type { Language } from '../i18n/labels';
import { KioskDetail } from './kiosk-detail';
import { kioskDetailOf } from './kiosk-detail.spec-support';
import { renderScreen } from './render-screen.spec-support';

const detail = (issued?: number): KioskDetailView =>
  kioskDetailOf(
    {
      devices: [
        {
          kind: 'cardPrinter',
          device: 'online',
          supplies: [{ name: 'cardHopper', level: 'ok', count: 37 }],
          ...(issued !== undefined && { issued }),
        },
      ],
    },
    { mode: 'inService', activeAlerts: 0 },
  );

const render = (view: KioskDetailView, language: Language) =>
  renderScreen(
    <KioskDetail onBack={() => undefined} />,
    reduceDashboard(initialDashboardState, { type: 'detail', detail: view }),
    language,
  ).replace(/<!-- -->/g, '');

describe('cards issued on the kiosk detail', () => {
  it.each([
    ['en', 'Cards issued to residents (journal, all time): 12'],
    ['zh-CN', '已发给群众的卡（流水累计）: 12'],
  ] as const)('%s: the count the kiosk sent, beside the card printer', (language, words) => {
    const html = render(detail(12), language);
    expect(html).toContain(words);
    expect(html).toContain('data-issued="12"');
  });

  it('a kiosk of an older release sends none: nothing shown, never a 0', () => {
    expect(render(detail(), 'en')).not.toContain('data-issued');
  });
});

/**
 * Fault: the charts laid their days out themselves, ending on the UTC date at the latest, while the
 * monitor's `stats.daily` already answers every day of the window ending on the kiosks' today (ADR
 * 0009). For a fleet behind UTC (evening in New York, past midnight UTC) the chart showed one day
 * more than the monitor returned, a tomorrow at zero, and left off the window's first day. The chart
 * now shows the monitor's rows as they came.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { DailyCountsView, StatsView } from '@kiosk/fleet-monitor/dashboard';
import { ALL_BUT_THE_CLOCK } from '@kiosk/domain/testing';
import { initialDashboardState, reduceDashboard } from '../connection/dashboard-state';
import { ChartsScreen } from './charts-screen';
import { renderScreen } from './render-screen.spec-support';

const day = (date: string, cardsIssued: number): DailyCountsView => ({
  day: date,
  cardsIssued,
  withdrawals: 0,
  completed: cardsIssued,
  failed: 0,
});

/** the days the chart shows, in its table for screen readers, with the cards issued on each */
function charted(stats: StatsView): string[] {
  const html = renderScreen(
    <ChartsScreen />,
    reduceDashboard(initialDashboardState, { type: 'stats', stats }),
    'en',
  );
  const cardsTable = html.split('</table>')[0]!;
  return [...cardsTable.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map(
    ([, label, value]) => `${label} ${value}`,
  );
}

beforeEach(() => {
  // 22:00 on the 26th in New York: the UTC date is the 27th
  jest.useFakeTimers({ doNotFake: ALL_BUT_THE_CLOCK, now: new Date('2026-11-27T03:00:00.000Z') });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('chart-one-day-more-for-a-fleet-behind-utc', () => {
  it("chart-one-day-more-for-a-fleet-behind-utc: a fleet in New York past midnight UTC: the chart ends on the monitor's last day, the kiosks' today, no tomorrow at zero", () => {
    const stats = { days: 3, counts: [day('2026-11-24', 4), day('2026-11-25', 0), day('2026-11-26', 2)] };
    expect(charted(stats)).toEqual(['2026-11-24 4', '2026-11-25 0', '2026-11-26 2']);
  });

  it("a fleet ahead of UTC (01:00 in China): the chart ends on the monitor's last day, the day after the UTC date", () => {
    jest.setSystemTime(new Date('2026-11-25T17:00:00.000Z'));
    const stats = { days: 3, counts: [day('2026-11-24', 0), day('2026-11-25', 0), day('2026-11-26', 1)] };
    expect(charted(stats)).toEqual(['2026-11-24 0', '2026-11-25 0', '2026-11-26 1']);
  });

  it('every day at zero reads "no journeys"; a day with one does not', () => {
    const none = { days: 2, counts: [day('2026-11-25', 0), day('2026-11-26', 0)] };
    const html = (stats: StatsView) =>
      renderScreen(<ChartsScreen />, reduceDashboard(initialDashboardState, { type: 'stats', stats }), 'en');
    expect(html(none)).toContain('No journeys in these days.');
    expect(html({ days: 2, counts: [day('2026-11-25', 0), day('2026-11-26', 1)] })).not.toContain(
      'No journeys in these days.',
    );
  });
});

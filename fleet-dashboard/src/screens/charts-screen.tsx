import { useEffect } from 'react';
import type { DailyCountsView } from '@kiosk/fleet-monitor/dashboard';
import { useConnection, useDashboardState } from '../connection/connection-context';
import { useLabels } from '../i18n/labels';
import { BarChart } from './bar-chart';

export const CHART_DAYS = 14;

/**
 * Every day of the span, oldest first, with the day's counts (0 on a day without journeys). The days
 * are the kiosks' (each journey's `day`): the span ends on today's UTC date, or on the latest day
 * counted when the kiosks' day is ahead of UTC (00:00 to 08:00 in China), so their today is shown.
 */
export function fillDays(
  counts: readonly DailyCountsView[],
  days: number,
  now = new Date(),
): DailyCountsView[] {
  const byDay = new Map(counts.map((count) => [count.day, count]));
  const latest = counts.reduce((last, count) => (count.day > last ? count.day : last), '');
  const end = Math.max(now.getTime(), Date.parse(`${latest}T00:00:00.000Z`) || 0);
  return Array.from({ length: days }, (_, index) => {
    const day = new Date(end - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10);
    return byDay.get(day) ?? { day, cardsIssued: 0, withdrawals: 0, completed: 0, failed: 0 };
  });
}

/** Cards issued and withdrawals per day across the fleet, kept up to date as journeys end. */
export function ChartsScreen() {
  const connection = useConnection();
  const { stats } = useDashboardState();
  const { t } = useLabels();
  useEffect(() => {
    void connection.requestStats(CHART_DAYS);
  }, [connection]);
  if (!stats) return null;
  const days = fillDays(stats.counts, stats.days);
  return (
    <section aria-labelledby="charts-title" className="charts">
      <h2 id="charts-title">{t.charts}</h2>
      {stats.counts.length === 0 && <p>{t.noData}</p>}
      <BarChart
        title={t.cardsIssued}
        bars={days.map((day) => ({ label: day.day, value: day.cardsIssued }))}
        dayLabel={t.day}
        countLabel={t.count}
      />
      <BarChart
        title={t.withdrawals}
        bars={days.map((day) => ({ label: day.day, value: day.withdrawals }))}
        dayLabel={t.day}
        countLabel={t.count}
      />
    </section>
  );
}

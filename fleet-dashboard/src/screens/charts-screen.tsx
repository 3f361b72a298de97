import { useEffect } from 'react';
import type { DailyCountsView } from '@kiosk/fleet-monitor/dashboard';
import { useConnection, useDashboardState } from '../connection/connection-context';
import { useLabels } from '../i18n/labels';
import { BarChart } from './bar-chart';

export const CHART_DAYS = 14;

/** Every UTC day of the span, oldest first, with the day's counts (0 on a day without journeys). */
export function fillDays(
  counts: readonly DailyCountsView[],
  days: number,
  now = new Date(),
): DailyCountsView[] {
  const byDay = new Map(counts.map((count) => [count.day, count]));
  return Array.from({ length: days }, (_, index) => {
    const day = new Date(now.getTime() - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10);
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

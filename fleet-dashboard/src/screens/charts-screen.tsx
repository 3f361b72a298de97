import { useEffect } from 'react';
import type { DailyCountsView } from '@kiosk/fleet-monitor/dashboard';
import { useConnection, useDashboardState } from '../connection/connection-context';
import { useLabels } from '../i18n/labels';
import { BarChart } from './bar-chart';

export const CHART_DAYS = 14;

/** true when no journey ended on any day of the window */
const noJourneys = (days: readonly DailyCountsView[]): boolean =>
  days.every((day) => day.completed + day.failed + day.cardsIssued + day.withdrawals === 0);

/** Cards issued and withdrawals per day across the fleet, kept up to date as journeys end. */
export function ChartsScreen() {
  const connection = useConnection();
  const { stats } = useDashboardState();
  const { t } = useLabels();
  useEffect(() => {
    void connection.requestStats(CHART_DAYS);
  }, [connection]);
  if (!stats) return null;
  // the monitor's rows as they came: every day of the window, oldest first, a day without journeys
  // at zero, ending on the kiosks' today (ADR 0009); days laid out here by the browser's clock or
  // the UTC date would end a day off it for a fleet behind or ahead of UTC
  const days = stats.counts;
  return (
    <section aria-labelledby="charts-title" className="charts">
      <h2 id="charts-title">{t.charts}</h2>
      {noJourneys(days) && <p>{t.noData}</p>}
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

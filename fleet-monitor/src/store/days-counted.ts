/**
 * The window of the daily counts (`GET /stats/daily`, the dashboard's `stats.daily`): the last `days`
 * days as the kiosks count them (each journey's `day`, in the kiosk's zone; ADR 0009). The monitor
 * does not know the kiosks' zone: the window ends on today's UTC date, or on the latest day counted
 * when the kiosks' day is ahead of UTC (00:00 to 08:00 in China: their today is the UTC date's next
 * day), never further (no zone is more than a day ahead: a day further is a kiosk's clock gone wrong).
 */
import type { DailyCounts, FleetStore } from './fleet-store.js';

const DAY_MS = 86_400_000;

/** `day` (YYYY-MM-DD) moved by `by` days */
function shift(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + by * DAY_MS).toISOString().slice(0, 10);
}

/** The counts of the last `days` days counted, oldest first (days without journeys left out). */
export async function lastDaysCounted(
  store: Pick<FleetStore, 'dailyCounts'>,
  days: number,
  kioskId: string | null,
  now = new Date(),
): Promise<DailyCounts[]> {
  const today = now.toISOString().slice(0, 10);
  const counts = await store.dailyCounts(shift(today, -(days - 1)), kioskId);
  const ahead = shift(today, 1);
  const end = counts.some((count) => count.day === ahead) ? ahead : today;
  const start = shift(end, -(days - 1));
  return counts.filter((count) => count.day >= start && count.day <= end);
}

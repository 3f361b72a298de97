/**
 * The window of the daily counts (`GET /stats/daily`, the dashboard's `stats.daily`): the last `days`
 * days as the kiosks count them (each journey's `day`, in the kiosk's zone; ADR 0009), every one of
 * them, a day without journeys at zero. The window ends on the kiosks' today: the latest of their
 * todays, each in the zone its status names (`timeZone`), or the UTC date for a kiosk that names none
 * (an older kiosk, whose journeys count on the UTC day), so an operator sees the kiosks' today from
 * their midnight on, before its first journey (00:00 to 08:00 in China it is the UTC date's next
 * day). A day counted on the UTC date's next day (a kiosk ahead of UTC naming no zone) ends it there
 * too; never further (no zone is more than a day ahead: a day further is a kiosk's clock gone wrong).
 */
import { kioskDayOf } from '@kiosk/domain';
import type { DailyCounts, FleetStore } from './fleet-store.js';

const DAY_MS = 86_400_000;

/** `day` (YYYY-MM-DD) moved by `by` days */
function shift(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + by * DAY_MS).toISOString().slice(0, 10);
}

/** the kiosk's today in `zone`; the UTC date for none, or a zone this runtime does not know */
function todayIn(zone: string | null, now: Date): string {
  if (zone !== null) {
    try {
      return kioskDayOf(now, zone);
    } catch {
      // a zone name of the right form this runtime's Intl does not know: as none
    }
  }
  return now.toISOString().slice(0, 10);
}

/** The counts of each of the last `days` days, oldest first, ending on the kiosks' today. */
export async function lastDaysCounted(
  store: Pick<FleetStore, 'dailyCounts' | 'kioskTimeZones'>,
  days: number,
  kioskId: string | null,
  now = new Date(),
): Promise<DailyCounts[]> {
  const utcToday = now.toISOString().slice(0, 10);
  // a kiosk's today is the UTC date, or a day either side of it
  const counts = await store.dailyCounts(shift(utcToday, -days), kioskId);
  const zones = await store.kioskTimeZones(kioskId);
  const todays = (zones.length > 0 ? zones : [null]).map((zone) => todayIn(zone, now));
  const ahead = shift(utcToday, 1);
  if (counts.some((count) => count.day === ahead)) todays.push(ahead);
  const end = todays.reduce((latest, day) => (day > latest ? day : latest));
  const byDay = new Map(counts.map((count) => [count.day, count]));
  return Array.from({ length: days }, (_, index) => {
    const day = shift(end, index - (days - 1));
    return byDay.get(day) ?? { day, cardsIssued: 0, withdrawals: 0, completed: 0, failed: 0 };
  });
}

/**
 * Spec support for the specs of a day read in the kiosk's configured zone: a zone whose calendar
 * day, as the spec runs, is not China's (the default zone), so a check reading any other day than
 * the configured zone's answers otherwise; and a day moved by whole days.
 */
import { DEFAULT_KIOSK_TIME_ZONE, kioskDayOf } from '@kiosk/domain';

/** twelve hours behind UTC, else fourteen ahead: 26 hours apart, one of them is not China's day */
export function zoneWhoseDayIsNotChinas(now = new Date()): string {
  const china = kioskDayOf(now, DEFAULT_KIOSK_TIME_ZONE);
  return ['Etc/GMT+12', 'Etc/GMT-14'].find((zone) => kioskDayOf(now, zone) !== china)!;
}

/** `day` (YYYY-MM-DD) moved by `days` */
export const dayMovedBy = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

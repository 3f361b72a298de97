/**
 * Times on the staff screens in the kiosk's local time (the profile's `kiosk.timeZone`, as the
 * kiosk view brings it), as staff read the hall's clock and the receipts print it. The daemon
 * sends instants in UTC (ISO 8601); only the screen turns them into local time, by the domain's
 * one formatter (`formatKioskTime`).
 */
import { DEFAULT_KIOSK_TIME_ZONE, formatKioskTime, type KioskTimePrecision } from '@kiosk/domain';
import { useKioskTimeZone } from '../display/kiosk-time-zone';

/**
 * An instant the daemon sent (ISO 8601) in the kiosk's local time: `time` 14:05, `minute`
 * 2026-11-27 14:05, `second` 2026-11-27 14:05:09. Text that is not a time is shown as it came.
 */
export function kioskTime(
  iso: string,
  precision: KioskTimePrecision = 'minute',
  timeZone: string = DEFAULT_KIOSK_TIME_ZONE,
): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formatKioskTime(at, timeZone, precision);
}

/** `kioskTime` in the zone the kiosk view names. */
export function useKioskTime(): (iso: string, precision?: KioskTimePrecision) => string {
  const timeZone = useKioskTimeZone();
  return (iso, precision) => kioskTime(iso, precision, timeZone);
}

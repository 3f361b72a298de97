/**
 * Times on the staff screens in the kiosk's local time (the profile's `kiosk.timeZone`, as the
 * kiosk view brings it), as staff read the hall's clock and the receipts print it. The daemon
 * sends instants in UTC (ISO 8601); only the screen turns them into local time.
 */
import { DEFAULT_KIOSK_TIME_ZONE } from '@kiosk/domain';
import { useKioskTimeZone } from '../display/kiosk-time-zone';

const PRECISIONS = {
  /** 14:05 */
  time: { hour: '2-digit', minute: '2-digit' },
  /** 2026-11-27 14:05 */
  minute: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' },
  /** 2026-11-27 14:05:09 */
  second: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type KioskTimePrecision = keyof typeof PRECISIONS;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(precision: KioskTimePrecision, timeZone: string): Intl.DateTimeFormat {
  const key = `${precision} ${timeZone}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { ...PRECISIONS[precision], timeZone, hourCycle: 'h23' });
    formats.set(key, format);
  }
  return format;
}

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
  if (Number.isNaN(at.getTime())) return iso;
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of formatOf(precision, timeZone).formatToParts(at)) part[type] = value;
  const clock = [part.hour, part.minute, part.second].filter((p) => p !== undefined).join(':');
  return precision === 'time' ? clock : `${part.year}-${part.month}-${part.day} ${clock}`;
}

/** `kioskTime` in the zone the kiosk view names. */
export function useKioskTime(): (iso: string, precision?: KioskTimePrecision) => string {
  const timeZone = useKioskTimeZone();
  return (iso, precision) => kioskTime(iso, precision, timeZone);
}

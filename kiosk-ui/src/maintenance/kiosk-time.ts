/**
 * Times on the staff screens in the kiosk's local time (`KIOSK_TIME_ZONE`), as staff read the
 * hall's clock and the receipts print it. The daemon sends instants in UTC (ISO 8601); only the
 * screen turns them into local time.
 */
import { KIOSK_TIME_ZONE } from '../display/kiosk-time-zone';

const FORMATS = {
  /** 14:05 */
  time: new Intl.DateTimeFormat('en-GB', {
    timeZone: KIOSK_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
  /** 2026-11-27 14:05 */
  minute: new Intl.DateTimeFormat('en-GB', {
    timeZone: KIOSK_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }),
  /** 2026-11-27 14:05:09 */
  second: new Intl.DateTimeFormat('en-GB', {
    timeZone: KIOSK_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }),
} as const;

/**
 * An instant the daemon sent (ISO 8601) in the kiosk's local time: `time` 14:05, `minute`
 * 2026-11-27 14:05, `second` 2026-11-27 14:05:09. Text that is not a time is shown as it came.
 */
export function kioskTime(iso: string, precision: keyof typeof FORMATS = 'minute'): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of FORMATS[precision].formatToParts(at)) part[type] = value;
  const clock = [part.hour, part.minute, part.second].filter((p) => p !== undefined).join(':');
  return precision === 'time' ? clock : `${part.year}-${part.month}-${part.day} ${clock}`;
}

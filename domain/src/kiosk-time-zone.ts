/**
 * China Standard Time: the host's business day, and the zone of every kiosk whose profile names
 * none (`kiosk.timeZone`). Named here once for every room: the config's default, the receipts'
 * zone when none is given (device-drivers), and the screens' until the kiosk's view has come
 * (kiosk-ui). Plain data, no Node: the browser builds take it with the rest of the domain.
 */
export const DEFAULT_KIOSK_TIME_ZONE = 'Asia/Shanghai';

/** How much of an instant `formatKioskTime` shows. */
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

const kioskTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Date and time (2026-11-27 00:30) in the kiosk's time zone (the domain's default, China Standard
 * Time, when the kiosk names none), whatever the terminal's own zone; `precision` `time` gives the
 * clock alone (00:30), `second` the seconds too (2026-11-27 00:30:09). The staff screens' times
 * (kiosk-ui) are this too.
 */
export function formatKioskTime(
  at: Date,
  timeZone: string = DEFAULT_KIOSK_TIME_ZONE,
  precision: KioskTimePrecision = 'minute',
): string {
  const key = `${precision} ${timeZone}`;
  let format = kioskTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { ...PRECISIONS[precision], timeZone, hourCycle: 'h23' });
    kioskTimeFormats.set(key, format);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of format.formatToParts(at)) part[type] = value;
  const clock = [part.hour, part.minute, part.second].filter((p) => p !== undefined).join(':');
  return precision === 'time' ? clock : `${part.year}-${part.month}-${part.day} ${clock}`;
}

/**
 * The calendar day (YYYY-MM-DD) an instant falls on in the kiosk's zone: the day a resident reads
 * on an ID card's or a social-security card's validity, which ends at midnight where they live,
 * not at midnight UTC (08:00 in China).
 */
export function kioskDayOf(at: Date, timeZone: string = DEFAULT_KIOSK_TIME_ZONE): string {
  return formatKioskTime(at, timeZone).slice(0, 10);
}

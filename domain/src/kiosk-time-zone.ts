/**
 * China Standard Time: the host's business day, and the zone of every kiosk whose profile names
 * none (`kiosk.timeZone`). Named here once for every room: the config's default, the receipts'
 * zone when none is given (device-drivers), and the screens' until the kiosk's view has come
 * (kiosk-ui). Plain data, no Node: the browser builds take it with the rest of the domain.
 */
export const DEFAULT_KIOSK_TIME_ZONE = 'Asia/Shanghai';

const kioskTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Date and time (2026-11-27 00:30) in the kiosk's time zone (the domain's default, China Standard
 * Time, when the kiosk names none), whatever the terminal's own zone.
 */
export function formatKioskTime(at: Date, timeZone: string = DEFAULT_KIOSK_TIME_ZONE): string {
  let format = kioskTimeFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    kioskTimeFormats.set(timeZone, format);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of format.formatToParts(at)) part[type] = value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

/**
 * The calendar day (YYYY-MM-DD) an instant falls on in the kiosk's zone: the day a resident reads
 * on an ID card's or a social-security card's validity, which ends at midnight where they live,
 * not at midnight UTC (08:00 in China).
 */
export function kioskDayOf(at: Date, timeZone: string = DEFAULT_KIOSK_TIME_ZONE): string {
  return formatKioskTime(at, timeZone).slice(0, 10);
}

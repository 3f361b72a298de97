/**
 * The kiosk's time zone (`kiosk.timeZone`): an IANA zone name such as Asia/Shanghai, checked at
 * boot against the zones this Node knows, so a misspelt name stops boot with CONFIG_INVALID
 * instead of reaching the touch screen, whose browser would refuse it on the first date it shows.
 * The name is kept in its canonical spelling (asia/urumqi is Asia/Urumqi).
 */
import { DEFAULT_KIOSK_TIME_ZONE } from '@kiosk/domain';
import { z } from 'zod';

/** Area/Location names (Asia/Shanghai, America/Argentina/Salta) and UTC; no offsets like +08:00 */
const ZONE_NAME = /^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/;

/** The canonical name of a zone Intl knows, or null for a name it does not. */
export function canonicalTimeZone(name: string): string | null {
  if (!ZONE_NAME.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const zoneError = 'expected an IANA time zone name such as Asia/Shanghai or Asia/Urumqi';

export const TimeZoneSchema = z
  .string({ error: zoneError })
  .trim()
  .transform((name, ctx) => {
    const canonical = canonicalTimeZone(name);
    if (canonical === null) {
      ctx.addIssue({ code: 'custom', message: `unknown time zone "${name}"; ${zoneError}`, input: name });
      return z.NEVER;
    }
    return canonical;
  })
  .default(DEFAULT_KIOSK_TIME_ZONE);

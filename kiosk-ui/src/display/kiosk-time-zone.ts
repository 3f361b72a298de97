/**
 * The kiosk's local time zone, in which every screen shows a date or a time: the one its profile
 * names (`kiosk.timeZone`, validated at the daemon's boot), sent with the kiosk's view at every
 * connection, so the screens say the same day and hour as the receipts the kiosk prints. Until the
 * view has come, and from a daemon that sends none, it is China Standard Time, the default of
 * every profile. The browser's own zone is the terminal system's, which a kiosk image may leave at
 * UTC: a screen that used it said another day or hour than the receipt it printed.
 */
import { DEFAULT_KIOSK_TIME_ZONE } from '@kiosk/domain';
import { useGatewayState } from '../gateway/gateway-context';

const known = new Map<string, boolean>();

/** Whether this browser can show times in `zone` (the daemon's Node knew it; a browser may lag). */
function browserKnows(zone: string): boolean {
  let ok = known.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      ok = true;
    } catch {
      ok = false;
    }
    known.set(zone, ok);
  }
  return ok;
}

/** The zone a date or time on screen is said in: the kiosk view's, else China Standard Time. */
export function kioskTimeZoneOf(zone: string | undefined): string {
  return zone !== undefined && browserKnows(zone) ? zone : DEFAULT_KIOSK_TIME_ZONE;
}

/** The kiosk's time zone as the daemon last said it. */
export function useKioskTimeZone(): string {
  return kioskTimeZoneOf(useGatewayState().kiosk?.timeZone);
}

import type { AlertView } from '@kiosk/fleet-monitor/dashboard';
import { codeWords } from '../i18n/code-labels';
import { openLabelOf, type Labels } from '../i18n/labels';
import { alertInWords, alertRawCode } from '../screens/alert-table';

/**
 * The live announcement of a new alert (the header's polite live region): the kiosk, the kind of
 * alert and what the fault is, in words, as the alert's row says it: "New alert: hall1-k01 Device
 * fault Card reader: Card jammed in the reader". A device fault whose code the page has no words
 * for names the code as sent, so the fault is never left out.
 */
export function alertAnnouncement(
  t: Labels,
  alert: Pick<AlertView, 'kioskId' | 'kind' | 'key' | 'code'>,
): string {
  const words = alertInWords(t, alert);
  const raw = alertRawCode(alert);
  const unworded = raw !== null && codeWords(t, raw) === undefined && !words.includes(raw);
  return `${t.newAlert}: ${alert.kioskId} ${openLabelOf(t, 'alert', alert.kind)} ${words}${unworded ? ` ${raw}` : ''}`;
}

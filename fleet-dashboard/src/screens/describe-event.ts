import type { KioskDetailView } from '@kiosk/fleet-monitor/dashboard';
import { codeInWords, codeWords, wordedCode } from '../i18n/code-labels';
import { deviceName, openLabelOf, supplyName, type Labels } from '../i18n/labels';

type Event = KioskDetailView['events'][number];

/** The code an event carries, if any. */
function codeOf(event: Event): string | undefined {
  return 'code' in event ? event.code : undefined;
}

/**
 * One line for a kiosk event in words: the device by name, a code the page knows (domain's
 * ErrorCode or ServiceReason) in words, one it does not as sent (never personal data: there is none). The code of
 * a worded one goes beside the line in small text (`eventRawCode`).
 */
export function describeEvent(t: Labels, event: Event): string {
  const code = codeOf(event);
  const words = code === undefined ? undefined : codeInWords(t, code);
  switch (event.type) {
    case 'deviceFault':
      return `${deviceName(t, event.device)}: ${words}`;
    case 'faultCleared':
      return deviceName(t, event.device);
    case 'retract':
      // the code says why (not taken); a code without words after the item retracted
      return `${deviceName(t, event.device)}: ${codeWords(t, event.code) ?? `${openLabelOf(t, 'retracted', event.item)} ${event.code}`}`;
    case 'anomaly':
      return event.device ? `${deviceName(t, event.device)}: ${words}` : `${words}`;
    case 'recoveryNeedsStaff':
      // a supply act left for staff names its supply; a failed self test what it came of
      return event.device && event.supply
        ? `${deviceName(t, event.device)}: ${supplyName(t, event.supply)} · ${words}`
        : event.cause
          ? `${words}: ${codeInWords(t, event.cause)}`
          : `${words}`;
    case 'journeyOutcome':
      return `${openLabelOf(t, 'journey', event.journey)}: ${openLabelOf(t, 'outcome', event.outcome)}${words ? ` · ${words}` : ''}`;
    case 'maintenance': {
      // what staff did in words, then on what and how many, who, and the kiosk's code (the
      // service reason a return to service released: an operator's hold) in words after a dot
      const on = [
        event.device && deviceName(t, event.device),
        event.supply && supplyName(t, event.supply),
        event.count !== undefined && `× ${event.count}`,
      ].filter(Boolean);
      return `${openLabelOf(t, 'maintenance', event.action)}${on.length > 0 ? `: ${on.join(', ')}` : ''}${event.staffId ? ` (${t.maintenanceStaff} ${event.staffId})` : ''}${words ? ` · ${words}` : ''}`;
    }
    case 'eventsDropped':
      return String(event.count);
    case 'unknownType':
      // a newer kiosk's event: its type as sent, and what of it this page can read
      return [openLabelOf(t, 'eventType', event.sentType), event.device && deviceName(t, event.device), words]
        .filter(Boolean)
        .join(' · ');
  }
}

/** The code of an event whose words `describeEvent` gave, to show as sent beside them; else none. */
export function eventRawCode(t: Labels, event: Event): string | undefined {
  return wordedCode(t, codeOf(event));
}

import type { KioskDetailView } from '@kiosk/fleet-monitor/dashboard';
import { deviceName, labelOf, type Labels } from '../i18n/labels';

type Event = KioskDetailView['events'][number];

/** One line for a kiosk event: the device by name, then the codes the kiosk sent (never personal data: there is none). */
export function describeEvent(t: Labels, event: Event): string {
  switch (event.type) {
    case 'deviceFault':
      return `${deviceName(t, event.device)}: ${event.code}`;
    case 'faultCleared':
      return deviceName(t, event.device);
    case 'retract':
      return `${deviceName(t, event.device)}: ${event.item} ${event.code}`;
    case 'anomaly':
      return event.device ? `${deviceName(t, event.device)}: ${event.code}` : event.code;
    case 'recoveryNeedsStaff':
      return event.code;
    case 'journeyOutcome':
      return `${labelOf(t, `journey_${event.journey}`)}: ${labelOf(t, `outcome_${event.outcome}`)}${event.code ? ` ${event.code}` : ''}`;
    case 'maintenance':
      return `${event.action}${event.staffId ? ` ${event.staffId}` : ''}${event.code ? ` ${event.code}` : ''}`;
    case 'eventsDropped':
      return String(event.count);
  }
}

import type { KioskDetailView } from '@kiosk/fleet-monitor/dashboard';
import { deviceName, labelOf, supplyName, type Labels } from '../i18n/labels';

type Event = KioskDetailView['events'][number];

/** One line for a kiosk event: the device by name, then the codes the kiosk sent (never personal data: there is none). */
export function describeEvent(t: Labels, event: Event): string {
  switch (event.type) {
    case 'deviceFault':
      return `${deviceName(t, event.device)}: ${event.code}`;
    case 'faultCleared':
      return deviceName(t, event.device);
    case 'retract':
      return `${deviceName(t, event.device)}: ${t[`retracted_${event.item}`]} ${event.code}`;
    case 'anomaly':
      return event.device ? `${deviceName(t, event.device)}: ${event.code}` : event.code;
    case 'recoveryNeedsStaff':
      return event.code;
    case 'journeyOutcome':
      return `${labelOf(t, `journey_${event.journey}`)}: ${labelOf(t, `outcome_${event.outcome}`)}${event.code ? ` ${event.code}` : ''}`;
    case 'maintenance': {
      // what staff did in words, then on what and how many, who, and the kiosk's code as sent
      const on = [
        event.device && deviceName(t, event.device),
        event.supply && supplyName(t, event.supply),
        event.count !== undefined && `× ${event.count}`,
      ].filter(Boolean);
      return `${labelOf(t, `maintenance_${event.action}`)}${on.length > 0 ? `: ${on.join(', ')}` : ''}${event.staffId ? ` (${t.maintenanceStaff} ${event.staffId})` : ''}${event.code ? ` ${event.code}` : ''}`;
    }
    case 'eventsDropped':
      return String(event.count);
  }
}

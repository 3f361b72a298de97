import type { KioskDetailView } from '@kiosk/fleet-monitor/dashboard';

type Event = KioskDetailView['events'][number];

/** One line for a kiosk event, in the codes the kiosk sent (never personal data: there is none). */
export function describeEvent(event: Event): string {
  switch (event.type) {
    case 'deviceFault':
      return `${event.device}: ${event.code}`;
    case 'faultCleared':
      return event.device;
    case 'retract':
      return `${event.device}: ${event.item} ${event.code}`;
    case 'anomaly':
      return event.device ? `${event.device}: ${event.code}` : event.code;
    case 'recoveryNeedsStaff':
      return event.code;
    case 'journeyOutcome':
      return `${event.journey}: ${event.outcome}${event.code ? ` ${event.code}` : ''}`;
    case 'maintenance':
      return `${event.action}${event.staffId ? ` ${event.staffId}` : ''}${event.code ? ` ${event.code}` : ''}`;
    case 'eventsDropped':
      return String(event.count);
  }
}

/**
 * Which alerts a kiosk's status calls for, as a pure function: one per supply that is low or
 * empty (or a bin that is full) and one per device in a fault state. The ingest raises what is
 * new and clears what is gone; offline, anomaly and recovery alerts come from events instead.
 */
import type { ReceivedOnlineStatus as OnlineStatus } from '../contract/telemetry-reading.js';
import type { AlertKind } from '../store/fleet-store.js';

export interface WantedAlert {
  readonly kind: AlertKind;
  readonly key: string;
  readonly code: string | null;
}

const FAULT_STATES = new Set(['hardwareError', 'userError', 'offline', 'noDevice', 'powerOff']);

export function alertsForStatus(status: OnlineStatus): WantedAlert[] {
  const wanted: WantedAlert[] = [];
  for (const device of status.devices) {
    if (FAULT_STATES.has(device.device))
      wanted.push({
        kind: 'deviceFault',
        key: `fault/${device.kind}`,
        code: device.faultCode ?? device.device,
      });
    for (const supply of device.supplies) {
      const key = `supply/${device.kind}/${supply.name}`;
      if (supply.level === 'empty' || supply.level === 'full' || supply.level === 'missing')
        wanted.push({ kind: 'supplyEmpty', key, code: supply.level });
      // its own key: paper that runs out after running low clears the low alert and raises the empty one
      else if (supply.level === 'low') wanted.push({ kind: 'supplyLow', key: `${key}/low`, code: 'low' });
    }
  }
  return wanted;
}

/** Keys of alerts that status-derived rules own (so a status without them clears them). */
export function isStatusAlertKey(key: string): boolean {
  return key.startsWith('fault/') || key.startsWith('supply/');
}

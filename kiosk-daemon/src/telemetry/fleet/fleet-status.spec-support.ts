/** What the fleet telemetry specs share: a kiosk's fleet status as the whole online message. */
import type { KioskStatusInput } from '../mqtt/fleet-publisher.js';

/** `status` as kiosk JZ-9001 (version 0.1.0, heartbeat every 10 s) publishes it online at `at`. */
export function onlineStatusMessage(status: KioskStatusInput, at: string) {
  return {
    ...status,
    connection: 'online',
    kioskId: 'JZ-9001',
    version: '0.1.0',
    heartbeatIntervalS: 10,
    at,
  };
}

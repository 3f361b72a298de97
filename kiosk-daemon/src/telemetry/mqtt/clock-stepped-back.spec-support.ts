/**
 * The statuses of the clock-stepped-back specs (kiosk-clock-stepped-back-told-to-fleet, its run on
 * Mosquitto): the kiosk in service, and out of service with its card reader down (the fleet raises
 * the reader's fault alert for it, and clears it with the next status in service).
 */
import type { KioskStatusInput } from './fleet-publisher.js';

export const IN_SERVICE: KioskStatusInput = {
  mode: 'inService',
  reasons: [],
  journeysOffered: ['balance'],
  devices: [{ kind: 'cardReader', device: 'online', supplies: [] }],
};

export const READER_DOWN: KioskStatusInput = {
  mode: 'outOfService',
  reason: 'CARD_READER_DOWN',
  reasons: ['CARD_READER_DOWN'],
  journeysOffered: [],
  devices: [{ kind: 'cardReader', device: 'offline', supplies: [] }],
};

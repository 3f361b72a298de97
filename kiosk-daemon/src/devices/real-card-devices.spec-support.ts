/**
 * A production terminal's card devices as its profile names them, for the specs of a boot with
 * real devices: a real PC/SC reader (no vpcd) and a real Evolis printer over TCP. Nothing answers
 * them here (no pcscd reader of that name, nothing on the discard port): they stay offline.
 */
import type { KioskConfig } from '@kiosk/config';

/** a real PC/SC card reader (the profile's reader name left to the spec) */
export const realCardReader: Extract<KioskConfig['devices']['cardReader'], { driver: 'pcsc' }> = {
  driver: 'pcsc',
  moveTimeoutMs: 10_000,
  startWaitMs: 1_500,
  positionWaitMs: 10_000,
};

/** a real Evolis card printer over TCP, its hopper and chip station as a production profile has them */
export const realEvolisPrinter: Extract<KioskConfig['devices']['cardPrinter'], { driver: 'tcp' }> = {
  driver: 'tcp',
  host: '127.0.0.1',
  port: 9,
  embosser: false,
  chipStationWaitMs: 2000,
  hopperCapacity: 100,
  ribbonCapacity: 500,
};

import { loadDeviceRoad } from '../common/device-road.js';

export * from './pin-pad.port.js';
export * from './pin-pad.emulator.js';
export * from './default-pin.js';
export * from './pin-block.js';
export * from './pin-hash.js';
export type * from './epp-serial-road.js';

/** The SZZT style PIN pad's serial road (driver, byte-level emulator, controls), loaded when config picks it. */
export const loadEppSerialRoad = () =>
  loadDeviceRoad('PIN pad on its serial line', () => import('./epp-serial-road.js'));

import { loadDeviceRoad } from '../common/device-road.js';

export * from './cash-dispenser.port.js';
export * from './note-mix.js';
export * from './cash-dispenser.emulator.js';
export * from './cash-dispenser-state-file.js';
export * from './cash-dispenser-supplies.js';
export * from './retract-when-idle.js';
export type * from './lcdm-serial-road.js';

/** The LCDM's serial road (driver, byte-level emulator, controls), loaded when config picks it. */
export const loadLcdmSerialRoad = () =>
  loadDeviceRoad('LCDM cash dispenser on its serial line', () => import('./lcdm-serial-road.js'));

import { loadDeviceRoad } from '../common/device-road.js';

export * from './id-reader.port.js';
export * from './id-card-check.js';
export * from './emulated-id-cards.js';
export { syntheticPortraitPng } from './synthetic-portrait.js';
export * from './id-reader.emulator.js';
export type * from './ga467-serial-road.js';

/** The GA 467's serial road (driver, byte-level emulator, controls), loaded when config picks it. */
export const loadGa467SerialRoad = () =>
  loadDeviceRoad('GA 467 ID card reader on its serial line', () => import('./ga467-serial-road.js'));

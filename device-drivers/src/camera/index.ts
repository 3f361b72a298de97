import { loadDeviceRoad } from '../common/device-road.js';

export * from './camera.port.js';
export * from './camera.emulator.js';
export type * from './camera-http-road.js';

/** The camera over HTTP's road (driver, the face-match service's emulator), loaded when config picks it. */
export const loadCameraHttpRoad = () =>
  loadDeviceRoad('camera over HTTP', () => import('./camera-http-road.js'));

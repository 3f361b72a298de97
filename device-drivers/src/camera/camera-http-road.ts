/**
 * The camera over HTTP's road: the face-match service's driver, the service's emulator (demo and
 * test profiles) and the protocol they share (docs/camera-face-match-http.md). Loaded when config
 * picks `http` (`loadCameraHttpRoad`); the family's index gives its types only, so a start with the
 * in-memory camera neither compiles nor runs it (the daemon's bundle keeps it in a chunk of its own).
 */
export * from './camera-http.protocol.js';
export * from './camera-http.driver.js';
export * from './camera-service.emulator.js';

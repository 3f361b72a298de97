export * from './camera.port.js';
export * from './camera.emulator.js';
export * from './camera-http.protocol.js';
export * from './camera-http.driver.js';
export * from './camera-service.emulator.js';

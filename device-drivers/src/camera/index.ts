export * from './camera.port.js';
export * from './camera.emulator.js';

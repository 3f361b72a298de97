export * from './id-reader.port.js';
export * from './id-card-check.js';
export * from './emulated-id-cards.js';
export * from './id-reader.emulator.js';

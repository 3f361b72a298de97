export * from './pin-pad.port.js';
export * from './pin-pad.emulator.js';
export * from './weak-pin.js';
export * from './pin-block.js';
export * from './pin-hash.js';

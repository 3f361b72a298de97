export * from './card-printer.port.js';
export * from './card-printer.emulator.js';

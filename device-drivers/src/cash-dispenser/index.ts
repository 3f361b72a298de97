export * from './cash-dispenser.port.js';
export * from './note-mix.js';
export * from './cash-dispenser.emulator.js';

export * from './card-printer.port.js';
export * from './card-printer.emulator.js';
export * from './card-printer.protocol.js';
export * from './card-face.panels.js';
export * from './card-printer-mechanics.js';
export * from './evolis-printer.emulator.js';
export * from './evolis-card-printer.driver.js';
export * from './card-face.renderer.js';

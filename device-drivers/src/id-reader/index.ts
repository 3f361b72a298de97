export * from './id-reader.port.js';
export * from './id-card-check.js';
export * from './emulated-id-cards.js';
export * from './id-reader.emulator.js';
export * as ga467Protocol from './id-reader.protocol.js';
export * from './id-card-fields.js';
export * from './ga467-id-reader.emulator.js';
export { Ga467IdReader, openGa467SerialPort, type Ga467IdReaderOptions } from './ga467-id-reader.driver.js';
export * from './ga467-over-pseudo-terminal.js';

/**
 * The GA 467 ID reader's serial road: its driver, its byte-level emulator (on a pseudo terminal
 * in the demo and tests), the emulator's controls and the protocol they share. Loaded when config
 * picks `ga467-serial` (`loadGa467SerialRoad`); the family's index gives its types only.
 */
export * as ga467Protocol from './id-reader.protocol.js';
export * from './id-card-fields.js';
export * from './ga467-id-reader.emulator.js';
export { Ga467IdReader, openGa467SerialPort, type Ga467IdReaderOptions } from './ga467-id-reader.driver.js';
export * from './ga467-over-pseudo-terminal.js';
export * from './ga467-emulator-controls.js';

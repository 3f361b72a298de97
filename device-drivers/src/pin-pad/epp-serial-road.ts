/**
 * The SZZT style PIN pad's serial road: its driver, its byte-level emulator (on a pseudo terminal
 * in the demo and tests), the emulator's controls and the protocol they share. Loaded when config
 * picks `serial` (`loadEppSerialRoad`); the family's index gives its types only.
 */
export * as eppProtocol from './epp.protocol.js';
export * from './epp-pin-pad.driver.js';
export * from './epp-pin-pad.emulator.js';
export * from './epp-over-pseudo-terminal.js';
export * from './epp-emulator-controls.js';

/**
 * The LCDM dispenser's serial road: its driver, its byte-level emulator (on a pseudo terminal in
 * the demo and tests) and the emulator's controls. Loaded when config picks `lcdm-serial`
 * (`loadLcdmSerialRoad`); the family's index gives its types only.
 */
export * as lcdmProtocol from './cash-dispenser.protocol.js';
export {
  LcdmCashMechanism,
  type LcdmCassetteId,
  type LcdmCassetteState,
  type LcdmMechanismOptions,
} from './lcdm-cash-mechanism.js';
export * from './lcdm-cash-dispenser.emulator.js';
export * from './lcdm-cash-dispenser.driver.js';
export * from './lcdm-over-pseudo-terminal.js';
export * from './lcdm-emulator-controls.js';

export * from './cash-dispenser.port.js';
export * from './note-mix.js';
export * from './cash-dispenser.emulator.js';
export * from './cash-dispenser-state-file.js';
export * as lcdmProtocol from './cash-dispenser.protocol.js';
export {
  LcdmCashMechanism,
  type LcdmCassetteId,
  type LcdmCassetteState,
  type LcdmMechanismOptions,
} from './lcdm-cash-mechanism.js';
export * from './lcdm-cash-dispenser.emulator.js';
export * from './lcdm-cash-dispenser.driver.js';
export * from './cash-dispenser-supplies.js';
export * from './lcdm-over-pseudo-terminal.js';
export * from './lcdm-emulator-controls.js';
export * from './retract-when-idle.js';

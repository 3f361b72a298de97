/**
 * The LCDM driver and the byte-level emulator joined by a pseudo-terminal pair, both ends
 * through `serialport` (joinOverPseudoTerminal): what the demo start command runs instead of a
 * dispenser, and what the tests drive. `close()` switches the emulator off (a count under way
 * stops), then releases the driver, the emulator's port and the pair, in that order.
 */
import type { Duplex } from 'node:stream';
import {
  LcdmCashDispenser,
  openLcdmSerialPort,
  type LcdmCashDispenserOptions,
} from './lcdm-cash-dispenser.driver.js';
import {
  LcdmCashDispenserEmulator,
  type LcdmCashDispenserEmulatorOptions,
} from './lcdm-cash-dispenser.emulator.js';
import { joinOverPseudoTerminal } from '../common/emulated-over-pseudo-terminal.js';
import type { PtyPair } from '../common/pseudo-terminal-pair.js';

export interface LcdmOverPseudoTerminal {
  readonly driver: LcdmCashDispenser;
  readonly emulator: LcdmCashDispenserEmulator;
  readonly pty: PtyPair;
  /** the emulator's end of the line (to plug the emulator back in after `detach`) */
  readonly deviceEnd: Duplex;
  close(): Promise<void>;
}

/**
 * The driver counts the notes staff loaded; an emulator that kept its notes across a restart
 * (`persistentLcdmEmulatorOptions`) holds what is really left, so the driver starts from that.
 */
function driverOptions(options: {
  readonly driver: LcdmCashDispenserOptions;
  readonly emulator?: LcdmCashDispenserEmulatorOptions;
}): LcdmCashDispenserOptions {
  const kept = options.emulator?.state?.cassettes;
  if (!kept) return options.driver;
  const { upper, lower } = options.driver.cassettes;
  return {
    ...options.driver,
    cassettes: { upper: { ...upper, count: kept.upper.count }, lower: { ...lower, count: kept.lower.count } },
  };
}

export function startLcdmOverPseudoTerminal(options: {
  readonly driver: LcdmCashDispenserOptions;
  readonly emulator?: LcdmCashDispenserEmulatorOptions;
  /** makes the pair (tests give a failing one to see the fallback) */
  readonly createPair?: () => Promise<PtyPair>;
  /** open the driver before returning (default true) */
  readonly open?: boolean;
}): Promise<LcdmOverPseudoTerminal> {
  return joinOverPseudoTerminal({
    createPair: options.createPair,
    open: options.open,
    openPort: (path) => openLcdmSerialPort(path),
    emulator: () => new LcdmCashDispenserEmulator(options.emulator),
    driver: (hostEnd) => new LcdmCashDispenser(hostEnd, driverOptions(options)),
  });
}

/**
 * The SZZT style PIN pad driver and its byte-level emulator joined by a pseudo-terminal pair, both
 * ends through `serialport` (ADR 0005): what the demo and test profiles run with
 * `emulatedOnPseudoTerminal`, and what the tests drive. `close()` releases the driver, the
 * emulator's port and the pair.
 */
import type { Duplex } from 'node:stream';
import { joinOverPseudoTerminal } from '../common/emulated-over-pseudo-terminal.js';
import type { PtyPair } from '../common/pseudo-terminal-pair.js';
import { EppPinPad, openEppSerialPort, type EppPinPadOptions } from './epp-pin-pad.driver.js';
import { EppPinPadEmulator, type EppPinPadEmulatorOptions } from './epp-pin-pad.emulator.js';

export interface EppOverPseudoTerminal {
  readonly pad: EppPinPad;
  readonly emulator: EppPinPadEmulator;
  readonly pty: PtyPair;
  /** the emulator's end of the line (to plug the emulator back in after `detach`) */
  readonly deviceEnd: Duplex;
  close(): Promise<void>;
}

export async function startEppOverPseudoTerminal(
  options: {
    readonly pad?: EppPinPadOptions;
    readonly emulator?: EppPinPadEmulatorOptions;
    /** makes the pair (tests give a failing one to see the fallback) */
    readonly createPair?: () => Promise<PtyPair>;
    /** open the pad before returning (default true) */
    readonly open?: boolean;
  } = {},
): Promise<EppOverPseudoTerminal> {
  const { driver, ...rest } = await joinOverPseudoTerminal({
    ...options,
    openPort: (path) => openEppSerialPort(path),
    emulator: () => new EppPinPadEmulator(options.emulator),
    driver: (hostEnd) => new EppPinPad(hostEnd, options.pad),
  });
  return { pad: driver, ...rest };
}

/**
 * The GA 467 ID reader driver and its byte-level emulator joined by a pseudo-terminal pair,
 * both ends through `serialport`: what the demo start command runs instead of a reader, and
 * what the tests drive. `close()` releases the driver, the emulator's port and the pair.
 */
import type { Duplex } from 'node:stream';
import { joinOverPseudoTerminal } from '../common/emulated-over-pseudo-terminal.js';
import type { PtyPair } from '../common/pseudo-terminal-pair.js';
import { Ga467IdReader, openGa467SerialPort, type Ga467IdReaderOptions } from './ga467-id-reader.driver.js';
import { Ga467IdReaderEmulator, type Ga467IdReaderEmulatorOptions } from './ga467-id-reader.emulator.js';

export interface Ga467OverPseudoTerminal {
  readonly reader: Ga467IdReader;
  readonly emulator: Ga467IdReaderEmulator;
  readonly pty: PtyPair;
  /** the emulator's end of the line (to plug the emulator back in after `detach`) */
  readonly deviceEnd: Duplex;
  close(): Promise<void>;
}

export async function startGa467OverPseudoTerminal(
  options: {
    readonly reader?: Ga467IdReaderOptions;
    readonly emulator?: Ga467IdReaderEmulatorOptions;
    /** makes the pair (tests give a failing one to see the fallback) */
    readonly createPair?: () => Promise<PtyPair>;
    /** open the reader before returning (default true) */
    readonly open?: boolean;
  } = {},
): Promise<Ga467OverPseudoTerminal> {
  const { driver, ...rest } = await joinOverPseudoTerminal({
    ...options,
    openPort: (path) => openGa467SerialPort(path),
    emulator: () => new Ga467IdReaderEmulator(options.emulator),
    driver: (hostEnd) => new Ga467IdReader(hostEnd, options.reader),
  });
  return { reader: driver, ...rest };
}

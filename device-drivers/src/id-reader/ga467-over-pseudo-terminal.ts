/**
 * The GA 467 ID reader driver and its byte-level emulator joined by a pseudo-terminal pair,
 * both ends through `serialport`: what the demo start command runs instead of a reader, and
 * what the tests drive. `close()` releases the driver, the emulator's port and the pair.
 */
import type { Duplex } from 'node:stream';
import { closeSerialStream } from '../common/close-serial-stream.js';
import { createPtyPair, type PtyPair } from '../common/pseudo-terminal-pair.js';
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
  const pty = await (options.createPair ?? createPtyPair)();
  const deviceEnd = await openGa467SerialPort(pty.devicePath);
  const emulator = new Ga467IdReaderEmulator(options.emulator);
  emulator.attach(deviceEnd);
  // the device's own end closes too: a serial port left open on a hung-up pseudo terminal spins
  // on empty reads
  emulator.onCablePulled(() => void closeSerialStream(deviceEnd).finally(() => pty.close()));
  const reader = new Ga467IdReader(await openGa467SerialPort(pty.hostPath), options.reader);
  const close = async () => {
    emulator.detach();
    await reader.close();
    await closeSerialStream(deviceEnd);
    await pty.close();
  };
  if (options.open !== false) {
    await reader.open().catch(async (error: unknown) => {
      await close();
      throw error;
    });
  }
  return { reader, emulator, pty, deviceEnd, close };
}

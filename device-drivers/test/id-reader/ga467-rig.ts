/**
 * The GA 467 ID reader driver and the byte-level emulator, each on its end of a pseudo
 * terminal pair, both through the `serialport` package.
 */
import {
  Ga467IdReader,
  Ga467IdReaderEmulator,
  openGa467SerialPort,
  type Ga467IdReaderOptions,
} from '../../src/id-reader/index.js';
import { closeSerialStream } from '../../src/id-reader/ga467-serial-line.js';
import { createPtyPair, type PtyPair } from '../cash-dispenser/pty-pair.js';

export interface Ga467Rig {
  readonly pty: PtyPair;
  readonly emulator: Ga467IdReaderEmulator;
  readonly reader: Ga467IdReader;
  stop(): Promise<void>;
}

export async function startGa467Rig(
  options: { reader?: Ga467IdReaderOptions; open?: boolean } = {},
): Promise<Ga467Rig> {
  const pty = await createPtyPair();
  const deviceEnd = await openGa467SerialPort(pty.devicePath);
  const emulator = new Ga467IdReaderEmulator();
  emulator.attach(deviceEnd);
  const hostEnd = await openGa467SerialPort(pty.hostPath);
  const reader = new Ga467IdReader(hostEnd, {
    answerTimeoutMs: 300,
    interByteTimeoutMs: 30,
    cardPollMs: 20,
    ...options.reader,
  });
  if (options.open !== false) await reader.open();
  return {
    pty,
    emulator,
    reader,
    async stop() {
      emulator.detach();
      await reader.close();
      await closeSerialStream(deviceEnd);
      await pty.close();
    },
  };
}

/** Resolves on the next card event of this type. */
export function nextCardEvent(rig: Ga467Rig, type: 'placed' | 'removed'): Promise<void> {
  return new Promise((resolve) => {
    const off = rig.reader.onCardEvent((e) => {
      if (e.type === type) {
        off();
        resolve();
      }
    });
  });
}

/**
 * The GA 467 ID reader driver and the byte-level emulator, each on its end of a pseudo
 * terminal pair, both through the `serialport` package.
 */
import type { Duplex } from 'node:stream';
import {
  startGa467OverPseudoTerminal,
  type Ga467IdReader,
  type Ga467IdReaderEmulator,
  type Ga467IdReaderOptions,
} from '../../src/id-reader/index.js';
import type { PtyPair } from '../../src/common/pseudo-terminal-pair.js';

export interface Ga467Rig {
  readonly pty: PtyPair;
  readonly deviceEnd: Duplex;
  readonly emulator: Ga467IdReaderEmulator;
  readonly reader: Ga467IdReader;
  stop(): Promise<void>;
}

export async function startGa467Rig(
  options: { reader?: Ga467IdReaderOptions; open?: boolean } = {},
): Promise<Ga467Rig> {
  const rig = await startGa467OverPseudoTerminal({
    open: options.open,
    reader: { answerTimeoutMs: 300, interByteTimeoutMs: 30, cardPollMs: 20, ...options.reader },
  });
  return {
    pty: rig.pty,
    deviceEnd: rig.deviceEnd,
    emulator: rig.emulator,
    reader: rig.reader,
    stop: rig.close,
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

/**
 * The GA 467 ID reader driver and the byte-level emulator, each on its end of a pseudo
 * terminal pair, both through the `serialport` package.
 */
import type { Duplex } from 'node:stream';
import {
  type Ga467IdReader,
  type Ga467IdReaderEmulatorOptions,
  type Ga467IdReaderOptions,
} from '../../src/id-reader/index.js';
import {
  Ga467IdReaderEmulator,
  ga467LooksOf,
  openGa467SerialPort,
  startGa467OverPseudoTerminal,
} from '../../src/id-reader/ga467-serial-road.js';
import { replugLine, type ReplugLine } from '../common/replug-line.js';
import { awaitMoreLooks } from '../../src/common/emulator-looks.js';
import type { PtyPair } from '../../src/common/pseudo-terminal-pair.js';

/**
 * The reader's timings on the rig: an answer time a loaded machine never meets by accident (the
 * emulator answers at once; a command that times out is not sent again). A spec whose reader
 * falls silent on purpose waits `SILENT_ANSWER_MS` instead. The inter-byte wait stays short: the
 * torn-frame specs wait for it on purpose, and one met by accident costs a resend, not the test.
 */
export const RIG_TIMINGS = {
  answerTimeoutMs: 3_000,
  interByteTimeoutMs: 30,
  // the emulator answers at once or never: a silent spell costs its specs no wait for a late answer
  lateAnswerMs: 50,
} as const satisfies Ga467IdReaderOptions;

/**
 * The answer time of a spec whose reader falls silent on purpose: the silence costs one of these
 * per command, and an answering reader has one to be heard in (a timed-out command is not sent
 * again), so not shorter.
 */
export const SILENT_ANSWER_MS = 1_000;

export interface Ga467Rig {
  readonly pty: PtyPair;
  readonly deviceEnd: Duplex;
  readonly emulator: Ga467IdReaderEmulator;
  readonly reader: Ga467IdReader;
  stop(): Promise<void>;
}

export async function startGa467Rig(
  options: { reader?: Ga467IdReaderOptions; emulator?: Ga467IdReaderEmulatorOptions; open?: boolean } = {},
): Promise<Ga467Rig> {
  const rig = await startGa467OverPseudoTerminal({
    open: options.open,
    ...(options.emulator ? { emulator: options.emulator } : {}),
    reader: { ...RIG_TIMINGS, cardPollMs: 20, ...options.reader },
  });
  return {
    pty: rig.pty,
    deviceEnd: rig.deviceEnd,
    emulator: rig.emulator,
    reader: rig.reader,
    stop: rig.close,
  };
}

/**
 * For each test: a GA 467 emulator on a line the spec hangs up and plugs in again
 * (`replug-line.ts`), and the reader the test puts in `reader`, closed after it with the line.
 */
export function ga467OnReplugLine(): {
  readonly emulator: Ga467IdReaderEmulator;
  readonly line: ReplugLine;
  reader: Ga467IdReader | undefined;
} {
  let emulator: Ga467IdReaderEmulator | undefined;
  let line: ReplugLine | undefined;
  const world = {
    get emulator() {
      return emulator!;
    },
    get line() {
      return line!;
    },
    reader: undefined as Ga467IdReader | undefined,
  };
  beforeEach(async () => {
    emulator = new Ga467IdReaderEmulator();
    line = await replugLine(
      { openDeviceEnd: openGa467SerialPort, openHostEnd: openGa467SerialPort },
      emulator,
    );
  });
  afterEach(async () => {
    await world.reader?.close();
    world.reader = undefined;
    await line?.close();
    line = undefined;
  });
  return world;
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

/**
 * The modules the ID card specs run on, by how each treats the card read: halts it (the next find
 * card misses it) or finds it again, with or without read appended address (the held card's probe).
 */
export const GA467_MODULES: [string, Ga467IdReaderEmulatorOptions][] = [
  ['halting the card read', {}],
  ['finding the card read again', { cardAfterRead: 'findable' }],
  ['halting the card read, no read appended address', { readsAppendedAddress: false }],
  [
    'finding the card read again, no read appended address',
    { cardAfterRead: 'findable', readsAppendedAddress: false },
  ],
];

/**
 * Resolves once the driver has looked at the pad `n` more times (find card, or the held card's
 * probe, read appended address).
 */
export async function moreLooks(rig: Ga467Rig, n: number): Promise<void> {
  await awaitMoreLooks(ga467LooksOf(rig.emulator), n, 10_000, 'idReader');
}

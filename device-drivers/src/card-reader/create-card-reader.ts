/**
 * Which card reader the daemon gets. 'pcsc': the real PC/SC stack (pcscd must run). 'emulator':
 * the virtual cards in-process. 'auto': PC/SC when pcscd shows a reader, else the in-process
 * virtual cards, said once in the log, so `npm start` works on a machine without pcscd.
 * The reader is returned not yet opened: the caller calls `open()`.
 */
import { EmulatedCardReader, type EmulatedCardReaderOptions } from './emulated-card-reader.js';
import type { MotorisedCardReader } from './motorised-card-reader.js';
import { PcscCardReader } from './pcsc-card-reader.driver.js';
import { PcscChipLink } from './pcsc-chip.link.js';
import { loadPcsclite } from './pcsclite.types.js';
import type { PcscLiteFactory } from './pcsclite.types.js';

export interface CardReaderConfig extends EmulatedCardReaderOptions {
  readonly driver: 'pcsc' | 'emulator' | 'auto';
  /** PC/SC reader name (exact); default the first reader whose name ends in "00 00" */
  readonly readerName?: string;
  /** vpcd port the virtual cards connect to on the PC/SC path (default 35963) */
  readonly vpcdPort?: number;
  /** 'auto': how long to wait for pcscd to show a reader (default 1500 ms) */
  readonly probeMs?: number;
  /** PC/SC context re-establishment interval after pcscd died (default 1000 ms) */
  readonly reconnectIntervalMs?: number;
}

export interface CardReaderDependencies {
  /** where the one-line notices go (the daemon's logger) */
  readonly log?: (message: string) => void;
  /** the PC/SC binding; default the `pcsclite` package when it loads */
  readonly pcsclite?: PcscLiteFactory;
}

/** A reader of either kind: the port plus the control surface of its emulated mechanism. */
export type ControllableCardReader = MotorisedCardReader;

export async function createCardReader(
  config: CardReaderConfig,
  dependencies: CardReaderDependencies = {},
): Promise<ControllableCardReader> {
  const log = dependencies.log ?? (() => undefined);
  if (config.driver === 'emulator') return new EmulatedCardReader(config);
  const pcsclite = dependencies.pcsclite ?? loadPcsclite();
  if (config.driver === 'pcsc') {
    if (!pcsclite) throw new Error('The PC/SC binding (pcsclite) is not installed; use the emulator.');
    return new PcscCardReader({ ...config, pcsclite, log });
  }
  const why = pcsclite ? await probe(config, pcsclite) : 'the PC/SC binding is not installed';
  if (why === undefined) {
    log('Card reader: PC/SC reader found; using pcscd.');
    return new PcscCardReader({ ...config, pcsclite, log });
  }
  log(`Card reader: no PC/SC reader (${why}); the virtual cards are attached in-process.`);
  return new EmulatedCardReader(config);
}

/** Undefined when pcscd shows the reader within `probeMs`, else the reason. */
async function probe(config: CardReaderConfig, pcsclite: PcscLiteFactory): Promise<string | undefined> {
  const link = new PcscChipLink({ pcsclite, readerName: config.readerName, closeTimeoutMs: 500 });
  try {
    const state = await link.start(config.probeMs ?? 1500);
    if (state === 'online') return undefined;
    return state === 'offline' ? 'pcscd is not running' : 'pcscd shows no reader';
  } finally {
    await link.close();
  }
}

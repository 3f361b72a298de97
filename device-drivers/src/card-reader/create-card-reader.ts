/**
 * Which card reader the daemon gets. 'pcsc': the real PC/SC stack (pcscd must run; the virtual
 * cards only on vsmartcard's reader or with `vpcdPort` set, see `mechanismFor`). 'emulator':
 * the virtual cards in-process. 'auto': PC/SC when pcscd shows a reader, else the in-process
 * virtual cards, said once in the log, so `npm start` works on a machine without pcscd.
 * The reader is returned not yet opened: the caller calls `open()`.
 */
import { DEFAULT_PCSC_READER_WAIT_MS } from '@kiosk/domain';
import type { CardReaderStateFile } from './card-reader-state-file.js';
import { setUpFailureText } from './chip-link.js';
import { EmulatedCardReader, type EmulatedCardReaderOptions } from './emulated-card-reader.js';
import type { MotorisedCardReader } from './motorised-card-reader.js';
import { PcscCardReader } from './pcsc-card-reader.driver.js';
import { PcscChipLink } from './pcsc-chip.link.js';
import { loadPcsclite } from './pcsclite.types.js';
import type { PcscContextMaker } from './pcsclite.types.js';

export interface CardReaderConfig extends EmulatedCardReaderOptions {
  readonly driver: 'pcsc' | 'emulator' | 'auto';
  /** PC/SC reader name (exact); default the first reader whose name ends in "00 00" */
  readonly readerName?: string;
  /** vpcd port the virtual cards connect to on the PC/SC path (default 35963) */
  readonly vpcdPort?: number;
  /** how long to wait for pcscd to show a reader before choosing (default `startWaitMs`) */
  readonly probeMs?: number;
  /**
   * PC/SC: the one wait at open for pcscd to list the reader (default
   * `DEFAULT_PCSC_READER_WAIT_MS`); a reader the probe did not find is not waited for again, and
   * pcscd not answering is not waited for at all: the reader reads offline or not connected, and
   * is taken into service when pcscd lists it
   */
  readonly startWaitMs?: number;
  /**
   * PC/SC context re-established after pcscd died or a set-up failed: first after this wait
   * (default 1000 ms), then twice as long while it fails, up to `maxReconnectIntervalMs` (the
   * daemon gives its devices.reopen waits)
   */
  readonly reconnectIntervalMs?: number;
  readonly maxReconnectIntervalMs?: number;
  /**
   * PC/SC path: 'emulated' puts the virtual cards on vpcd, 'presence' serves a real reader
   * without a motor. Default: 'emulated' when the reader found (or named) is vpcd's ("Virtual
   * PCD"), or none is found and `vpcdPort` is set; else 'presence' (no reader found is a real
   * reader not there yet, never a reason to emulate).
   */
  readonly mechanism?: 'emulated' | 'presence';
  /** PC/SC: how long a chip command waits for the reader lost to be back (`lost-reader-wait.ts`) */
  readonly lostReaderWaitMs?: number;
  /** the card printer's chip station (read by the card printer, not by this reader) */
  readonly chipStationReaderName?: string;
  /**
   * the emulated mechanism's state file, read only when that mechanism is the one made (the
   * in-process virtual cards, or vpcd's): a real reader never reads a file an emulator left
   */
  readonly openStateFile?: () => CardReaderStateFile;
}

export interface CardReaderDependencies {
  /** where the one-line notices go (the daemon's logger) */
  readonly log?: (message: string) => void;
  /** the PC/SC binding; default the `pcsclite` package when it loads */
  readonly pcsclite?: PcscContextMaker;
}

/** A reader of either kind: the port plus the control surface of its emulated mechanism. */
export type ControllableCardReader = MotorisedCardReader;

export async function createCardReader(
  config: CardReaderConfig,
  dependencies: CardReaderDependencies = {},
): Promise<ControllableCardReader> {
  const log = dependencies.log ?? (() => undefined);
  if (config.driver === 'emulator') return new EmulatedCardReader(emulated(config));
  const pcsclite = dependencies.pcsclite ?? loadPcsclite();
  if (config.driver === 'pcsc') {
    if (!pcsclite) throw new Error('The PC/SC binding (pcsclite) is not installed; use the emulator.');
    const found = await probe(config, pcsclite);
    return pcscReader(config, pcsclite, log, found.readerName);
  }
  const found = pcsclite ? await probe(config, pcsclite) : { why: 'the PC/SC binding is not installed' };
  if (pcsclite && found.readerName !== undefined) {
    log(`Card reader: PC/SC reader "${found.readerName}" found; using pcscd.`);
    return pcscReader(config, pcsclite, log, found.readerName);
  }
  log(`Card reader: no PC/SC reader (${found.why}); the virtual cards are attached in-process.`);
  return new EmulatedCardReader(emulated(config));
}

/** The config of an emulated mechanism: its state file read now (throws naming it when it does not read). */
function emulated(config: CardReaderConfig): CardReaderConfig {
  if (config.stateFile || !config.openStateFile) return config;
  return { ...config, stateFile: config.openStateFile() };
}

function pcscReader(
  config: CardReaderConfig,
  pcsclite: PcscContextMaker,
  log: (message: string) => void,
  readerName: string | undefined,
): PcscCardReader {
  const mechanism = mechanismFor(config, readerName);
  // a real reader ('presence') has its own card where it is: no emulator's file is read for it
  const own = mechanism === 'emulated' ? emulated(config) : config;
  // the probe waited for a reader already: one it did not find is taken up when it appears
  const startWaitMs = readerName === undefined ? 0 : config.startWaitMs;
  return new PcscCardReader({ ...own, pcsclite, log, mechanism, startWaitMs });
}

/**
 * The emulated mechanism only for vsmartcard's virtual reader: found ("Virtual PCD"), named in
 * the config, or a vpcd port configured (test rigs, training kiosks). No reader found within the
 * probe is not a sign of vpcd: a real terminal's USB reader may enumerate late, or be unplugged;
 * it gets the real reader's mechanism, reported offline until pcscd shows the reader.
 */
function mechanismFor(config: CardReaderConfig, readerName: string | undefined): 'emulated' | 'presence' {
  if (config.mechanism) return config.mechanism;
  const name = readerName ?? config.readerName;
  if (name !== undefined) return isVpcdReader(name) ? 'emulated' : 'presence';
  return config.vpcdPort !== undefined ? 'emulated' : 'presence';
}

/** Whether a PC/SC reader name is vsmartcard's virtual reader ("Virtual PCD 00 00", "... 00 01"): a vpcd rig's. */
export function isVpcdReader(name: string | undefined): boolean {
  return name?.startsWith('Virtual PCD') === true;
}

/** The reader pcscd shows within the probe's wait, or why there is none (pcscd down: at once). */
async function probe(
  config: CardReaderConfig,
  pcsclite: PcscContextMaker,
): Promise<{ readerName?: string; why?: string }> {
  const link = new PcscChipLink({ pcsclite, readerName: config.readerName, closeTimeoutMs: 500 });
  try {
    // pcscd not running shows at once (no context); a reader takes up to a poll to appear
    const now = await link.start(0);
    const waitMs = config.probeMs ?? config.startWaitMs ?? DEFAULT_PCSC_READER_WAIT_MS;
    const state = now === 'offline' ? now : await link.start(waitMs);
    if (state === 'online') return { readerName: link.readerNameInUse() };
    const failed = link.setUpFailure();
    if (failed?.partway) return { why: `its PC/SC set-up failed partway ${setUpFailureText(failed)}` };
    return { why: state === 'offline' ? 'pcscd is not running' : 'pcscd shows no reader' };
  } finally {
    await link.close();
  }
}

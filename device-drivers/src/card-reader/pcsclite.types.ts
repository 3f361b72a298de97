/**
 * The part of the `pcsclite` npm package (no bundled types) this driver uses. Kept narrow so a
 * test can hand in a fake and a maintained fork (`@pokusew/pcsclite`) fits the same shape.
 */
import { createRequire } from 'node:module';
import { askPcscd } from './pcscd-answers.js';

export interface PcscReaderStatus {
  readonly state: number;
  readonly atr?: Buffer;
}

export interface PcscReader {
  readonly name: string;
  readonly connected: boolean;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_EMPTY: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_RESET_CARD: number;
  readonly SCARD_UNPOWER_CARD: number;
  on(event: 'status', listener: (status: PcscReaderStatus) => void): this;
  on(event: 'end', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  once(event: 'status' | 'end' | 'error', listener: () => void): this;
  removeAllListeners(event?: string): this;
  connect(
    options: { share_mode?: number; protocol?: number },
    callback: (error: Error | null | undefined, protocol?: number) => void,
  ): void;
  transmit(
    data: Buffer,
    maxResponseLength: number,
    protocol: number,
    callback: (error: Error | null | undefined, data?: Buffer) => void,
  ): void;
  disconnect(disposition: number, callback: (error?: Error | null) => void): void;
  close(): void;
}

export interface PcscContext {
  on(event: 'reader', listener: (reader: PcscReader) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  readonly readers: Record<string, PcscReader>;
  close(): void;
}

/** The binding's own call (or a fake's): makes a context at once, blocking while pcscd does not answer. */
export type PcscLiteFactory = () => PcscContext;

/** What the link sets its context up with: the binding as loaded (`loadPcsclite`), or a fake. */
export type PcscContextMaker = (signal?: AbortSignal) => PcscContext | Promise<PcscContext>;

/** What a set-up not made says, with pcsclite's code for it (SCARD_E_NO_SERVICE). */
const PCSCD_NOT_SERVING = {
  absent: 'is not running: service not available.',
  hungUp: 'closed the connection unanswered: service not available.',
} as const;

/** How long the loaded binding waits for pcscd to answer before it gives a set-up up (`askPcscd`). */
export const PCSCD_ANSWER_WAIT_MS = 5000;

/**
 * `binding`, called only once pcscd answers without blocking (`askPcscd` on `socketPath`, default
 * libpcsclite's): a pcscd waiting for a virtual card of this process gets its answer meanwhile; a
 * pcscd that does not answer within `answerWaitMs` fails the set-up (DEVICE_OFFLINE) instead of
 * freezing the process. No pcscd listening, or one closing the connection unanswered, fails it as
 * pcsclite would (SCARD_E_NO_SERVICE) without the call: a pcscd starting between the ask and the
 * call would take the call into its queue and answer it only after its first polls.
 */
export function askingPcscdFirst(
  binding: PcscLiteFactory,
  answerWaitMs = PCSCD_ANSWER_WAIT_MS,
  socketPath?: string,
): PcscContextMaker {
  return async (signal) => {
    const answer = await askPcscd(answerWaitMs, signal, socketPath);
    if (answer !== 'answered') throw new Error(`pcscd ${PCSCD_NOT_SERVING[answer]} (0x8010001D)`);
    return binding();
  };
}

/** Loads the native binding, asking pcscd first (`askingPcscdFirst`); undefined when it is not installed or libpcsclite is missing. */
export function loadPcsclite(): PcscContextMaker | undefined {
  try {
    return askingPcscdFirst(createRequire(import.meta.url)('pcsclite') as PcscLiteFactory);
  } catch {
    return undefined;
  }
}

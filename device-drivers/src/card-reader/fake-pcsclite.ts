/**
 * A scripted pcsclite for unit tests of the PC/SC link and the readers built on it: readers
 * come and go, pcscd goes down and up, card states are emitted as pcscd would.
 */
import { EventEmitter } from 'node:events';
import type { PcscChipLink } from './pcsc-chip.link.js';
import type { PcscContext, PcscLiteFactory, PcscReader, PcscReaderStatus } from './pcsclite.types.js';

export const PRESENT = 0x20;
export const EMPTY = 0x10;

export class FakeReader extends EventEmitter {
  connected = false;
  closed = false;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_STATE_PRESENT = PRESENT;
  readonly SCARD_STATE_EMPTY = EMPTY;
  readonly SCARD_STATE_MUTE = 0x200;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_RESET_CARD = 1;
  readonly SCARD_UNPOWER_CARD = 2;
  shareModes: number[] = [];
  constructor(readonly name: string) {
    super();
  }
  status(s: PcscReaderStatus) {
    this.emit('status', s);
  }
  connect(options: { share_mode?: number }, cb: (e: Error | null, p?: number) => void) {
    this.shareModes.push(options.share_mode ?? -1);
    this.connected = true;
    cb(null, 2);
  }
  transmit(data: Buffer, _len: number, _p: number, cb: (e: Error | null, d?: Buffer) => void) {
    cb(null, Buffer.from([0x90, 0x00]));
  }
  disconnect(_d: number, cb: () => void) {
    this.connected = false;
    cb();
  }
  /** pcsclite holds the reader's mutex while it calls into JS (see `dropContext`) */
  locked = false;
  /** a close() that the real binding would have deadlocked on */
  closedUnderLock = false;
  /** emits as pcsclite's native callback does: under the mutex, microtasks drained inside it */
  emitUnderLock(event: string, ...args: unknown[]) {
    this.locked = true;
    this.emit(event, ...args);
    setImmediate(() => (this.locked = false)); // after the microtasks, before later turns
  }
  close() {
    if (this.locked) this.closedUnderLock = true;
    this.closed = true;
  }
}

export class FakeContext extends EventEmitter {
  readers: Record<string, PcscReader> = {};
  closed = false;
  close() {
    this.closed = true;
  }
  add(name: string): FakeReader {
    const r = new FakeReader(name);
    this.readers[name] = r as unknown as PcscReader;
    this.emit('reader', r);
    return r;
  }
}

/** pcscd up or down; each context made is kept for inspection. */
export function fakePcsc() {
  const state = { up: true, contexts: [] as FakeContext[] };
  const factory: PcscLiteFactory = () => {
    if (!state.up) throw new Error('SCardEstablishContext error: Service not available.(0x8010001d)');
    const c = new FakeContext();
    state.contexts.push(c);
    return c as unknown as PcscContext;
  };
  return { state, factory };
}

export const until = (link: PcscChipLink, want: string) =>
  new Promise<void>((resolve) => {
    if (link.state() === want) return resolve();
    const off = link.onState((s) => s === want && (off(), resolve()));
  });

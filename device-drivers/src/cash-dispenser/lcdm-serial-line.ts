/**
 * The host side of an LCDM-2000 style serial line: one transaction at a time (command → ACK or
 * NAK → response → our ACK or NAK), with the retries, timeouts and resynchronisation of the
 * protocol. The stream is injected (a serial port, a pseudo terminal, an in-memory duplex).
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';
import {
  ACK,
  encodeFrame,
  LcdmFrameDecoder,
  NAK,
  type DecodedItem,
  type LcdmFrame,
} from './cash-dispenser.protocol.js';

export interface LcdmLineTimings {
  /** wait for the device's ACK / NAK of a command */
  readonly ackTimeoutMs?: number;
  /** silence after which a half-received frame counts as torn */
  readonly interByteTimeoutMs?: number;
  /** sends of a command, and receptions of a response, before giving up */
  readonly attempts?: number;
}

/** Where a transaction failed: before the device took the command, or after. */
export type LinePhase = 'command' | 'response';

export class LcdmLineError extends KioskError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly phase: LinePhase,
  ) {
    super(code, message, { phase });
  }
}

type Waiter = { accept: (item: DecodedItem) => boolean; resolve: (item: DecodedItem | null) => void };

export class LcdmSerialLine {
  readonly #stream: Duplex;
  readonly #decoder = new LcdmFrameDecoder('response');
  readonly #ackTimeoutMs: number;
  readonly #interByteMs: number;
  readonly #attempts: number;
  readonly #inbox: DecodedItem[] = [];
  #waiter: Waiter | null = null;
  #interByteTimer: NodeJS.Timeout | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #lost: KioskError | null = null;
  readonly #lostListeners = new Set<(e: KioskError) => void>();

  constructor(stream: Duplex, timings: LcdmLineTimings = {}) {
    this.#stream = stream;
    this.#ackTimeoutMs = timings.ackTimeoutMs ?? 500;
    this.#interByteMs = timings.interByteTimeoutMs ?? 50;
    this.#attempts = timings.attempts ?? 3;
    stream.on('data', (chunk: Buffer) => this.#receive(chunk));
    stream.on('error', () => this.#loseLine());
    stream.on('close', () => this.#loseLine());
  }

  /** The line went away (port closed, I/O error): the cable pulled. */
  onLost(listener: (error: KioskError) => void): void {
    this.#lostListeners.add(listener);
  }

  get lost(): boolean {
    return this.#lost !== null;
  }

  /** Runs one transaction after the ones already queued. */
  transact(cmd: number, data: readonly number[], responseTimeoutMs: number): Promise<LcdmFrame> {
    const run = this.#chain.then(() => this.#transact(cmd, data, responseTimeoutMs));
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Closes the stream and resolves once the port is really closed (so nothing reads it after). */
  close(): Promise<void> {
    clearTimeout(this.#interByteTimer);
    return destroyStream(this.#stream);
  }

  async #transact(cmd: number, data: readonly number[], responseTimeoutMs: number): Promise<LcdmFrame> {
    this.#inbox.length = 0;
    let naks = 0;
    let accepted = false;
    for (let attempt = 0; attempt < this.#attempts && !accepted; attempt += 1) {
      await this.#write(encodeFrame('command', cmd, data), 'command');
      const answer = await this.#next((i) => i.type === 'ack' || i.type === 'nak', this.#ackTimeoutMs);
      if (answer?.type === 'ack') accepted = true;
      else if (answer?.type === 'nak') naks += 1;
    }
    if (!accepted) {
      this.#throwIfLost('command');
      throw naks > 0
        ? new LcdmLineError(
            ErrorCode.DEVICE_BUSY,
            'The cash dispenser refused the command; it is busy.',
            'command',
          )
        : new LcdmLineError(ErrorCode.DEVICE_TIMEOUT, 'The cash dispenser does not answer.', 'command');
    }
    let spoiled = 0;
    while (spoiled < this.#attempts) {
      const item = await this.#next((i) => i.type === 'frame' || i.type === 'error', responseTimeoutMs);
      if (item === null) {
        this.#throwIfLost('response');
        throw new LcdmLineError(
          ErrorCode.DEVICE_TIMEOUT,
          'The cash dispenser took the command but sent no answer.',
          'response',
        );
      }
      if (item.type === 'frame' && item.frame.cmd === cmd) {
        await this.#write(Uint8Array.of(ACK), 'response');
        return item.frame;
      }
      if (item.type === 'frame') continue; // a late repeat of an earlier answer
      spoiled += 1;
      if (spoiled < this.#attempts) await this.#write(Uint8Array.of(NAK), 'response');
    }
    throw new LcdmLineError(
      ErrorCode.DEVICE_PROTOCOL_ERROR,
      'The cash dispenser answer stayed unreadable.',
      'response',
    );
  }

  #throwIfLost(phase: LinePhase): void {
    if (this.#lost)
      throw new LcdmLineError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser line is down.', phase);
  }

  #write(bytes: Uint8Array, phase: LinePhase): Promise<void> {
    this.#throwIfLost(phase);
    return new Promise((resolve, reject) => {
      this.#stream.write(bytes, (error) => {
        if (!error) return resolve();
        this.#loseLine();
        reject(new LcdmLineError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser line is down.', phase));
      });
    });
  }

  #next(accept: (item: DecodedItem) => boolean, timeoutMs: number): Promise<DecodedItem | null> {
    const index = this.#inbox.findIndex(accept);
    if (index >= 0) return Promise.resolve(this.#inbox.splice(index, 1)[0] ?? null);
    if (this.#lost) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = null;
        resolve(null);
      }, timeoutMs);
      this.#waiter = {
        accept,
        resolve: (item) => {
          clearTimeout(timer);
          this.#waiter = null;
          resolve(item);
        },
      };
    });
  }

  #deliver(items: DecodedItem[]): void {
    for (const item of items) {
      if (this.#waiter?.accept(item)) this.#waiter.resolve(item);
      else this.#inbox.push(item);
    }
  }

  #receive(chunk: Buffer): void {
    clearTimeout(this.#interByteTimer);
    this.#deliver(this.#decoder.push(chunk));
    if (this.#decoder.pending > 0) {
      this.#interByteTimer = setTimeout(() => this.#deliver(this.#decoder.flushTorn()), this.#interByteMs);
    }
  }

  #loseLine(): void {
    if (this.#lost) return;
    this.#lost = new KioskError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser line is down.');
    // a pseudo terminal whose other end went away reads as endless zero-byte reads: stop reading
    void destroyStream(this.#stream);
    this.#waiter?.resolve(null);
    for (const listener of this.#lostListeners) listener(this.#lost);
  }
}

/** A serial port stream: `destroy()` alone would leave its file descriptor open and read. */
interface ClosablePort {
  readonly isOpen: boolean;
  close(callback: (error?: Error | null) => void): void;
}

function isClosablePort(stream: object): stream is ClosablePort {
  return 'isOpen' in stream && typeof (stream as { close?: unknown }).close === 'function';
}

/** Closes a stream (a serial port closes its file descriptor) and resolves once it is closed. */
export function destroyStream(stream: Duplex): Promise<void> {
  if (isClosablePort(stream)) {
    if (!stream.isOpen) return Promise.resolve();
    return new Promise((resolve) => stream.close(() => resolve()));
  }
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', () => resolve());
    stream.destroy();
  });
}

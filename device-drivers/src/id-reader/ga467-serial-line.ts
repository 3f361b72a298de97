/**
 * The host side of a GA 467 style serial line: one command at a time, its answer awaited with
 * a timeout, the command sent again after a corrupt, torn or refused frame (every reader
 * command is safe to repeat). The stream is injected (serial port, pseudo terminal, duplex).
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { encodeIdCommand, IdFrameDecoder, IdReaderStatus, type IdFrameItem } from './id-reader.protocol.js';

export interface Ga467LineTimings {
  readonly answerTimeoutMs?: number;
  readonly interByteTimeoutMs?: number;
  /** sends of one command before giving up */
  readonly attempts?: number;
}

export interface IdAnswer {
  readonly sw3: number;
  readonly data: Buffer;
}

export class Ga467SerialLine {
  readonly #stream: Duplex;
  readonly #decoder = new IdFrameDecoder();
  readonly #answerTimeoutMs: number;
  readonly #interByteMs: number;
  readonly #attempts: number;
  #waiter: ((item: IdFrameItem | null) => void) | null = null;
  #interByteTimer: NodeJS.Timeout | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #lost = false;
  readonly #lostListeners = new Set<() => void>();

  constructor(stream: Duplex, timings: Ga467LineTimings = {}) {
    this.#stream = stream;
    this.#answerTimeoutMs = timings.answerTimeoutMs ?? 1_000;
    this.#interByteMs = timings.interByteTimeoutMs ?? 50;
    this.#attempts = timings.attempts ?? 3;
    stream.on('data', (chunk: Buffer) => this.#receive(chunk));
    stream.on('error', () => this.#loseLine());
    stream.on('close', () => this.#loseLine());
  }

  get lost(): boolean {
    return this.#lost;
  }

  onLost(listener: () => void): void {
    this.#lostListeners.add(listener);
  }

  transact(command: readonly [number, number]): Promise<IdAnswer> {
    const run = this.#chain.then(() => this.#transact(command));
    this.#chain = run.catch(() => undefined);
    return run;
  }

  close(): Promise<void> {
    clearTimeout(this.#interByteTimer);
    return closeSerialStream(this.#stream);
  }

  async #transact(command: readonly [number, number]): Promise<IdAnswer> {
    let spoiled = 0;
    let busy = 0;
    for (let attempt = 0; attempt < this.#attempts; attempt += 1) {
      const answer = this.#nextItem();
      await this.#write(encodeIdCommand(command));
      const item = await answer;
      if (item === null) {
        if (this.#lost) break;
        throw new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The ID card reader does not answer.');
      }
      if (item.type === 'error') {
        spoiled += 1;
        continue;
      }
      const sw3 = item.body[2] ?? 0;
      if (sw3 === IdReaderStatus.CHECKSUM_ERROR || sw3 === IdReaderStatus.LENGTH_ERROR) spoiled += 1;
      else if (sw3 === IdReaderStatus.BUSY) busy += 1;
      else return { sw3, data: item.body.subarray(3) };
    }
    if (this.#lost) throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The ID card reader line is down.');
    if (busy > 0 && spoiled === 0)
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'The ID card reader stays busy.');
    throw new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'The ID card reader answers stayed unreadable.');
  }

  #write(bytes: Uint8Array): Promise<void> {
    if (this.#lost)
      return Promise.reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'The ID card reader line is down.'));
    return new Promise((resolve, reject) => {
      this.#stream.write(bytes, (error) => {
        if (!error) return resolve();
        this.#loseLine();
        reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'The ID card reader line is down.'));
      });
    });
  }

  #nextItem(): Promise<IdFrameItem | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(null), this.#answerTimeoutMs);
      const finish = (item: IdFrameItem | null) => {
        clearTimeout(timer);
        this.#waiter = null;
        resolve(item);
      };
      this.#waiter = finish;
    });
  }

  #deliver(items: IdFrameItem[]): void {
    // noise before a frame is no answer; anything else goes to the command waiting for it
    for (const item of items) {
      if (item.type === 'error' && item.reason === 'garbage') continue;
      this.#waiter?.(item);
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
    this.#lost = true;
    void closeSerialStream(this.#stream); // a dead pseudo terminal reads as endless empty reads
    this.#waiter?.(null);
    for (const listener of this.#lostListeners) listener();
  }
}

interface ClosablePort {
  readonly isOpen: boolean;
  close(callback: (error?: Error | null) => void): void;
}

/** Closes a serial port's file descriptor (destroy() alone would not) or destroys a plain stream. */
export function closeSerialStream(stream: Duplex): Promise<void> {
  if ('isOpen' in stream && typeof (stream as { close?: unknown }).close === 'function') {
    const port = stream as unknown as ClosablePort;
    if (!port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', () => resolve());
    stream.destroy();
  });
}

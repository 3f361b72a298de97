/**
 * The host side of a GA 467 style serial line: one command at a time, its answer awaited with
 * a timeout, the command sent again after a corrupt, torn or refused frame (every reader
 * command is safe to repeat). The stream is injected (serial port, pseudo terminal, duplex).
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, OneLine } from '@kiosk/domain';
import { closeSerialStream } from '../common/close-serial-stream.js';
import { LineReconnect, type LineReopenOptions } from '../common/line-reconnect.js';
import { encodeIdCommand, IdFrameDecoder, IdReaderStatus, type IdFrameItem } from './id-reader.protocol.js';

export interface Ga467LineTimings {
  readonly answerTimeoutMs?: number;
  readonly interByteTimeoutMs?: number;
  /** sends of one command before giving up */
  readonly attempts?: number;
}

export interface Ga467LineOptions extends Ga467LineTimings, LineReopenOptions {}

export interface IdAnswer {
  readonly sw3: number;
  readonly data: Buffer;
}

export class Ga467SerialLine {
  #stream: Duplex;
  #decoder = new IdFrameDecoder();
  readonly #answerTimeoutMs: number;
  readonly #interByteMs: number;
  readonly #attempts: number;
  #waiter: ((item: IdFrameItem | null) => void) | null = null;
  #interByteTimer: NodeJS.Timeout | undefined;
  /** one command and its answer at a time on the line */
  readonly #transactions = new OneLine();
  #lost = false;
  readonly #lostListeners = new Set<() => void>();
  readonly #restoredListeners = new Set<() => void>();
  readonly #reconnect: LineReconnect;

  constructor(stream: Duplex, options: Ga467LineOptions = {}) {
    this.#stream = stream;
    this.#answerTimeoutMs = options.answerTimeoutMs ?? 1_000;
    this.#interByteMs = options.interByteTimeoutMs ?? 50;
    this.#attempts = options.attempts ?? 3;
    this.#reconnect = new LineReconnect(options);
    this.#attach(stream);
  }

  #attach(stream: Duplex): void {
    stream.on('data', (chunk: Buffer) => {
      if (stream === this.#stream) this.#receive(chunk);
    });
    stream.on('error', () => this.#loseLine(stream));
    stream.on('close', () => this.#loseLine(stream));
  }

  /** A lost line was opened again (`reopen`): the reader may answer again. */
  onRestored(listener: () => void): void {
    this.#restoredListeners.add(listener);
  }

  get lost(): boolean {
    return this.#lost;
  }

  onLost(listener: () => void): void {
    this.#lostListeners.add(listener);
  }

  transact(command: readonly [number, number]): Promise<IdAnswer> {
    return this.#transactions.run(() => this.#transact(command));
  }

  close(): Promise<void> {
    this.#reconnect.stop();
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

  #loseLine(stream = this.#stream): void {
    if (this.#lost || stream !== this.#stream) return;
    this.#lost = true;
    clearTimeout(this.#interByteTimer);
    void closeSerialStream(stream);
    this.#waiter?.(null);
    for (const listener of this.#lostListeners) listener();
    this.#reconnect.start((next) => {
      this.#stream = next;
      this.#decoder = new IdFrameDecoder();
      this.#lost = false;
      this.#attach(next);
      for (const listener of this.#restoredListeners) listener();
    });
  }
}

export { closeSerialStream };

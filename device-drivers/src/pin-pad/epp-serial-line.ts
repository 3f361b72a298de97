/**
 * The host side of an SZZT style PIN pad's serial line: one command at a time, its answer awaited
 * with a timeout, the command sent again after a torn frame, a wrong check byte or the pad's "frame
 * spoiled" (every command the driver sends is safe to repeat); key presses between frames go to the
 * key listener. The stream is injected (serial port, pseudo terminal, duplex).
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, OneLine } from '@kiosk/domain';
import { closeSerialStream } from '../common/close-serial-stream.js';
import { LineReconnect, type LineReopenOptions } from '../common/line-reconnect.js';
import { EppDecoder, encodeEppFrame, spoiledCommand, type EppItem, type EppKeyKind } from './epp.protocol.js';

export interface EppLineTimings {
  readonly answerTimeoutMs?: number;
  readonly interByteTimeoutMs?: number;
  /** sends of one command before giving up */
  readonly attempts?: number;
}

export interface EppLineOptions extends EppLineTimings, LineReopenOptions {}

/** An answer: its status byte and the rest of its text (the receiver wipes `data` once read). */
export interface EppAnswer {
  readonly status: number;
  readonly data: Buffer;
}

export class EppSerialLine {
  #stream: Duplex;
  #decoder = new EppDecoder();
  readonly #answerTimeoutMs: number;
  readonly #interByteMs: number;
  readonly #attempts: number;
  #waiter: ((item: EppItem | null) => void) | null = null;
  #interByteTimer: NodeJS.Timeout | undefined;
  readonly #transactions = new OneLine();
  #lost = false;
  readonly #lostListeners = new Set<() => void>();
  readonly #restoredListeners = new Set<() => void>();
  readonly #keyListeners = new Set<(key: EppKeyKind) => void>();
  readonly #reconnect: LineReconnect;

  constructor(stream: Duplex, options: EppLineOptions = {}) {
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
      chunk.fill(0); // an answer may carry the PIN: nothing of it stays in the port's buffers
    });
    stream.on('error', () => this.#loseLine(stream));
    stream.on('close', () => this.#loseLine(stream));
  }

  get lost(): boolean {
    return this.#lost;
  }

  onLost(listener: () => void): void {
    this.#lostListeners.add(listener);
  }

  /** A lost line was opened again (`reopen`): the pad may answer again. */
  onRestored(listener: () => void): void {
    this.#restoredListeners.add(listener);
  }

  /** A key press reported between frames (its kind only: a digit comes masked). */
  onKey(listener: (key: EppKeyKind) => void): void {
    this.#keyListeners.add(listener);
  }

  transact(text: string): Promise<EppAnswer> {
    return this.#transactions.run(() => this.#transact(text));
  }

  close(): Promise<void> {
    this.#reconnect.stop();
    clearTimeout(this.#interByteTimer);
    return closeSerialStream(this.#stream);
  }

  async #transact(text: string): Promise<EppAnswer> {
    for (let attempt = 0; attempt < this.#attempts; attempt += 1) {
      const answer = this.#nextItem();
      await this.#write(encodeEppFrame(text));
      const item = await answer;
      if (item === null) {
        if (this.#lost) break;
        throw new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The PIN pad does not answer.');
      }
      if (item.type !== 'frame') continue; // torn or a wrong check byte: sent again
      const status = item.text[0] ?? 0;
      if (spoiledCommand(status)) {
        item.text.fill(0);
        continue;
      }
      return { status, data: item.text.subarray(1) };
    }
    if (this.#lost) throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The PIN pad line is down.');
    throw new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, "The PIN pad's answers stayed unreadable.");
  }

  #write(bytes: Uint8Array): Promise<void> {
    if (this.#lost)
      return Promise.reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'The PIN pad line is down.'));
    return new Promise((resolve, reject) => {
      this.#stream.write(bytes, (error) => {
        if (!error) return resolve();
        this.#loseLine();
        reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'The PIN pad line is down.'));
      });
    });
  }

  #nextItem(): Promise<EppItem | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(null), this.#answerTimeoutMs);
      const finish = (item: EppItem | null) => {
        clearTimeout(timer);
        this.#waiter = null;
        resolve(item);
      };
      this.#waiter = finish;
    });
  }

  #deliver(items: EppItem[]): void {
    for (const item of items) {
      if (item.type === 'key') {
        // after the answers read before it are taken in: a key that follows the answer opening the
        // keypad (in the same read, too) is seen with the keypad open, one before it is not
        const { key } = item;
        setImmediate(() => {
          for (const listener of this.#keyListeners) listener(key);
        });
      } else if (this.#waiter) this.#waiter(item);
      else if (item.type === 'frame') item.text.fill(0); // an answer nobody waits for (a late one)
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
      this.#decoder = new EppDecoder();
      this.#lost = false;
      this.#attach(next);
      for (const listener of this.#restoredListeners) listener();
    });
  }
}

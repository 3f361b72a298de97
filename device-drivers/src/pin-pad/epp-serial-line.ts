/**
 * The host side of an SZZT style PIN pad's serial line: one command at a time, its answer awaited
 * with a timeout, the command sent again after a torn frame, a wrong check byte or the pad's "frame
 * spoiled" (every command the driver sends is safe to repeat); key presses between frames go to the
 * key listener. The stream is injected (serial port, pseudo terminal, duplex).
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { LineReopenOptions } from '../common/line-reconnect.js';
import { SerialAnswerLine, type AnswerLineTimings } from '../common/serial-answer-line.js';
import { EppDecoder, encodeEppFrame, spoiledCommand, type EppItem, type EppKeyKind } from './epp.protocol.js';

export interface EppLineOptions extends AnswerLineTimings, LineReopenOptions {}

/** An answer: its status byte and the rest of its text (the receiver wipes `data` once read). */
export interface EppAnswer {
  readonly status: number;
  readonly data: Buffer;
}

const lineDown = () => new KioskError(ErrorCode.DEVICE_OFFLINE, 'The PIN pad line is down.');

export class EppSerialLine {
  readonly #line: SerialAnswerLine<EppItem>;
  readonly #answerTimeoutMs: number;
  readonly #attempts: number;
  readonly #lateAnswerMs: number;
  readonly #keyListeners = new Set<(key: EppKeyKind) => void>();

  constructor(stream: Duplex, options: EppLineOptions = {}) {
    this.#answerTimeoutMs = options.answerTimeoutMs ?? 1_000;
    this.#attempts = options.attempts ?? 3;
    this.#lateAnswerMs = options.lateAnswerMs ?? this.#answerTimeoutMs;
    this.#line = new SerialAnswerLine<EppItem>(stream, {
      ...options,
      decoder: () => new EppDecoder(),
      lineDown,
      unawaited: (item) => this.#unawaited(item),
      wipeReceived: true, // an answer may carry the PIN: nothing of it stays in the port's buffers
    });
  }

  get lost(): boolean {
    return this.#line.lost;
  }

  onLost(listener: () => void): void {
    this.#line.onLost(listener);
  }

  /** A lost line was opened again (`reopen`): the pad may answer again. */
  onRestored(listener: () => void): void {
    this.#line.onRestored(listener);
  }

  /** A key press reported between frames (its kind only: a digit comes masked). */
  onKey(listener: (key: EppKeyKind) => void): void {
    this.#keyListeners.add(listener);
  }

  transact(text: string): Promise<EppAnswer> {
    return this.#line.exchange(() => this.#transact(text));
  }

  close(): Promise<void> {
    return this.#line.close();
  }

  async #transact(text: string): Promise<EppAnswer> {
    // an answer that came too late for the command before is not this command's
    await this.#line.catchUp(this.#lateAnswerMs);
    for (let attempt = 0; attempt < this.#attempts; attempt += 1) {
      // a frame or a spoiled one answers; a key press never does
      const answer = this.#line.next((item) => item.type !== 'key', this.#answerTimeoutMs);
      await this.#line.write(encodeEppFrame(text), lineDown);
      const item = await answer;
      if (item === null) {
        if (this.#line.lost) break;
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
    if (this.#line.lost) throw lineDown();
    throw new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, "The PIN pad's answers stayed unreadable.");
  }

  #unawaited(item: EppItem): void {
    if (item.type === 'key') {
      // after the answers read before it are taken in: a key that follows the answer opening the
      // keypad (in the same read, too) is seen with the keypad open, one before it is not
      const { key } = item;
      setImmediate(() => {
        for (const listener of this.#keyListeners) listener(key);
      });
    } else if (item.type === 'frame') item.text.fill(0); // an answer nobody waits for (a late one)
  }
}

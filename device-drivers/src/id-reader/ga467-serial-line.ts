/**
 * The host side of a GA 467 style serial line: one command at a time, its answer awaited with
 * a timeout, the command sent again after a corrupt, torn or refused frame (every reader
 * command is safe to repeat). The stream is injected (serial port, pseudo terminal, duplex).
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { LineReopenOptions } from '../common/line-reconnect.js';
import { SerialAnswerLine, type AnswerLineTimings } from '../common/serial-answer-line.js';
import { encodeIdCommand, IdFrameDecoder, IdReaderStatus, type IdFrameItem } from './id-reader.protocol.js';

export interface Ga467LineOptions extends AnswerLineTimings, LineReopenOptions {}

export interface IdAnswer {
  readonly sw3: number;
  readonly data: Buffer;
}

const lineDown = () => new KioskError(ErrorCode.DEVICE_OFFLINE, 'The ID card reader line is down.');

/** Noise before a frame is no answer; anything else answers the command waiting for it. */
const answers = (item: IdFrameItem) => !(item.type === 'error' && item.reason === 'garbage');

export class Ga467SerialLine {
  readonly #line: SerialAnswerLine<IdFrameItem>;
  readonly #answerTimeoutMs: number;
  readonly #attempts: number;
  readonly #lateAnswerMs: number;

  constructor(stream: Duplex, options: Ga467LineOptions = {}) {
    this.#answerTimeoutMs = options.answerTimeoutMs ?? 1_000;
    this.#attempts = options.attempts ?? 3;
    this.#lateAnswerMs = options.lateAnswerMs ?? this.#answerTimeoutMs;
    this.#line = new SerialAnswerLine<IdFrameItem>(stream, {
      ...options,
      decoder: () => new IdFrameDecoder(),
      lineDown,
    });
  }

  /** A lost line was opened again (`reopen`): the reader may answer again. */
  onRestored(listener: () => void): void {
    this.#line.onRestored(listener);
  }

  get lost(): boolean {
    return this.#line.lost;
  }

  onLost(listener: () => void): void {
    this.#line.onLost(listener);
  }

  transact(command: readonly [number, number]): Promise<IdAnswer> {
    return this.#line.exchange(() => this.#transact(command));
  }

  close(): Promise<void> {
    return this.#line.close();
  }

  async #transact(command: readonly [number, number]): Promise<IdAnswer> {
    // an answer that came too late for the command before is not this command's
    await this.#line.catchUp(this.#lateAnswerMs);
    let spoiled = 0;
    let busy = 0;
    for (let attempt = 0; attempt < this.#attempts; attempt += 1) {
      const answer = this.#line.next(answers, this.#answerTimeoutMs);
      await this.#line.write(encodeIdCommand(command), lineDown);
      const item = await answer;
      if (item === null) {
        if (this.#line.lost) break;
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
    if (this.#line.lost) throw lineDown();
    if (busy > 0 && spoiled === 0)
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'The ID card reader stays busy.');
    throw new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'The ID card reader answers stayed unreadable.');
  }
}

/**
 * The toy device of serial-answer-line.spec: a `<text>` framing played by hand over an in-memory
 * duplex, and the line under test opened on it with what it hands on and the losses it tells.
 */
import { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { SerialAnswerLine } from './serial-answer-line.js';
import type { SerialFrameDecoder } from './serial-frame-reader.js';

export type ToyItem =
  | { readonly type: 'frame'; readonly text: string }
  | { readonly type: 'noise'; readonly byte: string }
  | { readonly type: 'torn' };

/** `<text>` frames; a byte outside one is noise; a frame the gap cuts is torn. */
export class ToyDecoder implements SerialFrameDecoder<ToyItem> {
  #held = '';

  get pending(): number {
    return this.#held.length;
  }

  push(chunk: Buffer): ToyItem[] {
    const out: ToyItem[] = [];
    for (const byte of chunk.toString('latin1')) {
      if (this.#held.length > 0) {
        if (byte === '>') {
          out.push({ type: 'frame', text: this.#held.slice(1) });
          this.#held = '';
        } else this.#held += byte;
      } else if (byte === '<') this.#held = byte;
      else out.push({ type: 'noise', byte });
    }
    return out;
  }

  flushTorn(): ToyItem[] {
    if (this.#held.length === 0) return [];
    this.#held = '';
    return [{ type: 'torn' }];
  }
}

/** The host's end of a line: what it wrote, `answer` to push the device's bytes, `refuse` writes. */
export function deviceLine() {
  const written: string[] = [];
  const state = { refuse: false };
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      if (state.refuse) return done(new Error('EIO: the port refused the write'));
      written.push(chunk.toString('latin1'));
      done();
    },
  });
  const answer = (text: string) => stream.push(Buffer.from(text, 'latin1'));
  return { stream, written, state, answer };
}

export const lineDown = () => new KioskError(ErrorCode.DEVICE_OFFLINE, 'The toy line is down.');
export const frames = (item: ToyItem) => item.type !== 'noise';
export const GAP_MS = 50;
export const ANSWER_MS = 1_000;

/** The line under test over `stream`, with what it handed on (`unawaited`) and the losses it told. */
export function openToyLine(
  stream: Duplex,
  extra: { reopen?: () => Promise<Duplex>; wipeReceived?: boolean } = {},
) {
  const unawaited: ToyItem[] = [];
  const lost: KioskError[] = [];
  const line = new SerialAnswerLine<ToyItem>(stream, {
    decoder: () => new ToyDecoder(),
    interByteTimeoutMs: GAP_MS,
    lineDown,
    unawaited: (item) => unawaited.push(item),
    reconnectMs: 1_000,
    ...extra,
  });
  line.onLost((error) => lost.push(error));
  return { line, unawaited, lost };
}

/** Lets the stream's queued 'data' and 'close' events run. */
export const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * LCDM frames on the line: the BCC, a frame built for either direction, counts as two ASCII
 * digits, and the decoder splitting a byte stream into ACK, NAK and frames. Part of
 * `cash-dispenser.protocol.ts`.
 */
import {
  ACK,
  COMMAND_DATA_LENGTH,
  DISPENSER_ID,
  EOT,
  ETX,
  NAK,
  RESPONSE_DATA_LENGTH,
  SOH,
  STX,
} from './lcdm-command-set.js';

export function bcc(bytes: Uint8Array, end = bytes.length): number {
  let x = 0;
  for (let i = 0; i < end; i += 1) x ^= bytes[i] ?? 0;
  return x;
}

export type FrameDirection = 'command' | 'response';

export function encodeFrame(
  direction: FrameDirection,
  cmd: number,
  data: Uint8Array | readonly number[] = [],
): Buffer {
  const frame = Buffer.from([direction === 'command' ? EOT : SOH, DISPENSER_ID, STX, cmd, ...data, ETX, 0]);
  frame[frame.length - 1] = bcc(frame, frame.length - 1);
  return frame;
}

/** Two ASCII digits, 00..99. */
export function encodeCount(n: number): [number, number] {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError('A count on the line is 0 to 99.');
  return [0x30 + Math.floor(n / 10), 0x30 + (n % 10)];
}

/** Two ASCII digits back to a number; NaN when they are not digits. */
export function decodeCount(data: Uint8Array, at: number): number {
  const hi = (data[at] ?? 0) - 0x30;
  const lo = (data[at + 1] ?? 0) - 0x30;
  return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : Number.NaN;
}

export interface LcdmFrame {
  readonly cmd: number;
  readonly data: Buffer;
}

export type DecodedItem =
  | { readonly type: 'ack' }
  | { readonly type: 'nak' }
  | { readonly type: 'frame'; readonly frame: LcdmFrame }
  | {
      readonly type: 'error';
      readonly reason: 'badChecksum' | 'badFrame' | 'unknownCommand' | 'garbage' | 'torn';
    };

/**
 * Splits a byte stream into ACK, NAK and frames of one direction. A frame that stops half-way
 * stays buffered until `flushTorn()` (called by the owner after an inter-byte silence).
 */
export class LcdmFrameDecoder {
  #buffer = Buffer.alloc(0);
  readonly #start: number;
  readonly #lengths: Readonly<Record<number, number>>;

  constructor(direction: FrameDirection) {
    this.#start = direction === 'command' ? EOT : SOH;
    this.#lengths = direction === 'command' ? COMMAND_DATA_LENGTH : RESPONSE_DATA_LENGTH;
  }

  get pending(): number {
    return this.#buffer.length;
  }

  push(chunk: Uint8Array): DecodedItem[] {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const out: DecodedItem[] = [];
    let garbage = false;
    const drop = (n: number) => (this.#buffer = this.#buffer.subarray(n));
    while (this.#buffer.length > 0) {
      const b = this.#buffer[0];
      if (b !== this.#start) {
        if (b === ACK) out.push({ type: 'ack' });
        else if (b === NAK) out.push({ type: 'nak' });
        else if (!garbage) {
          garbage = true;
          out.push({ type: 'error', reason: 'garbage' });
        }
        drop(1);
        continue;
      }
      garbage = false;
      if (this.#buffer.length < 4) break;
      if (this.#buffer[1] !== DISPENSER_ID || this.#buffer[2] !== STX) {
        out.push({ type: 'error', reason: 'badFrame' });
        drop(1);
        continue;
      }
      const cmd = this.#buffer[3] ?? 0;
      const length = this.#lengths[cmd];
      if (length === undefined) {
        out.push({ type: 'error', reason: 'unknownCommand' });
        drop(4);
        continue;
      }
      const total = 4 + length + 2;
      if (this.#buffer.length < total) break;
      if (this.#buffer[total - 2] !== ETX) {
        out.push({ type: 'error', reason: 'badFrame' });
        drop(1);
        continue;
      }
      if (bcc(this.#buffer, total - 1) !== this.#buffer[total - 1]) {
        out.push({ type: 'error', reason: 'badChecksum' });
        drop(total);
        continue;
      }
      out.push({ type: 'frame', frame: { cmd, data: Buffer.from(this.#buffer.subarray(4, 4 + length)) } });
      drop(total);
    }
    return out;
  }

  /** Drops a frame that stopped half-way; reports it when there was one. */
  flushTorn(): DecodedItem[] {
    if (this.#buffer.length === 0) return [];
    this.#buffer = Buffer.alloc(0);
    return [{ type: 'error', reason: 'torn' }];
  }
}

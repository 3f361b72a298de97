/**
 * The resident-ID card reader's serial protocol, GA 467 style (the SAM module of second
 * generation ID card readers), shared by the driver and the byte-level emulator.
 *
 * Line: 115200 baud, 8N1. Every frame starts with the preamble AA AA AA 96 69, then a 2-byte
 * big-endian length counting the bytes that follow it (checksum included). A command carries
 * CMD PARA DATA; an answer carries SW1 SW2 SW3 DATA, SW3 being the status. The last byte is
 * the XOR of the length bytes and everything after them.
 *
 * Find card (20 01), select card (20 02), read base message (30 01), read appended address
 * (30 03). The base message is 256 bytes of UCS-2 (little-endian) text in fixed fields plus a
 * 1024-byte photo. A module may halt the card it has read: find card answers "no card" (80) of
 * it until it is lifted, while commands to the selected card still answer (docs/id-reader-ga467.md).
 */
import { ErrorCode } from '@kiosk/domain';

export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
export const ID_READER_BAUD_RATE = 115_200;
export const TEXT_BYTES = 256;
export const PHOTO_BYTES = 1024;
/** longest frame we accept (a base message is 1295 bytes); anything longer is line noise */
export const MAX_FRAME_LENGTH = 4096;

export const IdReaderCommand = {
  FIND_CARD: [0x20, 0x01],
  SELECT_CARD: [0x20, 0x02],
  READ_BASE_MESSAGE: [0x30, 0x01],
  /**
   * read the appended address (the address pages a police station adds after issue): a command to
   * the card already selected, answered while it stays on the reader; the driver's presence probe
   * of a card it has read (docs/id-reader-ga467.md)
   */
  READ_APPENDED_ADDRESS: [0x30, 0x03],
  SAM_STATUS: [0x11, 0xff],
} as const satisfies Record<string, readonly [number, number]>;

/** SW3 status values of an answer and what the kiosk makes of them. */
export const IdReaderStatus = {
  OK: 0x90,
  /** the card holds nothing for this item (no appended address): the card answered */
  NO_CONTENT: 0x91,
  CARD_FOUND: 0x9f,
  NO_CARD: 0x80,
  SELECT_FAILED: 0x81,
  READ_FAILED: 0x41,
  CHECKSUM_ERROR: 0x10,
  LENGTH_ERROR: 0x11,
  COMMAND_ERROR: 0x21,
  /** not in the public table: our reader's "still working on the previous card" */
  BUSY: 0x26,
  SELF_CHECK_FAILED: 0x60,
} as const;

export function idReaderErrorCode(sw3: number): ErrorCode | null {
  switch (sw3) {
    case IdReaderStatus.OK:
    case IdReaderStatus.NO_CONTENT:
    case IdReaderStatus.CARD_FOUND:
      return null;
    case IdReaderStatus.NO_CARD:
      return ErrorCode.ID_CARD_ABSENT;
    case IdReaderStatus.SELECT_FAILED:
    case IdReaderStatus.READ_FAILED:
      return ErrorCode.ID_CARD_UNREADABLE;
    case IdReaderStatus.BUSY:
      return ErrorCode.DEVICE_BUSY;
    case IdReaderStatus.CHECKSUM_ERROR:
    case IdReaderStatus.LENGTH_ERROR:
    case IdReaderStatus.COMMAND_ERROR:
      return ErrorCode.DEVICE_PROTOCOL_ERROR;
    default:
      return ErrorCode.DEVICE_HARDWARE_ERROR;
  }
}

function xor(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

/** PREAMBLE LEN LEN BODY XOR, BODY being CMD PARA DATA or SW1 SW2 SW3 DATA. */
export function encodeIdFrame(body: Uint8Array | readonly number[]): Buffer {
  const length = body.length + 1;
  const head = Buffer.from([length >> 8, length & 0xff, ...body]);
  return Buffer.concat([PREAMBLE, head, Buffer.of(xor(head))]);
}

export function encodeIdCommand(command: readonly [number, number], data: readonly number[] = []): Buffer {
  return encodeIdFrame([...command, ...data]);
}

export function encodeIdAnswer(sw3: number, data: Uint8Array = new Uint8Array(0)): Buffer {
  return encodeIdFrame(Buffer.concat([Buffer.of(0x00, 0x00, sw3), data]));
}

export type IdFrameItem =
  | { readonly type: 'frame'; readonly body: Buffer }
  | { readonly type: 'error'; readonly reason: 'badChecksum' | 'badLength' | 'garbage' | 'torn' };

/** Splits a byte stream into frames; resynchronises on the preamble after noise. */
export class IdFrameDecoder {
  #buffer = Buffer.alloc(0);

  get pending(): number {
    return this.#buffer.length;
  }

  push(chunk: Uint8Array): IdFrameItem[] {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const out: IdFrameItem[] = [];
    for (;;) {
      const start = this.#buffer.indexOf(PREAMBLE);
      if (start < 0) {
        // keep a tail that may be the start of a preamble
        const keep = Math.min(this.#buffer.length, PREAMBLE.length - 1);
        const tail = this.#buffer.subarray(this.#buffer.length - keep);
        const prefix = PREAMBLE.subarray(0, keep);
        let k = keep;
        while (k > 0 && !tail.subarray(tail.length - k).equals(prefix.subarray(0, k))) k -= 1;
        if (this.#buffer.length - k > 0) out.push({ type: 'error', reason: 'garbage' });
        this.#buffer = this.#buffer.subarray(this.#buffer.length - k);
        return out;
      }
      if (start > 0) {
        out.push({ type: 'error', reason: 'garbage' });
        this.#buffer = this.#buffer.subarray(start);
      }
      if (this.#buffer.length < PREAMBLE.length + 2) return out;
      const length = ((this.#buffer[5] ?? 0) << 8) | (this.#buffer[6] ?? 0);
      if (length < 2 || length > MAX_FRAME_LENGTH) {
        out.push({ type: 'error', reason: 'badLength' });
        this.#buffer = this.#buffer.subarray(1);
        continue;
      }
      const total = PREAMBLE.length + 2 + length;
      if (this.#buffer.length < total) return out;
      const head = this.#buffer.subarray(PREAMBLE.length, total - 1);
      if (xor(head) !== this.#buffer[total - 1]) out.push({ type: 'error', reason: 'badChecksum' });
      else out.push({ type: 'frame', body: Buffer.from(head.subarray(2)) });
      this.#buffer = this.#buffer.subarray(total);
    }
  }

  flushTorn(): IdFrameItem[] {
    if (this.#buffer.length === 0) return [];
    this.#buffer = Buffer.alloc(0);
    return [{ type: 'error', reason: 'torn' }];
  }
}

// ---- the base message ------------------------------------------------------------------

/** Fixed fields of the 256-byte text, in UCS-2 characters. */
const FIELDS = [
  ['name', 15],
  ['sex', 1],
  ['ethnicity', 2],
  ['birthDate', 8],
  ['address', 35],
  ['idNumber', 18],
  ['issuingAuthority', 15],
  ['validFrom', 8],
  ['validTo', 8],
  ['reserved', 18],
] as const;

export type BaseMessageText = Record<(typeof FIELDS)[number][0], string>;

/** GB 3304 codes of the ethnic groups the demo cards use (the full table has 56 groups). */
export const ETHNICITY_CODES: Readonly<Record<string, string>> = {
  '01': '汉',
  '02': '蒙古',
  '03': '回',
  '04': '藏',
  '05': '维吾尔',
  '06': '苗',
  '07': '彝',
  '08': '壮',
  '10': '朝鲜',
  '11': '满',
};

export function encodeBaseMessageText(text: BaseMessageText): Buffer {
  const out = Buffer.alloc(TEXT_BYTES, 0x20);
  for (let i = 0; i < TEXT_BYTES; i += 2) out.writeUInt16LE(0x0020, i);
  let at = 0;
  for (const [field, chars] of FIELDS) {
    const value = text[field].slice(0, chars);
    out.write(value, at, 'utf16le');
    at += chars * 2;
  }
  return out;
}

export function decodeBaseMessageText(bytes: Uint8Array): BaseMessageText {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result = {} as BaseMessageText;
  let at = 0;
  for (const [field, chars] of FIELDS) {
    const raw = text.toString('utf16le', at, at + chars * 2).split('\u0000')[0] ?? '';
    result[field] = raw.replace(/\s+$/u, '');
    at += chars * 2;
  }
  return result;
}

/** Base message data: text length (2) photo length (2) text photo. */
export function encodeBaseMessage(text: BaseMessageText, photo: Uint8Array): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(TEXT_BYTES, 0);
  head.writeUInt16BE(PHOTO_BYTES, 2);
  const picture = Buffer.alloc(PHOTO_BYTES);
  picture.set(photo.subarray(0, PHOTO_BYTES));
  return Buffer.concat([head, encodeBaseMessageText(text), picture]);
}

export function decodeBaseMessage(data: Uint8Array): { text: BaseMessageText; photo: Uint8Array } | null {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (view.length < 4) return null;
  const textLength = view.readUInt16BE(0);
  const photoLength = view.readUInt16BE(2);
  if (
    textLength !== TEXT_BYTES ||
    photoLength !== PHOTO_BYTES ||
    view.length !== 4 + textLength + photoLength
  ) {
    return null;
  }
  return {
    text: decodeBaseMessageText(view.subarray(4, 4 + TEXT_BYTES)),
    photo: Uint8Array.from(view.subarray(4 + TEXT_BYTES)),
  };
}

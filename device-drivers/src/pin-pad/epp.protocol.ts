/**
 * The encrypting PIN pad's serial protocol, SZZT style (the ZT588 / ZT598 family common in Chinese
 * kiosks; docs/pin-pad-epp.md says what is public and what is our choice), shared by the driver and
 * the byte-level emulator.
 *
 * Line: 9600 baud 8N1. A frame (either way) is STX, three ASCII decimal digits giving the length of
 * the text, the text, ETX, then the check: the XOR of the length digits, the text and ETX, written as
 * two upper-case hex digits. A command's text starts with its letter; an answer's with a status
 * byte, E0-EF being errors. A byte outside a frame is a key press: in PIN entry the pad reports a
 * digit by the mask byte `*`, never its value; the clear PIN leaves the pad only in the answer to
 * "get PIN" (ASCII format), which the driver turns into a `SecurePin` at once.
 */
import { ErrorCode } from '@kiosk/domain';

export const EPP_BAUD_RATE = 9_600;
export const STX = 0x02;
export const ETX = 0x03;
/** longest text we accept (three decimal digits; our answers are short): anything longer is noise */
export const MAX_TEXT_LENGTH = 256;

/** Command texts (letters and parameters as the public SZZT driver sends them). */
export const EppCommand = {
  /** control, misc, value '2' (hex 32): the keypad closed, its entry wiped */
  CLOSE_KEYPAD: '5032',
  /** "user information": the pad's self-description (model, versions) */
  DEVICE_INFO: '3',
  /** get PIN value: the entry as the format given at start ('@': ASCII) */
  GET_PIN: '7',
} as const;

/** Start PIN input: key index 00, ASCII format '@', hint 0, the PIN's length in two digits. */
export function startPinInput(length: number): string {
  return `600@0${String(length).padStart(2, '0')}`;
}

/** The key bytes a pad reports outside frames. */
export const EppKey = {
  /** a digit entered in PIN entry, masked */
  MASK: 0x2a,
  ENTER: 0x0d,
  /** 更正: the entry cleared */
  CLEAR: 0x08,
  CANCEL: 0x1b,
  /** the public driver takes 0x80 as a cancel too */
  CANCEL_ALT: 0x80,
} as const;

export type EppKeyKind = 'digit' | 'clear' | 'cancel' | 'enter';

/** What a byte outside a frame is: a key (digits too, from a pad left in plain mode), or noise. */
export function eppKeyOf(byte: number): EppKeyKind | null {
  if (byte === EppKey.MASK || (byte >= 0x30 && byte <= 0x39)) return 'digit';
  if (byte === EppKey.ENTER) return 'enter';
  if (byte === EppKey.CLEAR) return 'clear';
  if (byte === EppKey.CANCEL || byte === EppKey.CANCEL_ALT) return 'cancel';
  return null;
}

/** Answer status bytes: OK is our choice (the public driver reads anything outside E0-EF as done). */
export const EppStatus = {
  OK: 0x30,
  LOW_BATTERY: 0xe0,
  IMK_REQUIRED: 0xe1,
  TMK_REQUIRED: 0xe2,
  KEY_NOT_FOUND: 0xe4,
  BAD_LENGTH: 0xe8,
  /** incorrect data: our pad's answer to a command frame with a bad check byte */
  BAD_DATA: 0xe9,
  BAD_PARAMETER: 0xeb,
  INPUT_TIMED_OUT: 0xee,
  GENERAL_ERROR: 0xef,
} as const;

/** A status that says the command frame arrived spoiled: the command is sent again. */
export function spoiledCommand(status: number): boolean {
  return status === EppStatus.BAD_LENGTH || status === EppStatus.BAD_DATA;
}

export function eppErrorCode(status: number): ErrorCode | null {
  if (status < 0xe0 || status > 0xef) return null;
  if (spoiledCommand(status) || status === EppStatus.BAD_PARAMETER) return ErrorCode.DEVICE_PROTOCOL_ERROR;
  if (status === EppStatus.INPUT_TIMED_OUT) return ErrorCode.DEVICE_TIMEOUT;
  // keys not loaded, battery low, a general error: the pad needs field staff
  return ErrorCode.DEVICE_HARDWARE_ERROR;
}

function xor(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

function hex2(value: number): Buffer {
  return Buffer.from(value.toString(16).toUpperCase().padStart(2, '0'), 'latin1');
}

/** STX LLL TEXT ETX CC. */
export function encodeEppFrame(text: Uint8Array | string): Buffer {
  const body = typeof text === 'string' ? Buffer.from(text, 'latin1') : Buffer.from(text);
  const checked = Buffer.concat([
    Buffer.from(String(body.length).padStart(3, '0'), 'latin1'),
    body,
    Buffer.of(ETX),
  ]);
  const frame = Buffer.concat([Buffer.of(STX), checked, hex2(xor(checked))]);
  body.fill(0);
  checked.fill(0);
  return frame;
}

export function encodeEppAnswer(status: number, data: Uint8Array | string = ''): Buffer {
  const tail = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
  const text = Buffer.concat([Buffer.of(status), tail]);
  tail.fill(0);
  const frame = encodeEppFrame(text);
  text.fill(0);
  return frame;
}

export type EppItem =
  | { readonly type: 'frame'; readonly text: Buffer }
  | { readonly type: 'key'; readonly key: EppKeyKind }
  | { readonly type: 'error'; readonly reason: 'badCheck' | 'badLength' | 'torn' };

const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

/**
 * Splits the pad's bytes into frames and key presses. Bytes of a frame are never taken for keys: a
 * frame cut short is dropped whole (`flushTorn`); one whose length field came corrupted (not three
 * digits in bounds, or its ETX not where the length puts it) is one error, and its rest, up to the
 * next STX or the line's quiet (`flushTorn`), is dropped. Consumed bytes are zeroed (an answer may
 * carry the PIN); the frame's text is handed over and is the receiver's to wipe.
 */
export class EppDecoder {
  #buffer = Buffer.alloc(0);
  /** a frame with a corrupted length was read: where it ends is unknown, its rest is no keys */
  #skipping = false;

  /** Bytes held of an unfinished frame (at least one while a spoiled frame's rest is dropped). */
  get pending(): number {
    return this.#buffer.length + (this.#skipping ? 1 : 0);
  }

  push(chunk: Uint8Array): EppItem[] {
    const joined = Buffer.concat([this.#buffer, chunk]);
    this.#buffer.fill(0);
    this.#buffer = joined;
    const out: EppItem[] = [];
    for (;;) {
      // bytes before a frame: key presses (or noise, ignored); a spoiled frame's rest: dropped
      while (this.#buffer.length > 0 && this.#buffer[0] !== STX) {
        const key = this.#skipping ? null : eppKeyOf(this.#buffer[0] ?? 0);
        if (key) out.push({ type: 'key', key });
        this.#consume(1);
      }
      if (this.#buffer.length > 0) this.#skipping = false; // a frame starts
      if (this.#buffer.length < 4) return out;
      const digits = this.#buffer.subarray(1, 4);
      const length = digits.every((b) => isDigit(b)) ? Number(digits.toString('latin1')) : 0;
      if (length < 1 || length > MAX_TEXT_LENGTH) {
        out.push({ type: 'error', reason: 'badLength' });
        this.#spoiled();
        continue;
      }
      const total = 1 + 3 + length + 1 + 2;
      if (this.#buffer.length < total) return out;
      if (this.#buffer[4 + length] !== ETX) {
        // the length or the ETX came corrupted: where the frame ends is unknown
        out.push({ type: 'error', reason: 'badCheck' });
        this.#spoiled();
        continue;
      }
      const checked = this.#buffer.subarray(1, 4 + length + 1);
      const check = this.#buffer.subarray(total - 2, total).toString('latin1');
      if (!/^[0-9A-F]{2}$/.test(check) || parseInt(check, 16) !== xor(checked)) {
        out.push({ type: 'error', reason: 'badCheck' });
      } else {
        out.push({ type: 'frame', text: Buffer.from(this.#buffer.subarray(4, 4 + length)) });
      }
      this.#consume(total);
    }
  }

  /** The inter-byte wait passed inside a frame: what came of it is dropped, never read as keys. */
  flushTorn(): EppItem[] {
    this.#skipping = false; // a spoiled frame's rest ends with the quiet (its error told already)
    if (this.#buffer.length === 0) return [];
    this.#buffer.fill(0);
    this.#buffer = Buffer.alloc(0);
    return [{ type: 'error', reason: 'torn' }];
  }

  /** Its STX dropped, the rest of a frame of unknown length dropped up to the next STX or the quiet. */
  #spoiled(): void {
    this.#consume(1);
    this.#skipping = true;
  }

  #consume(count: number): void {
    const rest = Buffer.from(this.#buffer.subarray(count));
    this.#buffer.fill(0);
    this.#buffer = rest;
  }
}

/**
 * The digits of a "get PIN" answer's data (after the status): track (2), length (2), then the PIN's
 * ASCII digits in hex. Null when it is not that shape or not `length` digits; the caller wipes `data`.
 */
export function decodePinDigits(data: Uint8Array, length: number): number[] | null {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (text.length !== 4 + length * 2 || !text.subarray(0, 4).every((b) => isDigit(b))) return null;
  if (Number(text.subarray(2, 4).toString('latin1')) !== length) return null;
  const digits: number[] = [];
  for (let i = 4; i < text.length; i += 2) {
    const hi = text[i] ?? 0;
    const lo = text[i + 1] ?? 0;
    // each ASCII digit is "3" then the digit: 0x30..0x39 written as hex
    if (hi !== 0x33 || !isDigit(lo)) {
      digits.fill(0);
      return null;
    }
    digits.push(lo - 0x30);
  }
  return digits;
}

/** The "get PIN" answer's data for these digits (the emulator's side). */
export function encodePinDigits(digits: readonly number[]): Buffer {
  const out = Buffer.alloc(4 + digits.length * 2);
  out.write(`00${String(digits.length).padStart(2, '0')}`, 0, 'latin1');
  digits.forEach((d, i) => {
    out[4 + i * 2] = 0x33;
    out[5 + i * 2] = 0x30 + d;
  });
  return out;
}

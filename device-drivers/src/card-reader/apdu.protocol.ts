/**
 * ISO/IEC 7816-4 without a transport: command and response APDUs (short length only), the status
 * words this kiosk's cards answer with, BER-TLV and BCD. Shared by the drivers (PC/SC, in-process)
 * and by the virtual card, so the two sides cannot drift apart.
 */

/** A command APDU. `le` is the expected response length (0 means "up to 256"). */
export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data?: Uint8Array;
  readonly le?: number;
}

export interface ResponseApdu {
  readonly data: Buffer;
  readonly sw: number;
}

/** ISO 7816-4 status words (SW1 SW2) used by the social-security card. */
export const SW = {
  OK: 0x9000,
  /** 62 83: selected file deactivated */
  FILE_DEACTIVATED: 0x6283,
  /** 65 81: memory failure (EEPROM write failed) */
  MEMORY_FAILURE: 0x6581,
  WRONG_LENGTH: 0x6700,
  /** 69 81: command incompatible with file structure */
  INCOMPATIBLE_FILE_STRUCTURE: 0x6981,
  SECURITY_NOT_SATISFIED: 0x6982,
  /** 69 83: authentication method blocked (PIN tries exhausted) */
  AUTH_METHOD_BLOCKED: 0x6983,
  /** 69 84: reference data not usable */
  REFERENCE_DATA_NOT_USABLE: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  /** 69 86: command not allowed (no current EF) */
  NO_CURRENT_EF: 0x6986,
  WRONG_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  RECORD_NOT_FOUND: 0x6a83,
  NOT_ENOUGH_MEMORY: 0x6a84,
  INCORRECT_P1_P2: 0x6a86,
  REFERENCE_DATA_NOT_FOUND: 0x6a88,
  WRONG_P1_P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const;

/** 63 Cx: verification failed, x tries left. */
export function swVerifyFailed(triesLeft: number): number {
  return 0x63c0 | (triesLeft & 0x0f);
}

/** The tries left carried by a 63 Cx status word, or undefined for any other word. */
export function triesLeftOf(sw: number): number | undefined {
  return (sw & 0xfff0) === 0x63c0 ? sw & 0x0f : undefined;
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

export const INS = {
  VERIFY: 0x20,
  CHANGE_REFERENCE_DATA: 0x24,
  RESET_RETRY_COUNTER: 0x2c,
  EXTERNAL_AUTHENTICATE: 0x82,
  GET_CHALLENGE: 0x84,
  INTERNAL_AUTHENTICATE: 0x88,
  SELECT: 0xa4,
  READ_BINARY: 0xb0,
  READ_RECORD: 0xb2,
  GET_RESPONSE: 0xc0,
  UPDATE_BINARY: 0xd6,
  UPDATE_RECORD: 0xdc,
  APPEND_RECORD: 0xe2,
} as const;

export class ApduFormatError extends Error {
  override readonly name = 'ApduFormatError';
}

/** Encodes a short command APDU (cases 1 to 4). */
export function encodeCommand(apdu: CommandApdu): Buffer {
  const data = apdu.data ?? new Uint8Array(0);
  if (data.length > 255) throw new ApduFormatError('Short APDUs carry at most 255 data bytes.');
  const parts: number[] = [apdu.cla & 0xff, apdu.ins & 0xff, apdu.p1 & 0xff, apdu.p2 & 0xff];
  if (data.length > 0) parts.push(data.length, ...data);
  if (apdu.le !== undefined) {
    if (apdu.le < 0 || apdu.le > 256) throw new ApduFormatError('Le is 0..256.');
    parts.push(apdu.le & 0xff);
  }
  return Buffer.from(parts);
}

/**
 * Whether an encoded short command carries an Le (case 2 or 4), its last byte: the only byte a
 * 6C xx answer may correct. A case 1 command ends in P2 (a PIN's reference for VERIFY), a case 3
 * in its data (a PIN block's last digits).
 */
export function carriesLe(command: Uint8Array): boolean {
  return command.length === 5 || (command.length > 5 && command.length === 6 + (command[4] ?? 0));
}

/** Decodes a short command APDU; throws ApduFormatError when the lengths do not add up. */
export function decodeCommand(bytes: Uint8Array): CommandApdu {
  if (bytes.length < 4) throw new ApduFormatError('A command APDU has at least 4 bytes.');
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = bytes;
  const header = { cla, ins, p1, p2 };
  if (bytes.length === 4) return header;
  const lc = bytes[4] ?? 0;
  if (bytes.length === 5) return { ...header, le: lc === 0 ? 256 : lc };
  if (lc === 0) throw new ApduFormatError('Extended-length APDUs are not supported.');
  if (bytes.length === 5 + lc) return { ...header, data: bytes.slice(5, 5 + lc) };
  if (bytes.length === 6 + lc) {
    const le = bytes[5 + lc] ?? 0;
    return { ...header, data: bytes.slice(5, 5 + lc), le: le === 0 ? 256 : le };
  }
  throw new ApduFormatError('Lc does not match the command length.');
}

export function encodeResponse(data: Uint8Array, sw: number): Buffer {
  return Buffer.concat([Buffer.from(data), Buffer.from([(sw >> 8) & 0xff, sw & 0xff])]);
}

export function decodeResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw new ApduFormatError('A response APDU ends with two status bytes.');
  const n = bytes.length;
  return {
    data: Buffer.from(bytes.subarray(0, n - 2)),
    sw: ((bytes[n - 2] ?? 0) << 8) | (bytes[n - 1] ?? 0),
  };
}

// ---------------------------------------------------------------- BER-TLV (one-byte tags too)

export interface Tlv {
  readonly tag: number;
  readonly value: Buffer;
}

/** Parses a sequence of BER-TLV objects (tags up to 2 bytes, lengths up to 0x82 form). */
export function parseTlv(bytes: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let i = 0;
  while (i < bytes.length) {
    let tag = bytes[i++] ?? 0;
    if (tag === 0x00 || tag === 0xff) continue; // padding between objects
    if ((tag & 0x1f) === 0x1f) {
      if (i >= bytes.length) throw new ApduFormatError('TLV tag cut short.');
      tag = (tag << 8) | (bytes[i++] ?? 0);
    }
    if (i >= bytes.length) throw new ApduFormatError('TLV length missing.');
    let len = bytes[i++] ?? 0;
    if (len === 0x81) len = bytes[i++] ?? 0;
    else if (len === 0x82) {
      len = ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
      i += 2;
    } else if (len > 0x7f) throw new ApduFormatError('TLV length form not supported.');
    if (i + len > bytes.length) throw new ApduFormatError('TLV value runs past the end.');
    out.push({ tag, value: Buffer.from(bytes.subarray(i, i + len)) });
    i += len;
  }
  return out;
}

export function encodeTlv(tag: number, value: Uint8Array): Buffer {
  const tagBytes = tag > 0xff ? [(tag >> 8) & 0xff, tag & 0xff] : [tag];
  const len = value.length;
  const lenBytes = len < 0x80 ? [len] : len <= 0xff ? [0x81, len] : [0x82, (len >> 8) & 0xff, len & 0xff];
  return Buffer.concat([Buffer.from([...tagBytes, ...lenBytes]), Buffer.from(value)]);
}

// ---------------------------------------------------------------- BCD

/** '20200601' → 20 20 06 01. Throws on a non-digit or an odd length. */
export function encodeBcd(digits: string): Buffer {
  if (!/^(\d\d)*$/.test(digits)) throw new ApduFormatError('BCD needs an even number of digits.');
  const out = Buffer.alloc(digits.length / 2);
  for (let i = 0; i < out.length; i += 1) {
    out[i] = (Number(digits[2 * i]) << 4) | Number(digits[2 * i + 1]);
  }
  return out;
}

/** 20 20 06 01 → '20200601'; throws when a nibble is not a decimal digit. */
export function decodeBcd(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    const hi = b >> 4;
    const lo = b & 0x0f;
    if (hi > 9 || lo > 9) throw new ApduFormatError('Not a BCD digit.');
    s += `${hi}${lo}`;
  }
  return s;
}

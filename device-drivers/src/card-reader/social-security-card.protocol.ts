/**
 * The social-security card application as both sides see it: its DF name, its files and their
 * byte layout, the command builders the kiosk sends, and the issuer-key cryptography.
 *
 * ## Files (under the DF selected by name `sx1.sh.社会保障`)
 * | file | SFI  | structure                 | read            | write                      |
 * |------|------|---------------------------|-----------------|----------------------------|
 * | EF05 | 0x05 | linear records 1..7       | always          | UPDATE RECORD, issuer auth |
 * | EF06 | 0x06 | linear records 8..13      | always          | UPDATE RECORD, issuer auth |
 * | EF18 | 0x18 | cyclic, 60 records of 18 B| PIN verified    | APPEND RECORD, PIN verified|
 * | EF19 | 0x19 | binary, 2 bytes           | always          | UPDATE BINARY 00, PIN verified |
 *
 * Each record of EF05/EF06 is one TLV whose tag equals its record number (as on the national
 * card): `tag len value`.
 *
 * EF05, card identification:
 *   01 cardIdentifier       16 bytes binary (chip serial, written at manufacture; shown as hex)
 *   02 cardType             1 ASCII char ('1' = social-security card)
 *   03 version              4 ASCII chars (e.g. '3.00')
 *   04 issuingOrganisation  6..16 ASCII digits, the first 6 are the issuing region code
 *   05 issueDate            4 bytes BCD YYYYMMDD
 *   06 expiryDate           4 bytes BCD YYYYMMDD
 *   07 cardNumber           9..16 ASCII chars
 * EF06, holder:
 *   08 idNumber             18 ASCII chars (GB 11643)
 *   09 name                 1..30 bytes, UTF-8 on the virtual card (GB 18030 accepted on read)
 *   0A sex                  1 ASCII char, '1' male, '2' female (GB/T 2261.1)
 *   0B ethnicity            1 byte BCD, GB 3304 code ('01' = Han)
 *   0C birthPlace           3 bytes BCD region code
 *   0D birthDate            4 bytes BCD YYYYMMDD
 * EF18, transaction log record (18 bytes): 7 bytes BCD YYYYMMDDhhmmss, 1 ASCII kind,
 *   4 bytes amount in fen (unsigned big-endian), 6 ASCII chars terminal id.
 * EF19, log status: byte 0 = records not yet printed, byte 1 = limit (60). At the limit the card
 *   refuses APPEND RECORD with 69 85 until the records are printed (UPDATE BINARY 00).
 *
 * PINs travel as BCD, padded with F to whole bytes. CHANGE REFERENCE DATA P1=00 carries
 * old || FF || new; P1=01 and RESET RETRY COUNTER P1=02 carry the new PIN only and need issuer
 * authentication.
 *
 * Issuer authentication: card key = AES-128-ECB(issuer key, cardIdentifier). GET CHALLENGE gives
 * 8 random bytes; EXTERNAL AUTHENTICATE sends AES-128-ECB(card key, challenge || 00×8);
 * INTERNAL AUTHENTICATE lets the terminal check the card the same way (mutual authentication).
 */
import { createCipheriv } from 'node:crypto';
import { type CommandApdu, encodeBcd, INS, SW, triesLeftOf } from './apdu.protocol.js';

/** `sx1.sh.社会保障` in GBK, as the national card stores its DF name. */
export const SOCIAL_SECURITY_DF_NAME = Buffer.from('7378312e73682ec9e7bbe1b1a3d5cf', 'hex');
export const SOCIAL_SECURITY_DF_ID = 0x1001;

export const CARD_FILES = {
  EF05: { fid: 0x0005, sfi: 0x05, firstRecord: 1, lastRecord: 7 },
  EF06: { fid: 0x0006, sfi: 0x06, firstRecord: 8, lastRecord: 13 },
  EF18: { fid: 0x0018, sfi: 0x18 },
  EF19: { fid: 0x0019, sfi: 0x19 },
} as const;

export const RECORD_TAG = {
  cardIdentifier: 0x01,
  cardType: 0x02,
  version: 0x03,
  issuingOrganisation: 0x04,
  issueDate: 0x05,
  expiryDate: 0x06,
  cardNumber: 0x07,
  idNumber: 0x08,
  name: 0x09,
  sex: 0x0a,
  ethnicity: 0x0b,
  birthPlace: 0x0c,
  birthDate: 0x0d,
} as const;

export const PIN_TRIES = 3;
export const LOG_CAPACITY = 60;
export const UNPRINTED_LIMIT = 60;
export const LOG_RECORD_LENGTH = 18;

/** ATR of the virtual card: direct convention, T=1, historical bytes "SSCARD-JZ3", TCK. */
export const SOCIAL_SECURITY_ATR = withTck(
  Buffer.concat([Buffer.from([0x3b, 0x8a, 0x80, 0x01]), Buffer.from('SSCARD-JZ3', 'ascii')]),
);

/**
 * ATR of the virtual card's other chip ("SSCARD-JZ2"), as met in the field: it takes VERIFY without
 * a PIN (`pinTriesQuery`) for a wrong PIN, spending a try, against ISO 7816-4.
 */
export const TRIES_QUERY_SPENDING_ATR = withTck(
  Buffer.concat([Buffer.from([0x3b, 0x8a, 0x80, 0x01]), Buffer.from('SSCARD-JZ2', 'ascii')]),
);

function withTck(atr: Buffer): Buffer {
  let tck = 0;
  for (const b of atr.subarray(1)) tck ^= b;
  return Buffer.concat([atr, Buffer.from([tck])]);
}

// ---------------------------------------------------------------- commands the kiosk sends

export const selectApplication = (): CommandApdu => ({
  cla: 0x00,
  ins: INS.SELECT,
  p1: 0x04,
  p2: 0x00,
  data: SOCIAL_SECURITY_DF_NAME,
  le: 256,
});

export const selectFile = (fid: number): CommandApdu => ({
  cla: 0x00,
  ins: INS.SELECT,
  p1: 0x02,
  p2: 0x0c,
  data: Buffer.from([(fid >> 8) & 0xff, fid & 0xff]),
});

/** READ RECORD of all records from `firstRecord` to the last one of the file with this SFI. */
export const readRecordsFrom = (sfi: number, firstRecord: number): CommandApdu => ({
  cla: 0x00,
  ins: INS.READ_RECORD,
  p1: firstRecord,
  p2: (sfi << 3) | 0x05,
  le: 256,
});

export const readRecord = (sfi: number, record: number): CommandApdu => ({
  cla: 0x00,
  ins: INS.READ_RECORD,
  p1: record,
  p2: (sfi << 3) | 0x04,
  le: 256,
});

export const readBinary = (sfi: number, offset = 0, le = 256): CommandApdu => ({
  cla: 0x00,
  ins: INS.READ_BINARY,
  p1: 0x80 | sfi,
  p2: offset,
  le,
});

export const updateRecord = (sfi: number, record: number, tlvRecord: Uint8Array): CommandApdu => ({
  cla: 0x00,
  ins: INS.UPDATE_RECORD,
  p1: record,
  p2: (sfi << 3) | 0x04,
  data: tlvRecord,
});

export const appendRecord = (sfi: number, record: Uint8Array): CommandApdu => ({
  cla: 0x00,
  ins: INS.APPEND_RECORD,
  p1: 0x00,
  p2: sfi << 3,
  data: record,
});

export const markRecordsPrinted = (): CommandApdu => ({
  cla: 0x00,
  ins: INS.UPDATE_BINARY,
  p1: 0x80 | CARD_FILES.EF19.sfi,
  p2: 0x00,
  data: Buffer.from([0x00]),
});

/** PIN digits (0..9 values) as BCD padded with F. */
export function pinBlock(digits: Readonly<Uint8Array>): Buffer {
  const out = Buffer.alloc(Math.ceil(digits.length / 2), 0xff);
  digits.forEach((d, i) => {
    const byte = out[i >> 1] ?? 0xff;
    out[i >> 1] = i % 2 === 0 ? (d << 4) | (byte & 0x0f) : (byte & 0xf0) | d;
  });
  return out;
}

/** The digits of a PIN block, or undefined when it is not BCD with F padding. */
export function pinDigitsOf(block: Uint8Array): number[] | undefined {
  const digits: number[] = [];
  for (let i = 0; i < block.length * 2; i += 1) {
    const b = block[i >> 1] ?? 0xff;
    const nibble = i % 2 === 0 ? b >> 4 : b & 0x0f;
    if (nibble === 0x0f) {
      if (i !== block.length * 2 - 1) return undefined;
    } else if (nibble > 9) return undefined;
    else digits.push(nibble);
  }
  return digits;
}

export const verifyPinCommand = (block: Uint8Array): CommandApdu => ({
  cla: 0x00,
  ins: INS.VERIFY,
  p1: 0x00,
  p2: 0x00,
  data: block,
});

/** VERIFY without data: asks for the tries left (63 Cx) without spending one (ISO 7816-4). */
export const pinTriesQuery = (): CommandApdu => ({ cla: 0x00, ins: INS.VERIFY, p1: 0x00, p2: 0x00 });

/**
 * The tries left in the card's answer to `pinTriesQuery`: x of 63 Cx, 0 for 69 83 (blocked);
 * undefined for any other word: 90 00 (the PIN verified already in this power-up, no count
 * given), or a card that does not answer the query (67 00, 6A 86...), which is no fault.
 */
export function pinTriesLeftOf(sw: number): number | undefined {
  if (sw === SW.AUTH_METHOD_BLOCKED) return 0;
  return triesLeftOf(sw);
}

export const changePinCommand = (oldBlock: Uint8Array, newBlock: Uint8Array): CommandApdu => ({
  cla: 0x00,
  ins: INS.CHANGE_REFERENCE_DATA,
  p1: 0x00,
  p2: 0x00,
  data: Buffer.concat([oldBlock, Buffer.from([0xff]), newBlock]),
});

export const setPinCommand = (newBlock: Uint8Array): CommandApdu => ({
  cla: 0x00,
  ins: INS.CHANGE_REFERENCE_DATA,
  p1: 0x01,
  p2: 0x00,
  data: newBlock,
});

/** RESET RETRY COUNTER: with a new PIN (P1=02) or the counter only (P1=03). */
export const resetRetryCounter = (newBlock?: Uint8Array): CommandApdu =>
  newBlock
    ? { cla: 0x00, ins: INS.RESET_RETRY_COUNTER, p1: 0x02, p2: 0x00, data: newBlock }
    : { cla: 0x00, ins: INS.RESET_RETRY_COUNTER, p1: 0x03, p2: 0x00 };

export const getChallenge = (): CommandApdu => ({
  cla: 0x00,
  ins: INS.GET_CHALLENGE,
  p1: 0x00,
  p2: 0x00,
  le: 8,
});

export const externalAuthenticate = (cryptogram: Uint8Array): CommandApdu => ({
  cla: 0x00,
  ins: INS.EXTERNAL_AUTHENTICATE,
  p1: 0x00,
  p2: 0x01,
  data: cryptogram,
});

export const internalAuthenticate = (challenge: Uint8Array): CommandApdu => ({
  cla: 0x00,
  ins: INS.INTERNAL_AUTHENTICATE,
  p1: 0x00,
  p2: 0x01,
  data: challenge,
  le: 16,
});

// ---------------------------------------------------------------- issuer cryptography

function aesBlock(key: Uint8Array, block: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-128-ecb', key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

/** The card's own key, diversified from the issuer key by its 16-byte card identifier. */
export function deriveCardKey(issuerKey: Uint8Array, cardIdentifier: Uint8Array): Buffer {
  if (issuerKey.length !== 16 || cardIdentifier.length !== 16) {
    throw new RangeError('Issuer key and card identifier are 16 bytes each.');
  }
  return aesBlock(issuerKey, cardIdentifier);
}

/** The cryptogram proving knowledge of the card key over an 8-byte challenge. */
export function authenticationCryptogram(cardKey: Uint8Array, challenge: Uint8Array): Buffer {
  if (challenge.length !== 8) throw new RangeError('A challenge is 8 bytes.');
  return aesBlock(cardKey, Buffer.concat([challenge, Buffer.alloc(8)]));
}

// ---------------------------------------------------------------- dates

/** 'YYYY-MM-DD' → 4 bytes BCD. */
export const dateToBcd = (isoDate: string): Buffer => encodeBcd(isoDate.replaceAll('-', ''));

/** 8 digits YYYYMMDD → 'YYYY-MM-DD', or undefined when that day does not exist. */
export function isoDateOf(yyyymmdd: string): string | undefined {
  if (!/^\d{8}$/.test(yyyymmdd)) return undefined;
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1) return undefined;
  if (date.getUTCDate() !== Number(d)) return undefined;
  return `${y}-${m}-${d}`;
}

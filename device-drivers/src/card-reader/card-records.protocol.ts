/**
 * EF05 / EF06 / EF18 records to and from bytes, per the layout documented in
 * `social-security-card.protocol.ts`. Parsing checks every field and fails with
 * CARD_DATA_CORRUPT (never with a crash) when the chip holds something malformed.
 */
import { ErrorCode, formatKioskTime, isValidResidentId, KioskError } from '@kiosk/domain';
import { ApduFormatError, decodeBcd, encodeBcd, encodeTlv, parseTlv, type Tlv } from './apdu.protocol.js';
import type { CardTransaction, SocialSecurityCardData } from './card-reader.port.js';
import { dateToBcd, isoDateOf, LOG_RECORD_LENGTH, RECORD_TAG } from './social-security-card.protocol.js';

export type CardRecordFields = Omit<SocialSecurityCardData, 'recordsUnprinted' | 'pinTriesLeft'>;

/** Record number → TLV record bytes for EF05 (1..7) and EF06 (8..13). */
export function encodeCardRecords(data: CardRecordFields): Map<number, Buffer> {
  const ascii = (s: string) => Buffer.from(s, 'ascii');
  const values: [number, Buffer][] = [
    [RECORD_TAG.cardIdentifier, Buffer.from(data.cardIdentifier, 'hex')],
    [RECORD_TAG.cardType, ascii(data.cardType)],
    [RECORD_TAG.version, ascii(data.version)],
    [RECORD_TAG.issuingOrganisation, ascii(data.issuingOrganisation)],
    [RECORD_TAG.issueDate, dateToBcd(data.issueDate)],
    [RECORD_TAG.expiryDate, dateToBcd(data.expiryDate)],
    [RECORD_TAG.cardNumber, ascii(data.cardNumber)],
    [RECORD_TAG.idNumber, ascii(data.idNumber)],
    [RECORD_TAG.name, Buffer.from(data.name, 'utf8')],
    [RECORD_TAG.sex, ascii(data.sex === 'male' ? '1' : '2')],
    [RECORD_TAG.ethnicity, encodeBcd(data.ethnicity)],
    [RECORD_TAG.birthPlace, encodeBcd(data.birthPlace)],
    [RECORD_TAG.birthDate, dateToBcd(data.birthDate)],
  ];
  return new Map(values.map(([tag, value]) => [tag, encodeTlv(tag, value)]));
}

const corrupt = (field: string) =>
  new KioskError(
    ErrorCode.CARD_DATA_CORRUPT,
    'The card chip holds unreadable data; the card must be replaced at a counter.',
    { field },
  );

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

function text(value: Buffer, field: string, pattern: RegExp): string {
  const s = value.toString('latin1');
  if (!pattern.test(s)) throw corrupt(field);
  return s;
}

function bcdDate(value: Buffer, field: string): string {
  try {
    if (value.length !== 4) throw corrupt(field);
    const iso = isoDateOf(decodeBcd(value));
    if (!iso) throw corrupt(field);
    return iso;
  } catch (e) {
    if (e instanceof ApduFormatError) throw corrupt(field);
    throw e;
  }
}

function bcd(value: Buffer, field: string, bytes: number): string {
  if (value.length !== bytes) throw corrupt(field);
  try {
    return decodeBcd(value);
  } catch {
    throw corrupt(field);
  }
}

/** The most bytes of the name record (EF06 tag 09) the chip is read back with (`personName`). */
export const CHIP_NAME_MAX_BYTES = 30;

/**
 * The holder field this kiosk cannot write so that the chip reads back (`parseCardRecords`): a name
 * of more than 30 bytes of UTF-8 (more than ten Chinese characters, where the card face takes
 * twenty), an ID number that is not a valid one, a birth date other than the one it carries; or
 * undefined. Asked before a blank is fed, so card data the chip cannot hold spoils no card.
 */
export function holderFieldChipCannotHold(holder: {
  readonly name: string;
  readonly idNumber: string;
  readonly birthDate: string;
}): 'name' | 'idNumber' | 'birthDate' | undefined {
  const bytes = Buffer.byteLength(holder.name, 'utf8');
  if (bytes === 0 || bytes > CHIP_NAME_MAX_BYTES) return 'name';
  if (!/^\d{17}[\dX]$/.test(holder.idNumber) || !isValidResidentId(holder.idNumber)) return 'idNumber';
  if (holder.birthDate.replaceAll('-', '') !== holder.idNumber.slice(6, 14)) return 'birthDate';
  return undefined;
}

function personName(value: Buffer): string {
  if (value.length === 0 || value.length > CHIP_NAME_MAX_BYTES) throw corrupt('name');
  let name: string;
  try {
    name = utf8.decode(value);
  } catch {
    try {
      name = gb18030.decode(value);
    } catch {
      throw corrupt('name');
    }
  }
  name = name.replace(/[\s\p{Cc}]+$/u, ''); // trailing blanks or NUL padding
  if (name.length === 0 || /\p{Cc}/u.test(name)) throw corrupt('name');
  return name;
}

function tlvs(bytes: Uint8Array, file: string): Map<number, Buffer> {
  let list: Tlv[];
  try {
    list = parseTlv(bytes);
  } catch {
    throw corrupt(file);
  }
  return new Map(list.map((t) => [t.tag, t.value]));
}

/** Parses the bytes of EF05 and EF06 (all records of each, concatenated). */
export function parseCardRecords(ef05: Uint8Array, ef06: Uint8Array): CardRecordFields {
  const card = tlvs(ef05, 'EF05');
  const holder = tlvs(ef06, 'EF06');
  const need = (map: Map<number, Buffer>, tag: number, field: string): Buffer => {
    const value = map.get(tag);
    if (!value) throw corrupt(field);
    return value;
  };
  const identifier = need(card, RECORD_TAG.cardIdentifier, 'cardIdentifier');
  if (identifier.length !== 16) throw corrupt('cardIdentifier');
  const idNumber = text(need(holder, RECORD_TAG.idNumber, 'idNumber'), 'idNumber', /^\d{17}[\dX]$/);
  if (!isValidResidentId(idNumber)) throw corrupt('idNumber');
  const sexCode = text(need(holder, RECORD_TAG.sex, 'sex'), 'sex', /^[12]$/);
  const birthDate = bcdDate(need(holder, RECORD_TAG.birthDate, 'birthDate'), 'birthDate');
  if (birthDate.replaceAll('-', '') !== idNumber.slice(6, 14)) throw corrupt('birthDate');
  return {
    cardIdentifier: identifier.toString('hex').toUpperCase(),
    cardType: text(need(card, RECORD_TAG.cardType, 'cardType'), 'cardType', /^[0-9A-Z]$/),
    version: text(need(card, RECORD_TAG.version, 'version'), 'version', /^[0-9A-Z.]{1,4}$/),
    issuingOrganisation: text(
      need(card, RECORD_TAG.issuingOrganisation, 'issuingOrganisation'),
      'issuingOrganisation',
      /^\d{6}[0-9A-Z]{0,10}$/,
    ),
    issueDate: bcdDate(need(card, RECORD_TAG.issueDate, 'issueDate'), 'issueDate'),
    expiryDate: bcdDate(need(card, RECORD_TAG.expiryDate, 'expiryDate'), 'expiryDate'),
    cardNumber: text(need(card, RECORD_TAG.cardNumber, 'cardNumber'), 'cardNumber', /^[0-9A-Z]{9,16}$/),
    idNumber,
    name: personName(need(holder, RECORD_TAG.name, 'name')),
    sex: sexCode === '1' ? 'male' : 'female',
    ethnicity: bcd(need(holder, RECORD_TAG.ethnicity, 'ethnicity'), 'ethnicity', 1),
    birthPlace: bcd(need(holder, RECORD_TAG.birthPlace, 'birthPlace'), 'birthPlace', 3),
    birthDate,
  };
}

// ---------------------------------------------------------------- EF18 transaction log

/**
 * The 14 digits YYYYMMDDhhmmss a log record stamps `at` with: the wall clock of `timeZone` (the
 * kiosk's, `formatKioskTime`), UTC when absent.
 */
export function logStampOf(at: Date, timeZone = 'UTC'): string {
  return `${formatKioskTime(at, timeZone).replace(/\D/g, '')}${String(at.getUTCSeconds()).padStart(2, '0')}`;
}

/**
 * Whether `read` (a record read back from the chip, `parseLogRecord`) is the record `written`: the
 * same kind, amount, terminal and stamp to the second. A record holds no transaction serial (its 18
 * bytes are the card's layout), so these four are its identity.
 */
export function sameLogRecord(read: CardTransaction, written: CardTransaction): boolean {
  return (
    read.kind === written.kind &&
    read.amountFen === written.amountFen &&
    read.terminalId === written.terminalId &&
    logStampOf(read.at) === logStampOf(written.at, written.timeZone)
  );
}

export function encodeLogRecord(entry: CardTransaction): Buffer {
  if (!/^[A-Z]$/.test(entry.kind)) throw new RangeError('A log kind is one capital letter.');
  if (!Number.isInteger(entry.amountFen) || entry.amountFen < 0 || entry.amountFen > 0xffffffff) {
    throw new RangeError('A logged amount is a whole number of fen.');
  }
  if (!/^[ -~]{1,6}$/.test(entry.terminalId)) throw new RangeError('A terminal id is 1..6 ASCII chars.');
  const stamp = logStampOf(entry.at, entry.timeZone);
  const amount = Buffer.alloc(4);
  amount.writeUInt32BE(entry.amountFen);
  return Buffer.concat([
    encodeBcd(stamp),
    Buffer.from(entry.kind, 'ascii'),
    amount,
    Buffer.from(entry.terminalId.padEnd(6, ' '), 'ascii'),
  ]);
}

export function parseLogRecord(bytes: Uint8Array): CardTransaction {
  const b = Buffer.from(bytes);
  if (b.length !== LOG_RECORD_LENGTH) throw corrupt('log');
  let stamp: string;
  try {
    stamp = decodeBcd(b.subarray(0, 7));
  } catch {
    throw corrupt('log');
  }
  const at = new Date(
    `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(8, 10)}:${stamp.slice(10, 12)}:${stamp.slice(12, 14)}Z`,
  );
  if (Number.isNaN(at.getTime())) throw corrupt('log');
  return {
    at,
    kind: b.toString('latin1', 7, 8),
    amountFen: b.readUInt32BE(8),
    terminalId: b.toString('latin1', 12, 18).trimEnd(),
  };
}

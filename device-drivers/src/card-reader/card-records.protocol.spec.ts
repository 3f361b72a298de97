import { DEMO_RESIDENTS, KioskError } from '@kiosk/domain';
import { encodeTlv } from './apdu.protocol.js';
import {
  encodeCardRecords,
  encodeLogRecord,
  parseCardRecords,
  parseLogRecord,
  sameLogRecord,
  type CardRecordFields,
} from './card-records.protocol.js';
import { demoCardSpec } from './virtual-card/demo-cards.js';

const fields: CardRecordFields = demoCardSpec(DEMO_RESIDENTS[0]!, new Date('2026-11-26')).fields;

function files(records: Map<number, Buffer>): [Buffer, Buffer] {
  const pick = (from: number, to: number) =>
    Buffer.concat([...records].filter(([n]) => n >= from && n <= to).map(([, b]) => b));
  return [pick(1, 7), pick(8, 13)];
}

function corruptField(record: number, value: Buffer): string | undefined {
  const records = encodeCardRecords(fields);
  records.set(record, encodeTlv(record, value));
  try {
    parseCardRecords(...files(records));
    return undefined;
  } catch (e) {
    expect(KioskError.is(e, 'CARD_DATA_CORRUPT')).toBe(true);
    return (e as KioskError).details.field as string;
  }
}

describe('EF05 / EF06 layout', () => {
  it('round-trips every field of the card and the holder', () => {
    expect(parseCardRecords(...files(encodeCardRecords(fields)))).toEqual(fields);
    expect(fields.name).toBe('张三明');
  });

  it('reads a name written in GB 18030 as a national card stores it', () => {
    const gbName = Buffer.from('d5c5c8fdc3f7', 'hex'); // 张三明
    const records = encodeCardRecords(fields);
    records.set(9, encodeTlv(9, gbName));
    expect(parseCardRecords(...files(records)).name).toBe('张三明');
  });

  it.each([
    [8, Buffer.from('41080219800315131X', 'ascii'), 'idNumber'],
    [0x0a, Buffer.from('3', 'ascii'), 'sex'],
    [0x0d, Buffer.from('19801315', 'hex'), 'birthDate'],
    [0x0d, Buffer.from('19800316', 'hex'), 'birthDate'],
    [0x0b, Buffer.from([0x0a]), 'ethnicity'],
    [9, Buffer.from([0xff, 0xfe, 0x01]), 'name'],
    [6, Buffer.from('2030', 'hex'), 'expiryDate'],
  ])('calls record %i corrupt when it holds %s', (record, value, field) => {
    expect(corruptField(record, value)).toBe(field);
  });

  it('calls a file corrupt when its TLV runs past the end or a record is missing', () => {
    const [ef05, ef06] = files(encodeCardRecords(fields));
    expect(() => parseCardRecords(ef05, ef06.subarray(0, ef06.length - 2))).toThrow(KioskError);
    expect(() => parseCardRecords(ef05.subarray(18), ef06)).toThrow(KioskError);
  });

  it('round-trips a transaction log record', () => {
    const entry = {
      kind: 'W',
      amountFen: 50_000,
      terminalId: 'JZ0001',
      at: new Date('2026-11-26T10:20:30Z'),
    };
    const bytes = encodeLogRecord(entry);
    expect(bytes.length).toBe(18);
    expect(parseLogRecord(bytes)).toEqual(entry);
    expect(() => encodeLogRecord({ ...entry, amountFen: -1 })).toThrow(RangeError);
    expect(() => parseLogRecord(bytes.subarray(1))).toThrow(KioskError);
  });

  it('stamps a withdrawal at 23:30 UTC on the kiosk’s next day, in its wall clock', () => {
    // 2026-11-30 23:30:05 UTC is 2026-12-01 07:30:05 in China: the resident's day, not UTC's
    const entry = {
      kind: 'W',
      amountFen: 20_000,
      terminalId: 'JZ0001',
      at: new Date('2026-11-30T23:30:05Z'),
    };
    const bytes = encodeLogRecord({ ...entry, timeZone: 'Asia/Shanghai' });
    expect(bytes.subarray(0, 7).toString('hex')).toBe('20261201073005');
    const read = parseLogRecord(bytes);
    expect(sameLogRecord(read, { ...entry, timeZone: 'Asia/Shanghai' })).toBe(true);
    expect(sameLogRecord(read, entry)).toBe(false);
    expect(sameLogRecord(read, { ...entry, amountFen: 10_000, timeZone: 'Asia/Shanghai' })).toBe(false);
  });
});

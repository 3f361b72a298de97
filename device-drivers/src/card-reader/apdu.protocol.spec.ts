import {
  ApduFormatError,
  decodeBcd,
  decodeCommand,
  decodeResponse,
  encodeBcd,
  encodeCommand,
  encodeResponse,
  encodeTlv,
  parseTlv,
  swVerifyFailed,
  triesLeftOf,
} from './apdu.protocol.js';
import { pinBlock, pinDigitsOf, SOCIAL_SECURITY_DF_NAME } from './social-security-card.protocol.js';

describe('APDU layer', () => {
  it('encodes and decodes the four short command cases', () => {
    const cases = [
      { cla: 0, ins: 0xa4, p1: 0, p2: 0 },
      { cla: 0, ins: 0xb2, p1: 1, p2: 0x2d, le: 256 },
      { cla: 0, ins: 0x20, p1: 0, p2: 0, data: Buffer.from([0x12, 0x34, 0x56]) },
      { cla: 0, ins: 0xa4, p1: 4, p2: 0, data: Buffer.from([1, 2]), le: 16 },
    ];
    for (const apdu of cases) expect(decodeCommand(encodeCommand(apdu))).toEqual(apdu);
    expect(encodeCommand(cases[3]!).toString('hex')).toBe('00a40400020102' + '10');
  });

  it('refuses a command whose Lc does not match its length', () => {
    expect(() => decodeCommand(Buffer.from('00a4040005010203', 'hex'))).toThrow(ApduFormatError);
    expect(() => decodeCommand(Buffer.from('00a4', 'hex'))).toThrow(ApduFormatError);
  });

  it('splits a response into data and status word', () => {
    expect(decodeResponse(encodeResponse(Buffer.from('abcd', 'hex'), 0x63c2))).toEqual({
      data: Buffer.from('abcd', 'hex'),
      sw: 0x63c2,
    });
    expect(() => decodeResponse(Buffer.from([0x90]))).toThrow(ApduFormatError);
  });

  it('reads the tries left from 63 Cx only', () => {
    expect(triesLeftOf(swVerifyFailed(2))).toBe(2);
    expect(triesLeftOf(0x6983)).toBeUndefined();
    expect(triesLeftOf(0x9000)).toBeUndefined();
  });

  it('parses nested TLV, two-byte tags and long lengths', () => {
    const long = Buffer.alloc(200, 7);
    const bytes = Buffer.concat([
      encodeTlv(0x6f, encodeTlv(0x84, SOCIAL_SECURITY_DF_NAME)),
      encodeTlv(0x5f20, long),
    ]);
    const [fci, name] = parseTlv(bytes);
    expect(parseTlv(fci!.value)[0]?.value.equals(SOCIAL_SECURITY_DF_NAME)).toBe(true);
    expect(name?.tag).toBe(0x5f20);
    expect(name?.value.length).toBe(200);
    expect(() => parseTlv(Buffer.from('0905414243', 'hex'))).toThrow(ApduFormatError);
  });

  it('round-trips BCD and refuses a nibble over 9', () => {
    expect(encodeBcd('20200601').toString('hex')).toBe('20200601');
    expect(decodeBcd(Buffer.from('19800315', 'hex'))).toBe('19800315');
    expect(() => decodeBcd(Buffer.from([0x1a]))).toThrow(ApduFormatError);
    expect(() => encodeBcd('123')).toThrow(ApduFormatError);
  });

  it('packs a PIN as BCD with F padding and unpacks it', () => {
    expect(pinBlock(Uint8Array.from([1, 4, 7, 2, 5, 8])).toString('hex')).toBe('147258');
    expect(pinBlock(Uint8Array.from([1, 2, 3, 4, 5])).toString('hex')).toBe('12345f');
    expect(pinDigitsOf(Buffer.from('12345f', 'hex'))).toEqual([1, 2, 3, 4, 5]);
    expect(pinDigitsOf(Buffer.from('1f3456', 'hex'))).toBeUndefined();
    expect(pinDigitsOf(Buffer.from('12a456', 'hex'))).toBeUndefined();
  });
});

/**
 * pcscd's APDU trace (`--apdu`) as a PcscdProcess keeps it: a PIN command's data never kept,
 * whichever way pcscd's output arrives in chunks. The real pcscd's trace of a VERIFY is checked in
 * the PC/SC suite (`pcsc-card-reader.e2e-spec`).
 */
import { PcscdOutput, withoutPinData } from './pcscd-output.js';

/** zhang's PIN 147258 as the card's PIN block, as pcscd prints it */
const VERIFY = '00000012 APDU: 00 20 00 00 03 14 72 58 ';
const CHANGE = '00000003 APDU: 00 24 00 00 07 14 72 58 FF 36 92 58 ';
const RESET = '00000004 APDU: 00 2C 02 00 03 36 92 58 ';
const PIN_HEX = ['14 72 58', '36 92 58'];

const leaks = (text: string) => PIN_HEX.filter((hex) => text.includes(hex));

describe("pcscd's output kept by PcscdProcess", () => {
  it("PIN block in pcscd's APDU trace: the data of VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER withheld, the headers kept", () => {
    expect(withoutPinData(VERIFY)).toBe('00000012 APDU: 00 20 00 00 03 [3 data bytes withheld] ');
    expect(withoutPinData(CHANGE)).toBe('00000003 APDU: 00 24 00 00 07 [7 data bytes withheld] ');
    expect(leaks(withoutPinData(RESET))).toEqual([]);
    expect(withoutPinData(RESET)).toContain('APDU: 00 2C 02 00 03 [3 data bytes withheld]');
  });

  it('any other command and every answer kept as pcscd printed them', () => {
    const select = '00000002 APDU: 00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF ';
    const triesQuery = '00000001 APDU: 00 20 00 00 ';
    const answer = '00000001 SW: 63 C2 ';
    for (const line of [select, triesQuery, answer, 'pcscdaemon.c:383:main() pcsc-lite daemon ready.']) {
      expect(withoutPinData(line)).toBe(line);
    }
  });

  it('PIN block cut across chunks: kept without its data, whether read before or after the line ends', () => {
    const output = new PcscdOutput();
    output.push('00000001 SW: 90 00 \n00000012 APDU: 00 20 00 00 03 1', 'stderr');
    expect(leaks(output.text)).toEqual([]);
    expect(output.text).not.toMatch(/03 1$/);
    output.push('4 72 58 \n', 'stderr');
    expect(output.text).toBe('00000001 SW: 90 00 \n00000012 APDU: 00 20 00 00 03 [3 data bytes withheld] \n');
  });

  it('PIN block cut by a line of the other stream: each stream’s line kept whole, its data withheld', () => {
    const output = new PcscdOutput();
    output.push('00000012 APDU: 00 20 00 00 03 14', 'stderr');
    output.push('pcscd ready to serve\n', 'stdout');
    output.push(' 72 58 \n', 'stderr');
    expect(leaks(output.text)).toEqual([]);
    expect(output.text).toContain('APDU: 00 20 00 00 03 [3 data bytes withheld]');
    expect(output.text).toContain('pcscd ready to serve\n');
  });
});

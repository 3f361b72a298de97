import { ErrorCode } from './kiosk-error.js';
import { codeThrownBy } from './testing/code-of.js';
import {
  isValidResidentId,
  makeResidentId,
  parseResidentId,
  residentIdCheckCharacter,
} from './resident-id.js';

const today = new Date('2026-11-26T00:00:00Z');

describe('GB 11643 resident ID numbers', () => {
  it('computes the ISO 7064 MOD 11-2 check character of the standard example', () => {
    // The example printed in GB 11643-1999: 11010519491231002X
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X', { today })).toBe(true);
  });

  it('maps every remainder 0..10 onto 1 0 X 9 8 7 6 5 4 3 2', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200 && seen.size < 11; seq += 1) {
      seen.add(makeResidentId('410802', '19800101', seq).slice(-1));
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('parses region, birth date and sex (odd sequence is male)', () => {
    const id = makeResidentId('410802', '19900307', 123);
    expect(parseResidentId(id, { today, regionPrefixes: ['4108'] })).toEqual({
      idNumber: id,
      regionCode: '410802',
      birthDate: '1990-03-07',
      sex: 'male',
    });
    expect(parseResidentId(makeResidentId('410802', '19900307', 124), { today }).sex).toBe('female');
  });

  it('accepts a lower-case x check character', () => {
    expect(isValidResidentId('11010519491231002x', { today })).toBe(true);
  });

  it('refuses a wrong check character', () => {
    const id = makeResidentId('410802', '19900307', 123);
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(codeThrownBy(() => parseResidentId(wrong, { today }))).toBe(ErrorCode.ID_NUMBER_CHECKSUM);
  });

  it('refuses an impossible birth date before looking at the checksum', () => {
    const body = '41080219900230' + '123';
    expect(codeThrownBy(() => parseResidentId(body + residentIdCheckCharacter(body), { today }))).toBe(
      ErrorCode.ID_NUMBER_BAD_DATE,
    );
    const future = makeResidentId('410802', '20300101', 1);
    expect(codeThrownBy(() => parseResidentId(future, { today }))).toBe(ErrorCode.ID_NUMBER_BAD_DATE);
  });

  it('refuses a region not served', () => {
    const id = makeResidentId('110105', '19900307', 123);
    expect(codeThrownBy(() => parseResidentId(id, { today, regionPrefixes: ['4108'] }))).toBe(
      ErrorCode.ID_NUMBER_UNKNOWN_REGION,
    );
  });

  it.each(['', '41080219900307123', '4108021990030712345', '41080219900307123Y', 'abcdefghijklmnopqr'])(
    'refuses the malformed number %p',
    (raw) => {
      expect(codeThrownBy(() => parseResidentId(raw, { today }))).toBe(ErrorCode.ID_NUMBER_MALFORMED);
    },
  );
});

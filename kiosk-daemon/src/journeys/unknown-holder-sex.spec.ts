/**
 * Fault: a new card's chip needs the holder's sex as a code (EF06, '1' male, '2' female), and the
 * host's value is read open (ADR 0013). An unknown one takes the sex the holder's ID number carries
 * (GB 11643: odd sequence male, even female), what the resident's ID card shows; an ID number that
 * cannot say refuses the card's data before any blank is fed, with a coded error.
 */
import { describe, expect, it } from '@jest/globals';
import { demoResident, ErrorCode, KioskError, makeResidentId } from '@kiosk/domain';
import { chipHolderSex } from './card-holder-sex.js';

const li = demoResident('li')!; // sequence 242: female
const zhang = demoResident('zhang')!; // sequence 131: male

describe('unknown holder sex on a new card', () => {
  it('writes the sex the ID number carries when the host sent one the kiosk does not know', () => {
    expect(chipHolderSex({ idNumber: li.idNumber, sex: 'unknown' })).toBe('female');
    expect(chipHolderSex({ idNumber: zhang.idNumber, sex: 'unknown' })).toBe('male');
    expect(chipHolderSex({ idNumber: makeResidentId('410802', '20010101', 8), sex: 'unknown' })).toBe(
      'female',
    );
  });

  it('writes the host’s value when the kiosk knows it', () => {
    expect(chipHolderSex({ idNumber: li.idNumber, sex: 'female' })).toBe('female');
    expect(chipHolderSex({ idNumber: zhang.idNumber, sex: 'male' })).toBe('male');
  });

  it('refuses the card data, coded, when neither the host nor the ID number can say', () => {
    const broken = `${li.idNumber.slice(0, 17)}${li.idNumber[17] === '0' ? '1' : '0'}`;
    let error: unknown;
    try {
      chipHolderSex({ idNumber: broken, sex: 'unknown' });
    } catch (e) {
      error = e;
    }
    expect(KioskError.is(error) && error.code).toBe(ErrorCode.HOST_BAD_RESPONSE);
  });
});

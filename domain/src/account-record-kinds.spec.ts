import { HOST_DESCRIPTION_MAX, residentSafeDescription } from './account-record-kinds.js';

const holder = { name: '李秀英', cardNumber: 'H41080000102' };

describe('the host description of a record shown to the resident', () => {
  it('masks the holder name and card number and any ID number, as the rest of a receipt is', () => {
    expect(
      residentSafeDescription('代缴 李秀英 H41080000102 410802198507150026 (long-term care)', holder, 80),
    ).toBe('代缴 李*英 H41******102 4108**********0026 (long-term care)');
  });

  it('turns line breaks and other control characters into single spaces', () => {
    expect(residentSafeDescription('长护险\r\n个人缴费\t\u001b@(care)\u0000', holder)).toBe(
      '长护险 个人缴费 @(care)',
    );
  });

  it(`cuts a long description to ${HOST_DESCRIPTION_MAX} characters, saying so with "..."`, () => {
    const long = '长期护理保险个人缴费'.repeat(6);
    const safe = residentSafeDescription(long, holder);
    expect(Array.from(safe)).toHaveLength(HOST_DESCRIPTION_MAX);
    expect(safe.endsWith('...')).toBe(true);
    expect(residentSafeDescription('门诊', holder)).toBe('门诊');
  });

  it('leaves text alone without a holder, one-character names too, but still masks ID numbers', () => {
    expect(residentSafeDescription('张 410802199001011234')).toBe('张 4108**********1234');
    expect(residentSafeDescription('张 药店', { name: '张' })).toBe('张 药店');
  });
});

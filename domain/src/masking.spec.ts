import {
  isMaskedCardNumber,
  maskCardNumber,
  maskIdNumber,
  maskIdNumbersInText,
  maskName,
} from './masking.js';

describe('masking personal data', () => {
  it('masks a three-character name as 张*明', () => {
    expect(maskName('张三明')).toBe('张*明');
  });
  it('masks two-character and long names', () => {
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('')).toBe('');
  });
  it('masks an ID number as 4108**********1234', () => {
    expect(maskIdNumber('410802199001011234')).toBe('4108**********1234');
  });
  it('masks a card number to its first and last three', () => {
    expect(maskCardNumber('H41080000123')).toBe('H41******123');
  });
  it('tells a card number masked first 3 and last 3 from a full or otherwise masked one', () => {
    for (const card of ['H41080000123', 'A9876543210', '6214830000005678', 'H410801', '123456']) {
      expect(isMaskedCardNumber(maskCardNumber(card))).toBe(true);
    }
    expect(isMaskedCardNumber('H41080000123')).toBe(false);
    expect(isMaskedCardNumber('621483******5678')).toBe(false);
    expect(isMaskedCardNumber('H410******0123')).toBe(false);
    expect(isMaskedCardNumber('H41*****0*123')).toBe(false);
    expect(isMaskedCardNumber('A1234****')).toBe(false);
    expect(isMaskedCardNumber(' H41******123')).toBe(false);
    expect(isMaskedCardNumber('')).toBe(false);
  });
  it('masks ID numbers found inside free text but leaves other numbers', () => {
    expect(maskIdNumbersInText('id=41080219900101123X serial=12345')).toBe(
      'id=4108**********123X serial=12345',
    );
  });
});

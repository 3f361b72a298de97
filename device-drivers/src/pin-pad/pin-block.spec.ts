import { ErrorCode } from '@kiosk/domain';
import { SecurePin } from '../common/secure-pin.js';
import { pinBlockIso9564Format0 } from './pin-block.js';

describe('pinBlockIso9564Format0', () => {
  it('matches the published ISO 9564 format 0 test vector', () => {
    // PIN 1234, PAN 43219876543210987: 041234FFFFFFFFFF XOR 0000987654321098
    const block = pinBlockIso9564Format0(SecurePin.fromKeys([1, 2, 3, 4]), '43219876543210987');
    expect(block.toString('hex').toUpperCase()).toBe('0412AC89ABCDEF67');
  });

  it('builds a six-digit block', () => {
    const block = pinBlockIso9564Format0(SecurePin.fromKeys([1, 4, 7, 2, 5, 8]), '6222021234567890123');
    // 06147258FFFFFFFF XOR 0000123456789012 (the 12 rightmost digits before the check digit)
    expect(block.toString('hex').toUpperCase()).toBe('0614606CA9876FED');
  });

  it('refuses a card number that is not a PAN, without echoing it', () => {
    try {
      pinBlockIso9564Format0(SecurePin.fromKeys([1, 2, 3, 4]), 'H41080000101');
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toMatchObject({ code: ErrorCode.PIN_BLOCK_PAN_INVALID });
      expect((e as Error).message).not.toContain('41080000101');
    }
  });
});

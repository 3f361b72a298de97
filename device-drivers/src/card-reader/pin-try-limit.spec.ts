/**
 * RULES.md, "PIN": 3 wrong PINs lock the card's PIN (the counter lives on the card); like every
 * number there, a region may have another. The emulated cards are made with the region's limit:
 * they count down from it, lock at it, and a right PIN (or an issuer reset) restores it.
 */
import { SecurePin } from '../common/secure-pin.js';
import { EmulatedCardReader } from './emulated-card-reader.js';

const pinOf = (s: string) => SecurePin.fromKeys([...s].map(Number));
const ZHANG_PIN = '147258';

async function readerWith(pinTryLimit?: number): Promise<EmulatedCardReader> {
  const reader = new EmulatedCardReader({
    today: new Date('2026-11-26'),
    ...(pinTryLimit !== undefined ? { pinTryLimit } : {}),
  });
  await reader.open();
  await reader.insertCard('zhang');
  return reader;
}

describe('the PIN try limit of the emulated cards', () => {
  it('locks after 3 wrong PINs by default', async () => {
    const reader = await readerWith();
    try {
      expect(await reader.verifyPin(pinOf('111111'))).toEqual({ result: 'wrong', attemptsLeft: 2 });
      expect(await reader.verifyPin(pinOf('222222'))).toEqual({ result: 'wrong', attemptsLeft: 1 });
      expect(await reader.verifyPin(pinOf('333333'))).toMatchObject({ result: 'blocked' });
      expect(await reader.verifyPin(pinOf(ZHANG_PIN))).toEqual({ result: 'blocked' });
    } finally {
      await reader.close();
    }
  });

  it('PIN_BLOCKED after the region’s 5 wrong PINs; a right PIN before that restores all 5', async () => {
    const reader = await readerWith(5);
    try {
      expect(await reader.verifyPin(pinOf('111111'))).toEqual({ result: 'wrong', attemptsLeft: 4 });
      expect(await reader.verifyPin(pinOf(ZHANG_PIN))).toEqual({ result: 'ok' });
      const left: unknown[] = [];
      for (const p of ['111111', '222222', '333333', '444444']) left.push(await reader.verifyPin(pinOf(p)));
      expect(left).toEqual([4, 3, 2, 1].map((attemptsLeft) => ({ result: 'wrong', attemptsLeft })));
      expect(await reader.verifyPin(pinOf('555555'))).toMatchObject({ result: 'blocked' });
      expect(await reader.verifyPin(pinOf(ZHANG_PIN))).toEqual({ result: 'blocked' });
    } finally {
      await reader.close();
    }
  });
});

import { inspect } from 'node:util';
import { SecurePin } from './secure-pin.js';

describe('SecurePin', () => {
  const pin = () => SecurePin.fromKeys([9, 3, 7, 1, 5, 2]);

  it('never shows its digits when printed, logged or serialised', () => {
    const p = pin();
    const renderings = [
      String(p),
      `${p}`,
      JSON.stringify({ p }),
      inspect(p),
      inspect({ nested: p }, { depth: 5 }),
    ];
    for (const text of renderings) expect(text).not.toContain('937152');
    expect(JSON.stringify({ p })).toBe('{"p":"[pin]"}');
    expect(Object.keys(p)).toEqual([]);
  });

  it('lends its digits to a device-layer consumer', () => {
    expect(pin().useDigits((d) => Array.from(d).join(''))).toBe('937152');
  });

  it('is unusable after wipe', () => {
    const p = pin();
    p.wipe();
    expect(p.wiped).toBe(true);
    expect(p.length).toBe(0);
    expect(() => p.useDigits(() => 1)).toThrow('wiped');
  });

  it('refuses anything but decimal digits', () => {
    expect(() => SecurePin.fromKeys([1, 2, 10])).toThrow(RangeError);
  });
});

import { describe, expect, it } from '@jest/globals';
import { DemoImages } from './demo-images.js';

const png = (n: number): Buffer => Buffer.from([0x89, 0x50, 0x4e, 0x47, n]);

describe('the demo panel images', () => {
  it('keeps the address of an unchanged image: the same bytes, even in a new buffer', () => {
    const images = new DemoImages();
    const address = images.put('receipt', png(1));
    expect(address).toMatch(/^\/demo\/images\/[0-9a-f]{16}\.png$/);
    expect(images.put('receipt', png(1))).toBe(address);
    expect(images.address('receipt')).toBe(address);
    expect(images.byName(address.split('/').at(-1)!)).toEqual(png(1));
  });

  it('a new image has a new address; the one before is still served, the one before that no more', () => {
    const images = new DemoImages();
    const first = images.put('cardFace', png(1));
    const second = images.put('cardFace', png(2));
    expect(second).not.toBe(first);
    const name = (address: string) => address.split('/').at(-1)!;
    expect(images.byName(name(first))).toEqual(png(1));
    images.put('cardFace', png(3));
    expect(images.byName(name(first))).toBeUndefined();
    expect(images.byName(name(second))).toEqual(png(2));
    // the kinds are kept apart: a receipt does not push a face out
    images.put('receipt', png(4));
    expect(images.byName(name(second))).toEqual(png(2));
  });

  it('serves nothing by a name it does not hold', () => {
    expect(new DemoImages().byName('0123456789abcdef.png')).toBeUndefined();
  });
});

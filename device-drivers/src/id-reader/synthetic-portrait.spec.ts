/** The emulated ID cards' photos are real images that fit the GA 467 photo field. */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { EMULATED_ID_CARDS } from './emulated-id-cards.js';
import {
  PORTRAIT_HEIGHT,
  PORTRAIT_WIDTH,
  portraitPixels,
  syntheticPortraitPng,
} from './synthetic-portrait.js';

async function decode(bytes: Uint8Array): Promise<Uint8ClampedArray> {
  const image = await loadImage(Buffer.from(bytes));
  expect([image.width, image.height]).toEqual([PORTRAIT_WIDTH, PORTRAIT_HEIGHT]);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, image.width, image.height).data;
}

describe('synthetic portrait of an emulated ID card', () => {
  it('is a PNG that fits the 1024-byte photo field and decodes to the drawn pixels', async () => {
    const png = syntheticPortraitPng('zhang');
    expect(png.length).toBeLessThanOrEqual(1024);
    const rgba = await decode(png);
    const { indices, palette } = portraitPixels('zhang');
    let differing = 0;
    for (let p = 0; p < indices.length; p += 1) {
      const [r, g, b] = palette[indices[p] as number] as number[];
      if (rgba[p * 4] !== r || rgba[p * 4 + 1] !== g || rgba[p * 4 + 2] !== b) differing += 1;
    }
    expect(differing).toBe(0);
  });

  it('gives every emulated ID card a decodable photo of its own, zero-padded to the field', async () => {
    const photos = Object.values(EMULATED_ID_CARDS).map((card) => card.photo);
    for (const photo of photos) {
      expect(photo.length).toBe(1024);
      await decode(photo); // the padding after the PNG's end does not stop a decoder
    }
    const distinct = new Set(photos.map((photo) => Buffer.from(photo).toString('base64')));
    expect(distinct.size).toBe(photos.length);
  });

  it('draws a face: skin in the middle, background in the corners', () => {
    const { indices } = portraitPixels('li');
    const at = (x: number, y: number) => indices[y * PORTRAIT_WIDTH + x];
    expect(at(51, 60)).toBe(1); // skin
    expect(at(2, 2)).toBe(0); // background
    expect(at(51, 122)).toBe(3); // clothes
  });
});

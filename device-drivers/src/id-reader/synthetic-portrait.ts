/**
 * A synthetic portrait for the emulated resident ID cards: a drawn head and shoulders (no real
 * person), as a 4-bit palette PNG of 102 × 126 pixels (the size a GA 467 reader decodes a card's
 * photo to) that fits the 1024 bytes of the base message's photo field. Each seed gives its own
 * background, hair, clothes and face width, so the demo cards' photos differ.
 *
 * A real card's photo field holds a WLT image that the reader vendor's decoder turns into a
 * bitmap; the emulator's cards hold this PNG instead, which the card face draws as it is.
 */
import { deflateSync } from 'node:zlib';

export const PORTRAIT_WIDTH = 102;
export const PORTRAIT_HEIGHT = 126;

/** palette indices */
const BACKGROUND = 0;
const SKIN = 1;
const HAIR = 2;
const CLOTHES = 3;
const FEATURE = 4;
const MOUTH = 5;
const COLLAR = 6;

const BACKGROUNDS = [
  [0xd8, 0xe6, 0xf5],
  [0xf2, 0xf2, 0xf2],
  [0xc9, 0xdc, 0xf0],
  [0xe3, 0xec, 0xf7],
] as const;
const HAIRS = [
  [0x1c, 0x1a, 0x18],
  [0x3a, 0x2c, 0x22],
  [0x55, 0x55, 0x58],
  [0x2a, 0x22, 0x1e],
] as const;
const CLOTHES_COLOURS = [
  [0x2d, 0x4a, 0x7a],
  [0x4a, 0x4a, 0x52],
  [0x6b, 0x2f, 0x3a],
  [0x2f, 0x5d, 0x4b],
] as const;

function hashOf(seed: string): number {
  let x = 2166136261;
  for (const ch of seed) x = Math.imul(x ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  return x;
}

/** The portrait's pixels as palette indices, row by row, and its palette (RGB triples). */
export function portraitPixels(seed: string): {
  indices: Uint8Array;
  palette: readonly (readonly number[])[];
} {
  const h = hashOf(seed);
  const pick = <T>(list: readonly T[], shift: number): T => list[(h >>> shift) % list.length] as T;
  const palette = [
    pick(BACKGROUNDS, 0),
    [0xe8 - ((h >>> 8) % 24), 0xc0 - ((h >>> 8) % 24), 0x9c - ((h >>> 8) % 20)],
    pick(HAIRS, 12),
    pick(CLOTHES_COLOURS, 16),
    [0x2b, 0x22, 0x20],
    [0xb0, 0x5a, 0x55],
    [0xf4, 0xf4, 0xf4],
  ];
  const w = PORTRAIT_WIDTH;
  const cx = w / 2;
  const headRx = 24 + ((h >>> 20) % 5);
  const headRy = 31;
  const headCy = 54;
  const longHair = ((h >>> 24) & 1) === 1;
  const inEllipse = (x: number, y: number, ex: number, ey: number, rx: number, ry: number) =>
    ((x - ex) / rx) ** 2 + ((y - ey) / ry) ** 2 <= 1;
  const indices = new Uint8Array(w * PORTRAIT_HEIGHT);
  for (let y = 0; y < PORTRAIT_HEIGHT; y += 1) {
    for (let x = 0; x < w; x += 1) {
      let colour = BACKGROUND;
      if (longHair && y > headCy - 10 && y < headCy + 34 && Math.abs(x - cx) < headRx + 6) colour = HAIR;
      if (inEllipse(x, y, cx, 128, 48, 34)) colour = CLOTHES;
      if (y >= 96 && y < 104 && Math.abs(x - cx) < 14 - (y - 96)) colour = COLLAR;
      if (y > headCy + 20 && y < 100 && Math.abs(x - cx) < 10) colour = SKIN; // the neck
      if (inEllipse(x, y, cx, headCy - 6, headRx + 3, headRy - 2) && y < headCy - 8) colour = HAIR;
      if (inEllipse(x, y, cx, headCy, headRx, headRy) && !(y < headCy - 17)) colour = SKIN;
      if (inEllipse(x, y, cx - 10, headCy - 2, 4, 2.5) || inEllipse(x, y, cx + 10, headCy - 2, 4, 2.5)) {
        colour = FEATURE;
      }
      if (y === headCy - 9 && Math.abs(Math.abs(x - cx) - 10) < 5) colour = FEATURE; // brows
      if (y >= headCy + 15 && y < headCy + 18 && Math.abs(x - cx) < 7) colour = MOUTH;
      indices[y * w + x] = colour;
    }
  }
  return { indices, palette };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** The seed's portrait as a PNG file (4-bit palette, deflated at the highest level). */
export function syntheticPortraitPng(seed: string): Buffer {
  const { indices, palette } = portraitPixels(seed);
  const w = PORTRAIT_WIDTH;
  const rowBytes = Math.ceil(w / 2);
  const raw = Buffer.alloc((rowBytes + 1) * PORTRAIT_HEIGHT);
  for (let y = 0; y < PORTRAIT_HEIGHT; y += 1) {
    const row = y * (rowBytes + 1); // filter byte 0 (none), then two pixels a byte
    for (let x = 0; x < w; x += 1) {
      const i = row + 1 + (x >> 1);
      raw[i] = (raw[i] as number) | ((indices[y * w + x] as number) << (x & 1 ? 0 : 4));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(PORTRAIT_HEIGHT, 4);
  header.set([4, 3, 0, 0, 0], 8); // bit depth 4, palette colour, deflate, adaptive filters, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Uint8Array.from(palette.flat())),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

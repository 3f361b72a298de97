/**
 * A rendered card face (RGB) as ribbon panels and back: Y, M and C at 8 bits a pixel (the
 * complement of R, G and B), K at 1 bit a pixel for near-black text and lines (printed in resin
 * black, as YMCKO ribbons do), O the overlay over the whole card. The emulator turns what it
 * received back into RGB for the preview of the face it printed.
 */
import type { CardFace } from './card-printer.port.js';
import { type Panel, panelBytes } from './card-printer.protocol.js';

/** a pixel darker than this on every channel goes to the black panel */
const BLACK_BELOW = 80;

export type FacePanels = Readonly<Partial<Record<Panel, Buffer>>>;

export function facePanels(face: CardFace): Record<'y' | 'm' | 'c' | 'k' | 'o', Buffer> {
  const { rgb, widthPx: w, heightPx: h } = face;
  const y = Buffer.alloc(w * h);
  const m = Buffer.alloc(w * h);
  const c = Buffer.alloc(w * h);
  const k = Buffer.alloc(panelBytes('k', w, h));
  const o = Buffer.alloc(panelBytes('o', w, h), 0xff);
  const rowBytes = Math.ceil(w / 8);
  for (let row = 0; row < h; row += 1) {
    for (let col = 0; col < w; col += 1) {
      const p = row * w + col;
      const r = rgb[p * 3] as number;
      const g = rgb[p * 3 + 1] as number;
      const b = rgb[p * 3 + 2] as number;
      if (r < BLACK_BELOW && g < BLACK_BELOW && b < BLACK_BELOW) {
        k[row * rowBytes + (col >> 3)] = (k[row * rowBytes + (col >> 3)] as number) | (0x80 >> (col & 7));
      } else {
        c[p] = 255 - r;
        m[p] = 255 - g;
        y[p] = 255 - b;
      }
    }
  }
  return { y, m, c, k, o };
}

/** The RGB a printer lays down from the panels it received (white card, black resin on top). */
export function panelsToRgb(panels: FacePanels, w: number, h: number): Uint8Array {
  const rgb = new Uint8Array(w * h * 3);
  const rowBytes = Math.ceil(w / 8);
  for (let row = 0; row < h; row += 1) {
    for (let col = 0; col < w; col += 1) {
      const p = row * w + col;
      const black = ((panels.k?.[row * rowBytes + (col >> 3)] ?? 0) & (0x80 >> (col & 7))) !== 0;
      rgb[p * 3] = black ? 0 : 255 - (panels.c?.[p] ?? 0);
      rgb[p * 3 + 1] = black ? 0 : 255 - (panels.m?.[p] ?? 0);
      rgb[p * 3 + 2] = black ? 0 : 255 - (panels.y?.[p] ?? 0);
    }
  }
  return rgb;
}

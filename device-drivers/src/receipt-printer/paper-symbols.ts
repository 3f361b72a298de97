/**
 * What the emulated print head draws that is not text: QR symbols (the printer builds them
 * from the stored data, as GS ( k asks), CODE128 barcodes from GS k 73 data with its code-set
 * escapes, and bit images (GS v 0 and GS 8 L raster rows, ESC * columns). Each becomes a
 * bitmap of dots, one byte a dot, 1 = black.
 */
import qrcode from 'qrcode-generator';
import type { QrErrorCorrection } from './escpos.protocol.js';

export interface Dots {
  readonly width: number;
  readonly height: number;
  readonly dots: Uint8Array;
}

/** A QR symbol with `moduleSize` dots a module, or null when the data does not fit. */
export function qrDots(data: string, ec: QrErrorCorrection, moduleSize: number): Dots | null {
  try {
    const q = qrcode(0, ec);
    q.addData(data, 'Byte');
    q.make();
    const size = q.getModuleCount() * moduleSize;
    const dots = new Uint8Array(size * size);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        dots[y * size + x] = q.isDark(Math.floor(y / moduleSize), Math.floor(x / moduleSize)) ? 1 : 0;
      }
    }
    return { width: size, height: size, dots };
  } catch {
    return null;
  }
}

/** CODE128 bar/space widths by symbol value (ISO/IEC 15417); 106 is the stop pattern. */
const CODE128_PATTERNS = (
  '212222,222122,222221,121223,121322,131222,122213,122312,132212,221213,221312,231212,112232,' +
  '122132,122231,113222,123122,123221,223211,221132,221231,213212,223112,312131,311222,321122,' +
  '321221,312212,322112,322211,212123,212321,232121,111323,131123,131321,112313,132113,132311,' +
  '211313,231113,231311,112133,112331,132131,113123,113321,133121,313121,211331,231131,213113,' +
  '213311,213131,311123,311321,331121,312113,312311,332111,314111,221411,431111,111224,111422,' +
  '121124,121421,141122,141221,112214,112412,122114,122411,142112,142211,241211,221114,413111,' +
  '241112,134111,111242,121142,121241,114212,124112,124211,411212,421112,421211,212141,214121,' +
  '412121,111143,111341,131141,114113,114311,411113,411311,113141,114131,311141,411131,211412,' +
  '211214,211232,2331112'
).split(',');
const START: Record<string, number> = { A: 103, B: 104, C: 105 };
const SWITCH: Record<string, number> = { A: 101, B: 100, C: 99 };

export interface Code128 {
  /** symbol values from the start code to the last data value (no check value, no stop) */
  readonly values: readonly number[];
  /** the human-readable text */
  readonly text: string;
}

/**
 * Reads GS k 73 data: it must open with {A, {B or {C; then {A/{B/{C switch sets, {S shifts
 * one character, {1..{4 are FNC1..4, {{ is a "{". Null when the data breaks those rules.
 */
export function readCode128(data: Uint8Array): Code128 | null {
  if (data.length < 2 || data[0] !== 0x7b || !START[String.fromCharCode(data[1]!)]) return null;
  let set = String.fromCharCode(data[1]!);
  const values = [START[set]!];
  let text = '';
  let shift = false;
  for (let i = 2; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x7b && i + 1 < data.length && data[i + 1] !== 0x7b) {
      const k = String.fromCharCode(data[++i]!);
      if (SWITCH[k] !== undefined) {
        values.push(SWITCH[k]!);
        set = k;
      } else if (k === 'S') {
        values.push(98);
        shift = true;
      } else if (k >= '1' && k <= '4') {
        values.push(k === '1' ? 102 : k === '2' ? 97 : k === '3' ? 96 : set === 'A' ? 101 : 100);
      } else return null;
      continue;
    }
    if (c === 0x7b) i += 1; // "{{": a literal brace
    const inSet = shift ? (set === 'A' ? 'B' : 'A') : set;
    shift = false;
    if (inSet === 'C') {
      if (c > 99) return null;
      values.push(c);
      text += String(c).padStart(2, '0');
    } else if (inSet === 'A') {
      if (c > 0x5f) return null;
      values.push(c < 32 ? c + 64 : c - 32);
      text += c < 32 ? ' ' : String.fromCharCode(c);
    } else {
      if (c < 32 || c > 0x7f) return null;
      values.push(c - 32);
      text += String.fromCharCode(c);
    }
  }
  return { values, text };
}

/** Bars of a CODE128 symbol with its check value and stop pattern, `module` dots a module. */
export function code128Dots(code: Code128, module: number, height: number): Dots {
  const check = code.values.reduce((sum, v, i) => sum + v * Math.max(i, 1), 0) % 103;
  const widths = [...code.values, check, 106].flatMap((v) => Array.from(CODE128_PATTERNS[v]!, Number));
  const width = widths.reduce((a, w) => a + w, 0) * module;
  const row = new Uint8Array(width);
  let x = 0;
  widths.forEach((w, i) => {
    if (i % 2 === 0) row.fill(1, x, x + w * module);
    x += w * module;
  });
  const dots = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) dots.set(row, y * width);
  return { width, height, dots };
}

/** Raster rows, MSB first (GS v 0, GS 8 L), cut to the paper width. */
export function rasterDots(width: number, height: number, packed: Uint8Array, maxWidth: number): Dots {
  const wb = Math.ceil(width / 8);
  const w = Math.min(width, maxWidth);
  const dots = new Uint8Array(w * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < w; x++) dots[y * w + x] = ((packed[y * wb + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
  }
  return { width: w, height, dots };
}

/** ESC * columns: 8 or 24 dots high, each column 1 or 3 bytes, MSB at the top. */
export function columnDots(mode: number, columns: number, data: Uint8Array): Dots {
  const bytesPerColumn = mode >= 32 ? 3 : 1;
  const height = bytesPerColumn * 8;
  const dots = new Uint8Array(columns * height);
  for (let x = 0; x < columns; x++) {
    for (let y = 0; y < height; y++) {
      const byte = data[x * bytesPerColumn + (y >> 3)] ?? 0;
      dots[y * columns + x] = (byte >> (7 - (y & 7))) & 1;
    }
  }
  return { width: columns, height, dots };
}

/**
 * Composes a Receipt into ESC/POS bytes: our own small encoder (see ADR 0003). Chinese text
 * goes out as GB18030 inside FS & (Chinese mode); the QR code is drawn by the printer from
 * GS ( k; the receipt ends with a partial cut.
 */
import iconv from 'iconv-lite';
import type { ValidReceipt } from './receipt-printer.port.js';
import {
  COLUMNS,
  align,
  bold,
  characterSize,
  chineseMode,
  codePage,
  feedLines,
  initialize,
  lineFeed,
  partialCut,
  qrCode,
  rasterImage,
} from './escpos.protocol.js';

export interface RasterLogo {
  readonly width: number;
  readonly height: number;
  /** rows packed MSB first, 1 = black, ceil(width / 8) bytes a row */
  readonly rows: Uint8Array;
}

export interface ReceiptEncoding {
  /** printed centred above the title */
  readonly logo?: RasterLogo;
  /** QR module size in dots (1..16) */
  readonly qrModuleSize?: number;
}

/** A Chinese (or other wide) character takes two columns, as on the printer. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch) ? 2 : 1;
  return w;
}

function isWide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x20000
  );
}

export const gb18030 = (text: string): Buffer => iconv.encode(text, 'gb18030');

/**
 * Label left, value right on one 48-column line; the value on a line of its own when they do not
 * fit. A label wider than the paper wraps (at a space where one is near the end), never running
 * off the edge: the printer would drop what does not fit.
 */
export function labelValueLines(label: string, value: string, columns = COLUMNS): string[] {
  const lines = wrapColumns(label, columns);
  const last = lines.pop() ?? '';
  const lw = displayWidth(last);
  const vw = displayWidth(value);
  if (value === '') return [...lines, last];
  if (lw + 1 + vw <= columns) return [...lines, last + ' '.repeat(columns - lw - vw) + value];
  return [...lines, last, ' '.repeat(Math.max(0, columns - vw)) + value];
}

/** Lines of at most `columns`, broken at a space in the second half of a line, else anywhere. */
function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  let rest = Array.from(text);
  while (displayWidth(rest.join('')) > columns) {
    let width = 0;
    let cut = 0;
    while (cut < rest.length && width + displayWidth(rest[cut]!) <= columns)
      width += displayWidth(rest[cut++]!);
    // no line starts with a full stop: a cut description's "..." stays with what it ends
    while (cut > 1 && rest[cut] === '.') cut -= 1;
    const space = rest.lastIndexOf(' ', cut);
    const at = space > cut / 2 && space <= cut ? space : cut;
    lines.push(rest.slice(0, at).join('').trimEnd());
    rest = rest.slice(at);
    while (rest[0] === ' ') rest = rest.slice(1);
  }
  lines.push(rest.join(''));
  return lines;
}

export function encodeReceipt(receipt: ValidReceipt, options: ReceiptEncoding = {}): Buffer {
  const parts: Buffer[] = [initialize(), chineseMode(true), codePage(0)];
  const text = (s: string) => parts.push(gb18030(s), lineFeed());
  if (options.logo) {
    const { width, height, rows } = options.logo;
    parts.push(align('center'), rasterImage(width, height, rows));
  }
  parts.push(align('center'), bold(true), characterSize(2, 2));
  text(receipt.title);
  parts.push(characterSize(1, 1), bold(false));
  if (receipt.subtitle) text(receipt.subtitle);
  parts.push(align('left'));
  text('-'.repeat(COLUMNS));
  for (const line of receipt.lines) {
    if (line.emphasis) parts.push(bold(true));
    for (const l of labelValueLines(line.label, line.value)) text(l);
    if (line.emphasis) parts.push(bold(false));
  }
  text('-'.repeat(COLUMNS));
  parts.push(align('center'));
  if (receipt.qr) {
    parts.push(qrCode(Buffer.from(receipt.qr, 'ascii'), options.qrModuleSize ?? 6, 'M'), lineFeed());
  }
  for (const f of receipt.footer) text(f);
  parts.push(align('left'), feedLines(3), partialCut(0));
  return Buffer.concat(parts);
}

/**
 * The emulated print head and paper: executes ESC/POS commands (from EscposStreamParser) the
 * way an 80 mm thermal printer does, and hands over each receipt when it is cut, as lines of
 * positioned text and bitmaps (QR symbols, barcodes, raster images) that render to plain text
 * and to PNG. Commands it does not draw are accepted and noted, never thrown.
 */
import iconv from 'iconv-lite';
import qrcode from 'qrcode-generator';
import type { EscposToken } from './escpos-stream.parser.js';
import { ESC, FS, FONT_A_WIDTH, FONT_HEIGHT, GS, PAPER_DOTS, QR_EC_BY_CODE } from './escpos.protocol.js';

export interface TextRun {
  readonly x: number;
  readonly text: string;
  readonly wide: boolean;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly invert: boolean;
  readonly width: number;
  readonly height: number;
}

export type PaperBlock =
  | { readonly type: 'text'; readonly height: number; readonly runs: readonly TextRun[] }
  | {
      readonly type: 'bitmap';
      readonly x: number;
      readonly width: number;
      readonly height: number;
      /** one byte a dot, 1 = black */
      readonly dots: Uint8Array;
      /** what the plain-text rendering shows instead */
      readonly label: string;
      readonly qr?: string;
    }
  | { readonly type: 'feed'; readonly height: number };

export interface PrintedReceipt {
  readonly blocks: readonly PaperBlock[];
  /** paper length in dots */
  readonly length: number;
}

/** Katakana page (ESC t 1) box-drawing glyphs that receipt tools use for rules. */
const PAGE1_BOX: Record<number, string> = {
  0x8f: '┼',
  0x90: '┴',
  0x91: '┬',
  0x92: '┤',
  0x93: '├',
  0x95: '─',
  0x96: '│',
  0x98: '┌',
  0x99: '┐',
  0x9a: '└',
  0x9b: '┘',
  0x9c: '┌',
  0x9d: '┐',
  0x9e: '└',
  0x9f: '┘',
};
const CODE_PAGES: Record<number, string> = { 0: 'cp437', 16: 'windows1252', 17: 'cp866', 19: 'cp858' };

interface Style {
  bold: boolean;
  underline: boolean;
  invert: boolean;
  width: number;
  height: number;
}

export class ReceiptPaper {
  readonly notes: string[] = [];
  #blocks: PaperBlock[] = [];
  #runs: TextRun[] = [];
  #x = 0;
  #positioned = false;
  #carry = Buffer.alloc(0);
  #chinese: boolean;
  #codePage = 0;
  #align = 0;
  #lineSpacing = 30;
  #leftMargin = 0;
  #areaWidth = PAPER_DOTS;
  #style: Style = { bold: false, underline: false, invert: false, width: 1, height: 1 };
  #qr = { moduleSize: 3, ec: 'L' as 'L' | 'M' | 'Q' | 'H', data: Buffer.alloc(0) };
  #barcode = { height: 162, moduleWidth: 3, hri: 0 };
  #graphics: { width: number; height: number; data: Buffer } | null = null;

  constructor(private readonly chineseByDefault = false) {
    this.#chinese = chineseByDefault;
  }

  /** Paper fed since the last cut, in dots. */
  get fedSinceCut(): number {
    return this.#blocks.reduce((n, b) => n + b.height, 0);
  }

  /** Executes one token; returns the receipt when the token was a cut. */
  execute(t: EscposToken): PrintedReceipt | null {
    if (t.kind === 'text') this.#text(t.bytes);
    else if (t.kind === 'control') this.#control(t.byte);
    else if (t.kind === 'command') return this.#command(t.prefix, t.code, t.bytes);
    else if (t.kind === 'unknown') this.notes.push(`ignored ${t.reason}`);
    return null;
  }

  /** ESC @ and power-on: modes back to default; the paper already printed stays. */
  reset(): void {
    this.#runs = [];
    this.#x = 0;
    this.#positioned = false;
    this.#carry = Buffer.alloc(0);
    this.#chinese = this.chineseByDefault;
    this.#codePage = 0;
    this.#align = 0;
    this.#lineSpacing = 30;
    this.#leftMargin = 0;
    this.#areaWidth = PAPER_DOTS;
    this.#style = { bold: false, underline: false, invert: false, width: 1, height: 1 };
    this.#qr = { moduleSize: 3, ec: 'L', data: Buffer.alloc(0) };
  }

  /** Drops what was printed since the last cut (paper ran out; the receipt is not valid). */
  discard(): void {
    this.#blocks = [];
    this.#runs = [];
    this.#x = 0;
  }

  #control(b: number): void {
    if (b === 0x0a || b === 0x0c) this.#printLine();
    else if (b === 0x09) this.#x += 8 * FONT_A_WIDTH - ((this.#x - this.#leftMargin) % (8 * FONT_A_WIDTH));
    else if (b === 0x18) this.#runs = [];
  }

  #text(raw: Buffer): void {
    const b = this.#carry.length ? Buffer.concat([this.#carry, raw]) : raw;
    this.#carry = Buffer.alloc(0);
    let i = 0;
    while (i < b.length) {
      const c = b[i]!;
      if (c < 0x80) {
        this.#put(String.fromCharCode(c), false);
        i += 1;
      } else if (this.#chinese) {
        const size =
          c === 0x80 || c === 0xff ? 1 : (b[i + 1] ?? 0x40) >= 0x30 && (b[i + 1] ?? 0x40) <= 0x39 ? 4 : 2;
        if (i + size > b.length) {
          this.#carry = Buffer.from(b.subarray(i));
          return;
        }
        this.#put(size === 1 ? '?' : iconv.decode(b.subarray(i, i + size), 'gb18030'), true);
        i += size;
      } else {
        const page = CODE_PAGES[this.#codePage];
        const ch = this.#codePage === 1 ? (PAGE1_BOX[c] ?? '?') : iconv.decode(Buffer.of(c), page ?? 'cp437');
        this.#put(ch, false);
        i += 1;
      }
    }
  }

  #put(text: string, wide: boolean): void {
    const s = this.#style;
    const last = this.#runs[this.#runs.length - 1];
    const advance = (wide ? 2 : 1) * FONT_A_WIDTH * s.width;
    const run: TextRun = { x: this.#x, text, wide, ...s };
    if (
      last &&
      last.wide === wide &&
      last.bold === s.bold &&
      last.underline === s.underline &&
      last.invert === s.invert &&
      last.width === s.width &&
      last.height === s.height &&
      last.x + this.#runWidth(last) === this.#x
    ) {
      this.#runs[this.#runs.length - 1] = { ...last, text: last.text + text };
    } else this.#runs.push(run);
    this.#x += advance;
  }

  #runWidth(r: TextRun): number {
    return Array.from(r.text).length * (r.wide ? 2 : 1) * FONT_A_WIDTH * r.width;
  }

  #printLine(): void {
    const height = Math.max(this.#lineSpacing, ...this.#runs.map((r) => FONT_HEIGHT * r.height));
    if (this.#runs.length === 0) {
      this.#blocks.push({ type: 'feed', height: this.#lineSpacing });
    } else {
      const used = Math.max(...this.#runs.map((r) => r.x + this.#runWidth(r))) - this.#leftMargin;
      const shift = this.#positioned ? 0 : this.#alignShift(used);
      this.#blocks.push({ type: 'text', height, runs: this.#runs.map((r) => ({ ...r, x: r.x + shift })) });
    }
    this.#runs = [];
    this.#x = this.#leftMargin;
    this.#positioned = false;
  }

  #alignShift(width: number): number {
    const free = Math.max(0, this.#areaWidth - width);
    return this.#align === 1 ? Math.floor(free / 2) : this.#align === 2 ? free : 0;
  }

  #bitmap(width: number, height: number, dots: Uint8Array, label: string, qr?: string): void {
    if (this.#runs.length) this.#printLine();
    const x = this.#leftMargin + this.#alignShift(width);
    this.#blocks.push({ type: 'bitmap', x, width, height, dots, label, ...(qr ? { qr } : {}) });
  }

  #feed(dots: number): void {
    if (this.#runs.length) this.#printLine();
    if (dots > 0) this.#blocks.push({ type: 'feed', height: dots });
  }

  #cut(): PrintedReceipt {
    if (this.#runs.length) this.#printLine();
    const blocks = this.#blocks;
    this.#blocks = [];
    return { blocks, length: blocks.reduce((n, b) => n + b.height, 0) };
  }

  #command(prefix: number, code: number, b: Buffer): PrintedReceipt | null {
    const n = b[2] ?? 0;
    const n16 = n + (b[3] ?? 0) * 256;
    const s = this.#style;
    if (prefix === ESC) {
      switch (code) {
        case 0x40:
          this.reset();
          return null;
        case 0x61:
          this.#align = n % 48 > 2 ? 0 : n % 48;
          return null;
        case 0x45:
          s.bold = (n & 1) === 1;
          return null;
        case 0x47:
          s.bold = (n & 1) === 1;
          return null;
        case 0x2d:
          s.underline = n % 48 > 0;
          return null;
        case 0x21:
          s.bold = (n & 8) !== 0;
          s.height = n & 16 ? 2 : 1;
          s.width = n & 32 ? 2 : 1;
          s.underline = (n & 128) !== 0;
          return null;
        case 0x74:
          this.#codePage = n;
          if (CODE_PAGES[n] === undefined && n !== 1) this.notes.push(`code page ${n} shown as PC437`);
          return null;
        case 0x32:
          this.#lineSpacing = 30;
          return null;
        case 0x33:
          this.#lineSpacing = n;
          return null;
        case 0x64:
          this.#feed(n * this.#lineSpacing);
          return null;
        case 0x4a:
          this.#feed(n);
          return null;
        case 0x24:
          this.#x = this.#leftMargin + n16;
          this.#positioned = true;
          return null;
        case 0x5c:
          this.#x += n16 >= 0x8000 ? n16 - 0x10000 : n16;
          this.#positioned = true;
          return null;
        case 0x69:
        case 0x6d:
          return this.#cut();
        default:
          this.notes.push(`accepted ESC 0x${code.toString(16)} without effect on paper`);
          return null;
      }
    }
    if (prefix === FS) {
      if (code === 0x26) this.#chinese = true;
      else if (code === 0x2e) this.#chinese = false;
      else if (code === 0x21) {
        s.width = n & 4 ? 2 : 1;
        s.height = n & 8 ? 2 : 1;
        s.underline = (n & 128) !== 0;
      } else if (code === 0x2d) s.underline = n % 48 > 0;
      else if (code === 0x57) {
        s.width = n & 1 ? 2 : 1;
        s.height = n & 1 ? 2 : 1;
      }
      return null;
    }
    if (prefix !== GS) return null;
    switch (code) {
      case 0x21:
        s.width = ((n >> 4) & 7) + 1;
        s.height = (n & 7) + 1;
        return null;
      case 0x42:
        s.invert = (n & 1) === 1;
        return null;
      case 0x4c:
        this.#leftMargin = n16;
        this.#x = n16;
        return null;
      case 0x57:
        this.#areaWidth = Math.min(n16, PAPER_DOTS - this.#leftMargin);
        return null;
      case 0x68:
        this.#barcode.height = n || 1;
        return null;
      case 0x77:
        this.#barcode.moduleWidth = n;
        return null;
      case 0x48:
        this.#barcode.hri = n % 48;
        return null;
      case 0x56: {
        const m = b[2] ?? 0;
        if (m >= 65) this.#feed(b[3] ?? 0);
        return this.#cut();
      }
      case 0x6b:
        this.#barcodeSymbol(b);
        return null;
      case 0x76:
        this.#raster(b.readUInt16LE(4) * 8, b.readUInt16LE(6), b.subarray(8));
        return null;
      case 0x28:
        return this.#extended(b);
      case 0x38:
        this.#graphicsStore(b.subarray(7));
        return null;
      default:
        return null;
    }
  }

  #extended(b: Buffer): null {
    const sub = b[2]!;
    const fn = b[6] ?? 0;
    if (sub === 0x6b && b[5] === 0x31) {
      if (fn === 0x43) this.#qr.moduleSize = Math.min(16, Math.max(1, b[7] ?? 3));
      else if (fn === 0x45) this.#qr.ec = QR_EC_BY_CODE[b[7] ?? 48] ?? 'L';
      else if (fn === 0x50) this.#qr.data = Buffer.from(b.subarray(8));
      else if (fn === 0x51) this.#qrSymbol();
    } else if (sub === 0x4c) {
      if (b[6] === 0x70) this.#graphicsStore(b.subarray(5));
      else if (b[6] === 0x32 && this.#graphics) {
        const g = this.#graphics;
        this.#raster(g.width, g.height, g.data);
      }
    }
    return null;
  }

  #qrSymbol(): void {
    const data = this.#qr.data.toString('latin1');
    if (!data) return void this.notes.push('QR print with no data stored');
    try {
      const q = qrcode(0, this.#qr.ec);
      q.addData(data, 'Byte');
      q.make();
      const modules = q.getModuleCount();
      const m = this.#qr.moduleSize;
      const size = modules * m;
      const dots = new Uint8Array(size * size);
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++)
          dots[y * size + x] = q.isDark(Math.floor(y / m), Math.floor(x / m)) ? 1 : 0;
      this.#bitmap(size, size, dots, `[QR ${data}]`, data);
    } catch {
      this.notes.push('QR data too long for a symbol; nothing printed');
    }
  }

  #barcodeSymbol(b: Buffer): void {
    const m = b[2]!;
    const data = (m <= 6 ? b.subarray(3, b.length - 1) : b.subarray(4)).toString('latin1');
    const text = data.startsWith('{') ? data.slice(2) : data;
    // Bars are drawn as a pattern from the data bytes: readable as a barcode to a person, not to a scanner.
    const width = Math.min(this.#areaWidth, (data.length * 11 + 35) * Math.max(1, this.#barcode.moduleWidth));
    const height = this.#barcode.height;
    const dots = new Uint8Array(width * height);
    for (let x = 0; x < width; x++) {
      const byte = data.charCodeAt(Math.floor(x / 11) % data.length);
      const on = (byte >> (x % 8)) & 1 || x % 11 === 0;
      for (let y = 0; y < height; y++) dots[y * width + x] = on ? 1 : 0;
    }
    this.#bitmap(width, height, dots, `[BARCODE ${m} ${text}]`);
    if (this.#barcode.hri === 2 || this.#barcode.hri === 3) {
      this.#put(text, false);
      this.#printLine();
    }
  }

  #graphicsStore(p: Buffer): void {
    // m fn a bx by c xL xH yL yH d1..dk (fn 112 = store raster graphics)
    if (p[1] !== 0x70 || p.length < 10) return void this.notes.push('graphics command not drawn');
    const width = p.readUInt16LE(6);
    const height = p.readUInt16LE(8);
    this.#graphics = { width, height, data: Buffer.from(p.subarray(10)) };
  }

  #raster(width: number, height: number, packed: Uint8Array): void {
    const wb = Math.ceil(width / 8);
    const w = Math.min(width, PAPER_DOTS);
    const dots = new Uint8Array(w * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < w; x++) dots[y * w + x] = ((packed[y * wb + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
    this.#bitmap(w, height, dots, `[IMAGE ${w}x${height}]`);
  }
}

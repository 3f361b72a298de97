/**
 * The emulated print head and paper: executes ESC/POS commands (from EscposStreamParser) the
 * way an 80 mm thermal printer does, and hands over each receipt when it is cut, as lines of
 * positioned text and bitmaps (QR symbols, barcodes, images) that render to plain text and to
 * PNG. Commands it does not draw are accepted and noted, never thrown.
 */
import type { EscposToken } from './escpos-stream.parser.js';
import { ESC, FS, FONT_A_WIDTH, FONT_HEIGHT, GS, PAPER_DOTS } from './escpos.protocol.js';
import { columnDots, type Dots } from './paper-symbols.js';
import { PaperSymbolCommands } from './paper-symbol-commands.js';
import { PrinterCharset, isKnownCodePage } from './printer-charset.js';

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
    }
  | { readonly type: 'feed'; readonly height: number };

export interface PrintedReceipt {
  readonly blocks: readonly PaperBlock[];
  /** paper length in dots */
  readonly length: number;
}

type Style = { -readonly [K in keyof Omit<TextRun, 'x' | 'text' | 'wide'>]: TextRun[K] };
const PLAIN: Style = { bold: false, underline: false, invert: false, width: 1, height: 1 };
const DEFAULT_LINE_SPACING = 30;

export class ReceiptPaper {
  readonly notes: string[] = [];
  readonly #charset: PrinterCharset;
  #blocks: PaperBlock[] = [];
  #runs: TextRun[] = [];
  #x = 0;
  #positioned = false;
  #align = 0;
  #lineSpacing = DEFAULT_LINE_SPACING;
  #leftMargin = 0;
  #areaWidth = PAPER_DOTS;
  #style: Style = { ...PLAIN };
  readonly #symbols = new PaperSymbolCommands({
    bitmap: (dots, label) => this.#bitmap(dots, label),
    textLine: (text) => {
      for (const ch of text) this.#put(ch, false);
      this.#printLine();
    },
    note: (message) => this.notes.push(message),
    areaWidth: () => this.#areaWidth,
  });

  constructor(chineseByDefault = false) {
    this.#charset = new PrinterCharset(chineseByDefault);
  }

  /** Paper fed since the last cut, in dots. */
  get fedSinceCut(): number {
    return this.#blocks.reduce((n, b) => n + b.height, 0);
  }

  /** Executes one token; returns the receipt when the token was a cut. */
  execute(t: EscposToken): PrintedReceipt | null {
    if (t.kind === 'text') for (const c of this.#charset.decode(t.bytes)) this.#put(c.char, c.wide);
    else if (t.kind === 'control') this.#control(t.byte);
    else if (t.kind === 'unknown') this.notes.push(`ignored ${t.reason}`);
    else if (t.kind === 'command') {
      if (t.prefix === ESC) return this.#esc(t.code, t.bytes);
      if (t.prefix === GS) return this.#gs(t.code, t.bytes);
      if (t.prefix === FS) this.#fs(t.code, t.bytes[2] ?? 0);
    }
    return null;
  }

  /** ESC @ and power-on: modes back to default; the paper already printed stays. */
  reset(): void {
    this.#runs = [];
    this.#x = 0;
    this.#positioned = false;
    this.#charset.reset();
    this.#align = 0;
    this.#lineSpacing = DEFAULT_LINE_SPACING;
    this.#leftMargin = 0;
    this.#areaWidth = PAPER_DOTS;
    this.#style = { ...PLAIN };
    this.#symbols.reset();
  }

  /** Drops what was printed since the last cut (the receipt was abandoned). */
  discard(): void {
    this.#blocks = [];
    this.#runs = [];
    this.#x = this.#leftMargin;
  }

  #control(b: number): void {
    const tab = 8 * FONT_A_WIDTH;
    if (b === 0x0a || b === 0x0c) this.#printLine();
    else if (b === 0x09) this.#x += tab - ((this.#x - this.#leftMargin) % tab);
    else if (b === 0x18) this.#runs = [];
  }

  #put(text: string, wide: boolean): void {
    const s = this.#style;
    const last = this.#runs[this.#runs.length - 1];
    const continues =
      last !== undefined &&
      last.wide === wide &&
      (Object.keys(PLAIN) as (keyof Style)[]).every((k) => last[k] === s[k]) &&
      last.x + runWidth(last) === this.#x;
    if (continues) this.#runs[this.#runs.length - 1] = { ...last, text: last.text + text };
    else this.#runs.push({ x: this.#x, text, wide, ...s });
    this.#x += (wide ? 2 : 1) * FONT_A_WIDTH * s.width;
  }

  #printLine(): void {
    if (this.#runs.length === 0) {
      this.#blocks.push({ type: 'feed', height: this.#lineSpacing });
    } else {
      const height = Math.max(this.#lineSpacing, ...this.#runs.map((r) => FONT_HEIGHT * r.height));
      const used = Math.max(...this.#runs.map((r) => r.x + runWidth(r))) - this.#leftMargin;
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

  #bitmap(d: Dots, label: string): void {
    if (this.#runs.length) this.#printLine();
    const x = this.#leftMargin + this.#alignShift(d.width);
    this.#blocks.push({ type: 'bitmap', x, width: d.width, height: d.height, dots: d.dots, label });
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

  #esc(code: number, b: Buffer): PrintedReceipt | null {
    const n = b[2] ?? 0;
    const n16 = n + (b[3] ?? 0) * 256;
    const s = this.#style;
    switch (code) {
      case 0x40:
        this.reset();
        break;
      case 0x61:
        this.#align = n % 48 > 2 ? 0 : n % 48;
        break;
      case 0x45:
      case 0x47:
        s.bold = (n & 1) === 1;
        break;
      case 0x2d:
        s.underline = n % 48 > 0;
        break;
      case 0x21:
        Object.assign(s, {
          bold: (n & 8) !== 0,
          height: n & 16 ? 2 : 1,
          width: n & 32 ? 2 : 1,
          underline: (n & 128) !== 0,
        });
        break;
      case 0x74:
        this.#charset.codePage = n;
        if (!isKnownCodePage(n)) this.notes.push(`code page ${n} shown as PC437`);
        break;
      case 0x32:
        this.#lineSpacing = DEFAULT_LINE_SPACING;
        break;
      case 0x33:
        this.#lineSpacing = n;
        break;
      case 0x64:
        this.#feed(n * this.#lineSpacing);
        break;
      case 0x4a:
        this.#feed(n);
        break;
      case 0x24:
        this.#x = this.#leftMargin + n16;
        this.#positioned = true;
        break;
      case 0x5c:
        this.#x += n16 >= 0x8000 ? n16 - 0x10000 : n16;
        this.#positioned = true;
        break;
      case 0x2a:
        this.#bitmap(
          columnDots(n, b.readUInt16LE(3), b.subarray(5)),
          `[IMAGE ${b.readUInt16LE(3)}x${n >= 32 ? 24 : 8}]`,
        );
        break;
      case 0x69:
      case 0x6d:
        return this.#cut();
      default:
        this.notes.push(`accepted ESC 0x${code.toString(16)} without effect on paper`);
    }
    return null;
  }

  #fs(code: number, n: number): void {
    const s = this.#style;
    if (code === 0x26) this.#charset.chinese = true;
    else if (code === 0x2e) this.#charset.chinese = false;
    else if (code === 0x21)
      Object.assign(s, { width: n & 4 ? 2 : 1, height: n & 8 ? 2 : 1, underline: (n & 128) !== 0 });
    else if (code === 0x2d) s.underline = n % 48 > 0;
    else if (code === 0x57) Object.assign(s, { width: n & 1 ? 2 : 1, height: n & 1 ? 2 : 1 });
  }

  #gs(code: number, b: Buffer): PrintedReceipt | null {
    const n = b[2] ?? 0;
    const n16 = n + (b[3] ?? 0) * 256;
    const s = this.#style;
    switch (code) {
      case 0x21:
        Object.assign(s, { width: ((n >> 4) & 7) + 1, height: (n & 7) + 1 });
        break;
      case 0x42:
        s.invert = (n & 1) === 1;
        break;
      case 0x4c:
        this.#leftMargin = n16;
        this.#x = n16;
        break;
      case 0x57:
        this.#areaWidth = Math.min(n16, PAPER_DOTS - this.#leftMargin);
        break;
      case 0x56:
        this.#feed(n >= 65 ? (b[3] ?? 0) : 0);
        return this.#cut();
      default:
        this.#symbols.gs(code, b);
    }
    return null;
  }
}

function runWidth(r: TextRun): number {
  return Array.from(r.text).length * (r.wide ? 2 : 1) * FONT_A_WIDTH * r.width;
}

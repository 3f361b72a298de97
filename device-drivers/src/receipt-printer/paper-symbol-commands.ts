/**
 * The receipt paper's 2D and graphics commands: QR codes (GS ( k), barcodes (GS h / w / H / k),
 * raster images (GS v 0) and stored graphics (GS 8 L, GS ( L). Each keeps its settings here and
 * draws a labelled bitmap on the paper it is given; what it cannot draw it notes.
 */
import { PAPER_DOTS, QR_EC_BY_CODE, type QrErrorCorrection } from './escpos.protocol.js';
import { code128Dots, qrDots, rasterDots, readCode128, type Dots } from './paper-symbols.js';

/** What the symbol commands need of the paper. */
export interface SymbolPaper {
  bitmap(dots: Dots, label: string): void;
  /** a line of text under a barcode (its human-readable interpretation) */
  textLine(text: string): void;
  note(message: string): void;
  areaWidth(): number;
}

export class PaperSymbolCommands {
  readonly #paper: SymbolPaper;
  #qr: { moduleSize: number; ec: QrErrorCorrection; data: Buffer } = {
    moduleSize: 3,
    ec: 'L',
    data: Buffer.alloc(0),
  };
  #barcode = { height: 162, module: 3, hri: 0 };
  #graphics: { width: number; height: number; data: Buffer } | null = null;

  constructor(paper: SymbolPaper) {
    this.#paper = paper;
  }

  /** ESC @: the QR settings go back to default (barcode settings and stored graphics stay). */
  reset(): void {
    this.#qr = { moduleSize: 3, ec: 'L', data: Buffer.alloc(0) };
  }

  /** A GS command of this family; any other GS command is ignored. */
  gs(code: number, b: Buffer): void {
    const n = b[2] ?? 0;
    switch (code) {
      case 0x68:
        this.#barcode.height = n || 1;
        break;
      case 0x77:
        this.#barcode.module = Math.min(6, Math.max(1, n));
        break;
      case 0x48:
        this.#barcode.hri = n % 48;
        break;
      case 0x6b:
        this.#barcodeSymbol(b);
        break;
      case 0x76:
        this.#raster(b.readUInt16LE(4) * 8, b.readUInt16LE(6), b.subarray(8));
        break;
      case 0x38:
        this.#storeGraphics(b.subarray(7));
        break;
      case 0x28:
        this.#extended(b);
        break;
    }
  }

  /** GS ( k (QR code) and GS ( L (graphics). */
  #extended(b: Buffer): void {
    const fn = b[6] ?? 0;
    if (b[2] === 0x6b && b[5] === 0x31) {
      if (fn === 0x43) this.#qr.moduleSize = Math.min(16, Math.max(1, b[7] ?? 3));
      else if (fn === 0x45) this.#qr.ec = QR_EC_BY_CODE[b[7] ?? 48] ?? 'L';
      else if (fn === 0x50) this.#qr.data = Buffer.from(b.subarray(8));
      else if (fn === 0x51) this.#qrSymbol();
    } else if (b[2] === 0x4c) {
      if (fn === 0x70) this.#storeGraphics(b.subarray(5));
      else if (fn === 0x32 && this.#graphics)
        this.#raster(this.#graphics.width, this.#graphics.height, this.#graphics.data);
    }
  }

  #qrSymbol(): void {
    const data = this.#qr.data.toString('latin1');
    if (!data) return void this.#paper.note('QR print with no data stored');
    const symbol = qrDots(data, this.#qr.ec, this.#qr.moduleSize);
    if (symbol) this.#paper.bitmap(symbol, `[QR ${data}]`);
    else this.#paper.note('QR data too long for a symbol; nothing printed');
  }

  #barcodeSymbol(b: Buffer): void {
    const m = b[2]!;
    const data = m <= 6 ? b.subarray(3, b.length - 1) : b.subarray(4);
    const code = m === 73 ? readCode128(data) : null;
    const text = code ? code.text : data.toString('latin1');
    if (code)
      this.#paper.bitmap(
        code128Dots(code, this.#barcode.module, this.#barcode.height),
        `[BARCODE 73 ${text}]`,
      );
    else {
      // other symbologies (and broken CODE128 data): a grey box of the right height, labelled
      if (m === 73) this.#paper.note('CODE128 data breaks the code-set rules');
      const width = Math.min(this.#paper.areaWidth(), (data.length * 11 + 35) * this.#barcode.module);
      const dots = new Uint8Array(width * this.#barcode.height).map((_, i) =>
        (i % width) % 4 === 0 ? 1 : 0,
      );
      this.#paper.bitmap({ width, height: this.#barcode.height, dots }, `[BARCODE ${m} ${text}]`);
    }
    if (this.#barcode.hri === 2 || this.#barcode.hri === 3) this.#paper.textLine(text);
  }

  /** GS 8 L / GS ( L fn 112: m fn a bx by c xL xH yL yH d1..dk, kept until fn 50 prints it. */
  #storeGraphics(p: Buffer): void {
    if (p[1] !== 0x70 || p.length < 10) return void this.#paper.note('graphics command not drawn');
    this.#graphics = {
      width: p.readUInt16LE(6),
      height: p.readUInt16LE(8),
      data: Buffer.from(p.subarray(10)),
    };
  }

  #raster(width: number, height: number, packed: Uint8Array): void {
    const d = rasterDots(width, height, packed, PAPER_DOTS);
    this.#paper.bitmap(d, `[IMAGE ${d.width}x${d.height}]`);
  }
}

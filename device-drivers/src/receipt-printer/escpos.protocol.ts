/**
 * ESC/POS as driver and emulator both speak it: command bytes, builders, and the status bytes
 * the printer sends back (real-time status DLE EOT n, automatic status back GS a, the process
 * ID response of GS ( H that confirms a receipt after its cut). One file for both sides so they
 * cannot drift apart. Bit layouts follow the Epson ESC/POS reference (TM-T88 class, 80 mm).
 */
export const LF = 0x0a;
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const ENQ = 0x05;
export const DC4 = 0x14;

/** 80 mm paper, 203 dpi: 576 dots, 48 columns of Font A (12 × 24 dots); a Chinese glyph is 24 × 24. */
export const PAPER_DOTS = 576;
export const COLUMNS = 48;
export const FONT_A_WIDTH = 12;
export const FONT_HEIGHT = 24;

export type Alignment = 'left' | 'center' | 'right';
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
const QR_EC: Record<QrErrorCorrection, number> = { L: 48, M: 49, Q: 50, H: 51 };
export const QR_EC_BY_CODE: Record<number, QrErrorCorrection> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

const bytes = (...b: number[]): Buffer => Buffer.from(b);

/** ESC @: clears the print buffer and resets every mode to its power-on value. */
export const initialize = (): Buffer => bytes(ESC, 0x40);
/** FS & / FS .: Chinese (double-byte GB18030) character mode on or off. */
export const chineseMode = (on: boolean): Buffer => (on ? bytes(FS, 0x26) : bytes(FS, 0x2e));
/** ESC t n: single-byte code page (0 = PC437) used outside Chinese mode. */
export const codePage = (n: number): Buffer => bytes(ESC, 0x74, n);
export const align = (a: Alignment): Buffer => bytes(ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2);
export const bold = (on: boolean): Buffer => bytes(ESC, 0x45, on ? 1 : 0);
export const underline = (dots: 0 | 1 | 2): Buffer => bytes(ESC, 0x2d, dots);
/** GS ! n: width and height multipliers 1..8. */
export const characterSize = (width: number, height: number): Buffer =>
  bytes(GS, 0x21, (((width - 1) & 7) << 4) | ((height - 1) & 7));
export const feedLines = (n: number): Buffer => bytes(ESC, 0x64, n);
export const lineFeed = (): Buffer => bytes(LF);

/** GS ( k: QR model 2, module size, error correction, store the data, print the symbol. */
export function qrCode(data: Buffer, moduleSize = 6, ec: QrErrorCorrection = 'M'): Buffer {
  const store = data.length + 3;
  return Buffer.concat([
    bytes(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0),
    bytes(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleSize),
    bytes(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, QR_EC[ec]),
    bytes(GS, 0x28, 0x6b, store & 0xff, store >> 8, 0x31, 0x50, 0x30),
    data,
    bytes(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30),
  ]);
}

/** GS k 73: CODE128 (code set B) with the human-readable text below (GS H 2). */
export function barcode128(data: string, height = 60): Buffer {
  const payload = Buffer.from(`{B${data}`, 'ascii');
  return Buffer.concat([
    bytes(GS, 0x68, height, GS, 0x77, 2, GS, 0x48, 2),
    bytes(GS, 0x6b, 73, payload.length),
    payload,
  ]);
}

/** GS v 0: a raster bit image, `width` dots wide, rows packed MSB first, 1 = black. */
export function rasterImage(width: number, height: number, packedRows: Uint8Array): Buffer {
  const wb = Math.ceil(width / 8);
  if (packedRows.length !== wb * height) throw new RangeError('raster size does not match');
  return Buffer.concat([
    bytes(GS, 0x76, 0x30, 0, wb & 0xff, wb >> 8, height & 0xff, height >> 8),
    packedRows,
  ]);
}

/** GS V 66 n: feed to the cutter (+ n dots) and cut, leaving one point uncut (partial cut). */
export const partialCut = (feedDots = 0): Buffer => bytes(GS, 0x56, 66, feedDots);

/** GS a n: which status changes the printer sends by itself (ASB). */
export const ASB_DRAWER = 0x01;
export const ASB_ONLINE = 0x02;
export const ASB_ERROR = 0x04;
export const ASB_PAPER = 0x08;
export const autoStatusBack = (mask: number): Buffer => bytes(GS, 0x61, mask);

/** DLE EOT n (real-time): 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type RealtimeStatusKind = 1 | 2 | 3 | 4;
export const realtimeStatusRequest = (n: RealtimeStatusKind): Buffer => bytes(DLE, EOT, n);

/** DLE DC4 8 (real-time): clear the receive and print buffers, so a half receipt is not resumed. */
export const CLEAR_BUFFERS = [DLE, DC4, 8, 1, 3, 20, 1, 6, 2, 8] as const;
export const clearBuffers = (): Buffer => bytes(...CLEAR_BUFFERS);

/** GS ( H fn 48: answer with the process ID once everything before it is printed. */
export function processIdRequest(id: string): Buffer {
  if (!/^[0-9]{4}$/.test(id)) throw new RangeError('process ID is four digits');
  return Buffer.concat([bytes(GS, 0x28, 0x48, 6, 0, 0x30, 0x30), Buffer.from(id, 'ascii')]);
}
export const PROCESS_ID_HEADER = 0x37;
export const PROCESS_ID_KIND = 0x22;
export const processIdResponse = (id: string): Buffer =>
  Buffer.concat([bytes(PROCESS_ID_HEADER, PROCESS_ID_KIND), Buffer.from(id, 'ascii'), bytes(0)]);
/** The printer's answer once DLE DC4 8 cleared its buffers: header 37, identifier 25, NUL. */
export const CLEAR_RESPONSE = [PROCESS_ID_HEADER, 0x25, 0] as const;

/** What the printer knows about itself; both status encodings map to and from this. */
export interface PrinterFlags {
  offline: boolean;
  coverOpen: boolean;
  paperFeedButton: boolean;
  waitingForRecovery: boolean;
  stoppedByPaperEnd: boolean;
  errorOccurred: boolean;
  recoverableError: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
}

export const NORMAL_FLAGS: Readonly<PrinterFlags> = Object.freeze({
  offline: false,
  coverOpen: false,
  paperFeedButton: false,
  waitingForRecovery: false,
  stoppedByPaperEnd: false,
  errorOccurred: false,
  recoverableError: false,
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
  paperNearEnd: false,
  paperOut: false,
});

const bit = (on: boolean, n: number): number => (on ? 1 << n : 0);
const has = (b: number, n: number): boolean => (b & (1 << n)) !== 0;

/** A DLE EOT answer byte: bits 1 and 4 set, bits 0 and 7 clear. */
export const isRealtimeStatusByte = (b: number): boolean => (b & 0x93) === 0x12;
/** First ASB byte: bit 4 set, bits 0, 1 and 7 clear (bit 1 tells it from a DLE EOT byte). */
export const isAsbFirstByte = (b: number): boolean => (b & 0x93) === 0x10;
/** ASB bytes 2 to 4: bits 4 and 7 clear. */
export const isAsbFollowingByte = (b: number): boolean => (b & 0x90) === 0x00;

export function encodeRealtimeStatus(n: RealtimeStatusKind, f: PrinterFlags): number {
  const base = 0x12;
  switch (n) {
    case 1:
      return base | bit(f.offline, 3) | bit(f.waitingForRecovery, 5) | bit(f.paperFeedButton, 6);
    case 2:
      return (
        base |
        bit(f.coverOpen, 2) |
        bit(f.paperFeedButton, 3) |
        bit(f.stoppedByPaperEnd, 5) |
        bit(f.errorOccurred, 6)
      );
    case 3:
      return (
        base |
        bit(f.recoverableError, 2) |
        bit(f.cutterError, 3) |
        bit(f.unrecoverableError, 5) |
        bit(f.autoRecoverableError, 6)
      );
    case 4:
      return base | (f.paperNearEnd ? 0x0c : 0) | (f.paperOut ? 0x60 : 0);
  }
}

/** Reads one DLE EOT answer into the flags it speaks about; other flags stay as they were. */
export function applyRealtimeStatus(n: RealtimeStatusKind, b: number, f: PrinterFlags): PrinterFlags {
  switch (n) {
    case 1:
      return { ...f, offline: has(b, 3), waitingForRecovery: has(b, 5), paperFeedButton: has(b, 6) };
    case 2:
      return { ...f, coverOpen: has(b, 2), stoppedByPaperEnd: has(b, 5), errorOccurred: has(b, 6) };
    case 3:
      return {
        ...f,
        recoverableError: has(b, 2),
        cutterError: has(b, 3),
        unrecoverableError: has(b, 5),
        autoRecoverableError: has(b, 6),
      };
    case 4:
      return { ...f, paperNearEnd: (b & 0x0c) !== 0, paperOut: (b & 0x60) !== 0 };
  }
}

export function encodeAsb(f: PrinterFlags): Buffer {
  return bytes(
    0x10 | bit(f.offline, 3) | bit(f.coverOpen, 5) | bit(f.paperFeedButton, 6),
    bit(f.recoverableError, 2) |
      bit(f.cutterError, 3) |
      bit(f.unrecoverableError, 5) |
      bit(f.autoRecoverableError, 6),
    (f.paperNearEnd ? 0x03 : 0) | (f.paperOut ? 0x0c : 0),
    0,
  );
}

export function decodeAsb(b: ArrayLike<number>): PrinterFlags {
  const [b1 = 0, b2 = 0, b3 = 0] = [b[0], b[1], b[2]];
  const paperOut = (b3 & 0x0c) !== 0;
  const errorOccurred = (b2 & 0x6c) !== 0;
  return {
    offline: has(b1, 3),
    coverOpen: has(b1, 5),
    paperFeedButton: has(b1, 6),
    waitingForRecovery: false,
    stoppedByPaperEnd: paperOut && has(b1, 3),
    errorOccurred,
    recoverableError: has(b2, 2),
    cutterError: has(b2, 3),
    unrecoverableError: has(b2, 5),
    autoRecoverableError: has(b2, 6),
    paperNearEnd: (b3 & 0x03) !== 0,
    paperOut,
  };
}

/** One thing the printer said, as the driver reads it from the stream. */
export type PrinterResponse =
  | { readonly kind: 'asb'; readonly flags: PrinterFlags }
  | { readonly kind: 'realtime'; readonly byte: number }
  | { readonly kind: 'processId'; readonly id: string }
  /** the buffers cleared (DLE DC4 8 done) */
  | { readonly kind: 'cleared' }
  | { readonly kind: 'invalid'; readonly byte: number };

/** Splits the printer's byte stream into responses, checking the fixed bits of each. */
export class PrinterResponseReader {
  #pending: number[] = [];

  push(chunk: Uint8Array): PrinterResponse[] {
    const out: PrinterResponse[] = [];
    for (const b of chunk) this.#take(b, out);
    return out;
  }

  #take(b: number, out: PrinterResponse[]): void {
    const p = this.#pending;
    if (p.length === 0) {
      if (isAsbFirstByte(b) || b === PROCESS_ID_HEADER) p.push(b);
      else if (isRealtimeStatusByte(b)) out.push({ kind: 'realtime', byte: b });
      else out.push({ kind: 'invalid', byte: b });
      return;
    }
    if (p[0] === PROCESS_ID_HEADER && p[1] === CLEAR_RESPONSE[1]) {
      if (b !== 0) return this.#reject(b, out);
      out.push({ kind: 'cleared' });
      this.#pending = [];
      return;
    }
    if (p[0] === PROCESS_ID_HEADER) {
      const i = p.length;
      const ok =
        i === 1 ? b === PROCESS_ID_KIND || b === CLEAR_RESPONSE[1] : i < 6 ? b >= 0x30 && b <= 0x39 : b === 0;
      if (!ok) return this.#reject(b, out);
      p.push(b);
      if (p.length === 7) {
        out.push({ kind: 'processId', id: String.fromCharCode(...p.slice(2, 6)) });
        this.#pending = [];
      }
      return;
    }
    if (!isAsbFollowingByte(b)) return this.#reject(b, out);
    p.push(b);
    if (p.length === 4) {
      out.push({ kind: 'asb', flags: decodeAsb(p) });
      this.#pending = [];
    }
  }

  /** The pending start was not what it looked like: report its first byte, re-read the rest. */
  #reject(b: number, out: PrinterResponse[]): void {
    const [first = 0, ...rest] = this.#pending;
    this.#pending = [];
    out.push({ kind: 'invalid', byte: first });
    for (const r of [...rest, b]) this.#take(r, out);
  }
}

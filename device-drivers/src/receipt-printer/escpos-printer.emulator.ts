/**
 * A byte-level ESC/POS receipt printer: listens on TCP (port 9100 style) or takes a stream
 * (serial), parses what it receives, prints it onto emulated paper, and answers status bytes as
 * an 80 mm thermal printer does: DLE EOT n at once even while offline, automatic status back
 * (GS a) on every change, and the process ID response (GS ( H) only once everything before it,
 * cut included, is done. Each cut receipt is kept as text and PNG.
 *
 * Control surface (tests, field-staff training, the demo panel): paper near end / out / out
 * after some length, load paper, cover open / closed, cutter fault / repaired, print head
 * overheated / cooled, disconnect / reconnect, slow printer.
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { EscposEmulatorLine } from './escpos-emulator-line.js';
import {
  setEmulatedPrinterFault,
  type EmulatedReceipt,
  type EscposPrinterEmulatorOptions,
  type ReceiptPrinterEmulatorFault,
} from './escpos-printer-emulator-options.js';
import type { EscposToken } from './escpos-stream.parser.js';
import {
  DC4,
  ENQ,
  EOT,
  encodeAsb,
  encodeRealtimeStatus,
  CLEAR_BUFFERS,
  CLEAR_RESPONSE,
  type PrinterFlags,
  type RealtimeStatusKind,
} from './escpos.protocol.js';
import { printerCommandOf } from './emulated-printer-commands.js';
import { emulatedPrinterFlags, isCutCommand } from './emulated-printer-flags.js';
import { ReceiptPaper, type PrintedReceipt } from './receipt-paper.js';
import { receiptToPng, receiptToText } from './printed-receipt.renderer.js';

export {
  RECEIPT_PRINTER_EMULATOR_FAULTS,
  type EmulatedReceipt,
  type EscposPrinterEmulatorOptions,
  type ReceiptPrinterEmulatorFault,
} from './escpos-printer-emulator-options.js';

export class EscposPrinterEmulator extends EventEmitter<{
  receipt: [EmulatedReceipt];
  /** paper fed by one printed line or image, in dots */
  fed: [number];
  status: [PrinterFlags];
  log: [string];
}> {
  readonly receipts: EmulatedReceipt[] = [];
  #paper: ReceiptPaper;
  #remaining: number;
  #nearEndAt: number;
  #msPerLine: number;
  #coverOpen = false;
  #cutterFault = false;
  #cutterError = false;
  #headHot = false;
  #asbMask = 0;
  #lastAsb = '';
  #queue: EscposToken[] = [];
  #pumping = false;
  #closed = false;
  #printedCount = 0;
  readonly #line = new EscposEmulatorLine(
    (tokens, from) => this.#receive(tokens, from),
    (line) => this.#log(line),
  );

  constructor(private readonly options: EscposPrinterEmulatorOptions = {}) {
    super();
    this.#paper = new ReceiptPaper(options.chineseByDefault ?? false);
    this.#remaining = options.paperLength ?? 200_000;
    this.#nearEndAt = options.nearEndAt ?? 16_000;
    this.#msPerLine = options.msPerLine ?? 0;
  }

  /** Listens on TCP; port 0 picks a free one. Resolves with the address to connect to. */
  listen(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    return this.#line.listen(port, host);
  }

  /** Takes one connection: a TCP socket, a serial port, an in-memory duplex. */
  attach(stream: Duplex): void {
    this.#line.attach(stream);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#line.close();
  }

  // ---- control surface ------------------------------------------------------------------

  /** Leaves `dots` of paper on the roll (near end when under the threshold, out at 0). */
  setPaperRemaining(dots: number): void {
    this.#remaining = Math.max(0, dots);
    this.#statusChanged();
    void this.#pump();
  }
  paperNearEnd(): void {
    this.setPaperRemaining(this.#nearEndAt - 1);
  }
  paperOut(): void {
    this.setPaperRemaining(0);
  }
  loadPaper(length = this.options.paperLength ?? 200_000): void {
    this.setPaperRemaining(length);
  }
  openCover(): void {
    this.#coverOpen = true;
    this.#statusChanged();
  }
  closeCover(): void {
    this.#coverOpen = false;
    this.#statusChanged();
    void this.#pump();
  }
  /** The next cut fails (autocutter error) until `repairCutter`. */
  jamCutter(): void {
    this.#cutterFault = true;
  }
  repairCutter(): void {
    this.#cutterFault = false;
    this.#cutterError = false;
    this.#statusChanged();
    void this.#pump();
  }
  /** The print head too hot: printing stops (auto-recoverable error) until `coolHead`, then goes on. */
  overheatHead(): void {
    this.#headHot = true;
    this.#statusChanged();
  }
  coolHead(): void {
    this.#headHot = false;
    this.#statusChanged();
    void this.#pump();
  }
  /** Pulls the cable: open connections drop, new ones are refused, nothing is answered. */
  disconnect(): void {
    this.#line.disconnect();
  }
  reconnect(): void {
    this.#line.reconnect();
  }
  /** The demo panel's faults by name (`setEmulatedPrinterFault`); null puts things right. */
  setFault(fault: ReceiptPrinterEmulatorFault | null): void {
    setEmulatedPrinterFault(this, fault);
  }
  setMsPerLine(ms: number): void {
    this.#msPerLine = Math.max(0, ms);
  }

  // ---- observation ----------------------------------------------------------------------

  flags(): PrinterFlags {
    return emulatedPrinterFlags({
      paperRemaining: this.#remaining,
      nearEndAt: this.#nearEndAt,
      coverOpen: this.#coverOpen,
      cutterError: this.#cutterError,
      headHot: this.#headHot,
    });
  }

  get paperRemaining(): number {
    return this.#remaining;
  }

  lastReceipt(): EmulatedReceipt | undefined {
    return this.receipts[this.receipts.length - 1];
  }

  /** Resolves with the next receipt cut. */
  nextReceipt(): Promise<EmulatedReceipt> {
    return new Promise((resolve) => this.once('receipt', resolve));
  }

  // ---- the printer ----------------------------------------------------------------------

  #receive(tokens: EscposToken[], from: Duplex): void {
    for (const t of tokens) {
      if (t.kind === 'realtime') this.#realtime(t.code, t.bytes, from);
      else this.#queue.push(t);
    }
    void this.#pump();
  }

  #realtime(code: number, b: Buffer, from: Duplex): void {
    const n = b[2] ?? 0;
    if (code === EOT && n >= 1 && n <= 4) {
      from.write(Buffer.of(encodeRealtimeStatus(n as RealtimeStatusKind, this.flags())));
    } else if (code === DC4 && n === 8 && b.equals(Buffer.from(CLEAR_BUFFERS))) {
      this.#queue = [];
      this.#paper.discard();
      this.#log('buffers cleared');
      from.write(Buffer.from(CLEAR_RESPONSE));
    } else if (code === ENQ && (n === 1 || n === 2) && this.#cutterError && !this.#cutterFault) {
      this.#cutterError = false;
      if (n === 2) this.#queue = [];
      this.#statusChanged();
    } else {
      this.#log(`real-time command ${b.toString('hex')} ignored`);
    }
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0 && !this.flags().offline && !this.#closed) {
        const token = this.#queue[0]!;
        if (isCutCommand(token) && this.#cutterFault) {
          this.#cutterError = true;
          this.#log('autocutter error');
          this.#statusChanged();
          break;
        }
        this.#queue.shift();
        if (this.#printerCommand(token)) continue;
        const before = this.#paper.fedSinceCut;
        const cut = this.#paper.execute(token);
        const fed = (cut ? cut.length : this.#paper.fedSinceCut) - before;
        if (fed > 0) {
          const wasNearEnd = this.flags().paperNearEnd;
          this.#remaining = Math.max(0, this.#remaining - fed);
          if (this.#remaining === 0 || this.flags().paperNearEnd !== wasNearEnd) this.#statusChanged();
          this.emit('fed', fed);
          if (this.#msPerLine > 0) await delay(this.#msPerLine);
        }
        if (cut) this.#delivered(cut);
        for (const note of this.#paper.notes.splice(0)) this.#log(note);
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** Commands about the printer rather than the paper: ASB, process ID, transmit status (`emulated-printer-commands.ts`). */
  #printerCommand(t: EscposToken): boolean {
    const command = printerCommandOf(t, () => this.flags());
    if (command?.act === 'log') this.#log(command.line);
    else if (command?.act === 'answer') this.#line.broadcast(command.bytes);
    else if (command?.act === 'asb') {
      this.#asbMask = command.mask;
      this.#lastAsb = '';
      this.#sendAsb();
    }
    return command !== undefined;
  }

  #delivered(paper: PrintedReceipt): void {
    this.#printedCount += 1;
    const fontPath = this.options.fontPath;
    const receipt: EmulatedReceipt = {
      index: this.#printedCount,
      printedAt: new Date(),
      paper,
      text: receiptToText(paper),
      png: () => receiptToPng(paper, fontPath),
    };
    this.receipts.push(receipt);
    if (this.receipts.length > (this.options.keepReceipts ?? 50)) this.receipts.shift();
    this.emit('receipt', receipt);
  }

  #statusChanged(): void {
    this.emit('status', this.flags());
    this.#sendAsb();
  }

  #sendAsb(): void {
    if (this.#asbMask === 0) return;
    const asb = encodeAsb(this.flags());
    const key = asb.toString('hex');
    if (key === this.#lastAsb) return;
    this.#lastAsb = key;
    this.#line.broadcast(asb);
  }

  #log(line: string): void {
    this.options.log?.(line);
    this.emit('log', line);
  }
}

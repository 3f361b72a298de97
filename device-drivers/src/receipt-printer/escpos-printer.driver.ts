/**
 * ESC/POS receipt printer driver over any byte stream: a TCP socket (port 9100 style), a serial
 * port, an in-memory duplex. Status comes from the printer, never from hope: DLE EOT 1–4 on
 * open, before each receipt and while printing; automatic status back (GS a) for changes; the
 * fixed bits of every status byte are checked. A receipt counts as printed only when the
 * printer answers the process ID request (GS ( H) sent after the cut. When a receipt fails
 * half-way the driver clears the printer's buffers so the rest does not come out later.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import { closeSerialStream } from '../common/close-serial-stream.js';
import type { Unsubscribe } from '../common/device-port.js';
import type { ReplenishableSupply, ReplenishResult } from '../common/supply-replenishment.js';
import { encodeReceipt } from './escpos-receipt.encoder.js';
import type { EscposPrinterDriverOptions } from './escpos-printer-driver.options.js';
import { emptyPrinterBin, RECEIPT_PAPER, refillPaper } from './receipt-paper-supply.js';
import { printerFault, receiptPrinterStatus } from './receipt-printer-status.js';
import { cancelled, watchReceiptUnderWay } from './receipt-under-way.js';
import { AnswersByOrder } from '../common/answers-by-order.js';
import {
  ASB_ERROR,
  ASB_ONLINE,
  ASB_PAPER,
  NORMAL_FLAGS,
  PrinterResponseReader,
  applyRealtimeStatus,
  autoStatusBack,
  clearBuffers,
  processIdRequest,
  realtimeStatusRequest,
  type PrinterFlags,
  type RealtimeStatusKind,
} from './escpos.protocol.js';
import {
  parseReceipt,
  type PrintResult,
  type Receipt,
  type ReceiptPrinterPort,
} from './receipt-printer.port.js';

export type { EscposPrinterDriverOptions } from './escpos-printer-driver.options.js';

interface Pending<T> {
  resolve(value: T): void;
  reject(error: KioskError): void;
}

export class EscposPrinterDriver implements ReceiptPrinterPort {
  readonly kind = 'receiptPrinter' as const;
  /** status bytes that failed their validity check */
  invalidBytes = 0;
  #stream: Duplex | null = null;
  #reader = new PrinterResponseReader();
  #flags: PrinterFlags | null = null;
  #printing = false;
  readonly #realtime = new AnswersByOrder<number>();
  #processIds = new Map<string, Pending<void>>();
  #faultWatch: ((f: PrinterFlags) => void) | null = null;
  #listeners = new Set<(s: DeviceStatus) => void>();
  #status: DeviceStatus;
  #nextId = 0;
  #idleTimer: NodeJS.Timeout | null = null;
  /** counts the closes: a connect or an open under way as the driver closed ends there */
  #closes = 0;

  constructor(private readonly options: EscposPrinterDriverOptions) {
    this.#status = this.#compute();
  }

  async open(signal?: AbortSignal): Promise<void> {
    const closes = this.#closes;
    try {
      await this.#ensureConnected(signal);
      await this.refreshStatus(signal);
    } catch (e) {
      if (!KioskError.is(e, ErrorCode.DEVICE_OFFLINE)) throw e;
      this.#log('printer offline at open; will retry');
    }
    if (closes !== this.#closes) throw closedMeanwhile();
    const every = this.options.idlePollMs ?? 5000;
    if (every > 0 && !this.#idleTimer) {
      this.#idleTimer = setInterval(() => {
        // a failed poll: the status already says offline; the next poll retries
        if (!this.#printing) this.refreshStatus().catch(() => undefined);
      }, every);
      this.#idleTimer.unref();
    }
  }

  async close(): Promise<void> {
    this.#closes += 1;
    if (this.#idleTimer) clearInterval(this.#idleTimer);
    this.#idleTimer = null;
    // a serial port is closed, not only destroyed: that would leave its descriptor open and locked
    if (this.#stream) await closeSerialStream(this.#stream);
    this.#dropped();
  }

  status(): DeviceStatus {
    return this.#status;
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Asks DLE EOT 1–4 now; DEVICE_OFFLINE when the printer does not answer. */
  async refreshStatus(signal?: AbortSignal): Promise<DeviceStatus> {
    const statusTimeoutMs = this.options.statusTimeoutMs ?? 1000;
    await this.#realtime.catchUp(statusTimeoutMs); // late answers to requests given up on: not these
    const stream = await this.#ensureConnected(signal);
    const kinds: RealtimeStatusKind[] = [1, 2, 3, 4];
    const answers = this.#realtime.expect(kinds.length);
    stream.write(Buffer.concat(kinds.map(realtimeStatusRequest)));
    const timer = setTimeout(() => this.#noAnswer(), statusTimeoutMs);
    try {
      const bytes = await Promise.all(answers);
      this.#flags = kinds.reduce(
        (f, n, i) => applyRealtimeStatus(n, bytes[i]!, f),
        this.#flags ?? { ...NORMAL_FLAGS },
      );
      this.#publish();
      this.#faultWatch?.(this.#flags);
      return this.#status;
    } finally {
      clearTimeout(timer);
    }
  }

  /** DLE EOT 1–4 now; an unreachable printer answers its offline status. */
  selfTest(signal?: AbortSignal): Promise<DeviceStatus> {
    return this.refreshStatus(signal).catch(() => this.status());
  }

  replenishableSupplies(): readonly ReplenishableSupply[] {
    return RECEIPT_PAPER;
  }

  refillSupply(supply: string, added: number, signal?: AbortSignal): Promise<ReplenishResult> {
    return refillPaper(supply, added, () => this.refreshStatus(signal));
  }

  emptySupplyBin(supply: string): Promise<ReplenishResult> {
    return emptyPrinterBin(supply);
  }

  async print(receipt: Receipt, signal?: AbortSignal): Promise<PrintResult> {
    const valid = parseReceipt(receipt);
    if (this.#printing) {
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'The printer is printing another receipt.');
    }
    if (signal?.aborted) throw cancelled();
    this.#printing = true;
    const id = String(this.#nextId++ % 10_000).padStart(4, '0');
    const cleanups: (() => void)[] = [];
    let sent = false;
    try {
      await this.refreshStatus(signal);
      const before = printerFault(this.#flags, false);
      if (before) throw before;
      const bytes = encodeReceipt(valid, this.options.encoding);
      this.#publish();
      await new Promise<void>((resolve, reject) => {
        const fail = (e: KioskError) => reject(e);
        this.#processIds.set(id, { resolve, reject: fail });
        // a fault, a head too hot too long, the deadline, a poll unanswered, the abort (`receipt-under-way.ts`)
        const flags = () => this.#flags;
        const watch = watchReceiptUnderWay(fail, flags, () => this.refreshStatus(), this.options, signal);
        this.#faultWatch = watch.statusRead;
        cleanups.push(...watch.stops);
        this.#stream!.write(bytes);
        this.#stream!.write(processIdRequest(id));
        sent = true;
      });
      return { printed: true, bytes: bytes.length };
    } catch (e) {
      cleanups.splice(0).forEach((c) => c());
      this.#faultWatch = null;
      if (sent) await this.#clearPrinter();
      throw e;
    } finally {
      cleanups.forEach((c) => c());
      this.#processIds.delete(id);
      this.#faultWatch = null;
      this.#printing = false;
      this.#publish();
    }
  }

  /**
   * Clears the printer's buffers so the rest of a failed receipt never comes out after the
   * fault is fixed; a status round trip behind it proves the printer has read the clear.
   */
  async #clearPrinter(): Promise<void> {
    if (!this.#stream || this.#stream.destroyed) return;
    this.#stream.write(clearBuffers());
    await this.refreshStatus().catch(() => undefined);
  }

  // ---- stream and responses ---------------------------------------------------------------

  async #ensureConnected(signal?: AbortSignal): Promise<Duplex> {
    if (this.#stream && !this.#stream.destroyed) return this.#stream;
    const closes = this.#closes;
    const stream = await this.options.connect(signal, 'receipt printer').catch((cause: unknown) => {
      throw KioskError.is(cause)
        ? cause
        : new KioskError(ErrorCode.DEVICE_OFFLINE, 'The receipt printer cannot be reached.', {}, { cause });
    });
    // the driver closed while it connected: the port it opened is not kept
    if (closes !== this.#closes) {
      await closeSerialStream(stream);
      throw closedMeanwhile();
    }
    this.#stream = stream;
    this.#reader = new PrinterResponseReader();
    stream.on('data', (chunk: Buffer) => this.#onData(chunk));
    stream.on('error', (e) => this.#log(`connection error: ${e.message}`));
    stream.on('close', () => {
      if (this.#stream === stream) this.#dropped();
    });
    stream.write(autoStatusBack(ASB_ONLINE | ASB_ERROR | ASB_PAPER));
    return stream;
  }

  #onData(chunk: Buffer): void {
    for (const r of this.#reader.push(chunk)) {
      if (r.kind === 'realtime') this.#realtime.take(r.byte);
      else if (r.kind === 'processId') this.#processIds.get(r.id)?.resolve();
      else if (r.kind === 'cleared') this.#log('buffers cleared');
      else if (r.kind === 'asb') {
        this.#flags = r.flags;
        this.#publish();
        this.#faultWatch?.(r.flags);
      } else {
        this.invalidBytes += 1;
        this.#log(`status byte 0x${r.byte.toString(16)} failed its validity check`);
      }
    }
  }

  /** `late`: the printer may still answer what it was asked (not after the connection is gone) */
  #noAnswer(late = true): void {
    const offline = new KioskError(ErrorCode.DEVICE_OFFLINE, 'The receipt printer does not answer.');
    this.#realtime.giveUp(offline, late);
    this.#flags = null;
    this.#publish();
  }

  #dropped(): void {
    this.#stream = null;
    this.#noAnswer(false);
    const offline = new KioskError(
      ErrorCode.DEVICE_OFFLINE,
      'The connection to the receipt printer was lost.',
    );
    for (const w of this.#processIds.values()) w.reject(offline);
  }

  // ---- status model -----------------------------------------------------------------------

  #compute(): DeviceStatus {
    return receiptPrinterStatus(this.#flags, this.#printing, this.options.now?.() ?? new Date());
  }

  #publish(): void {
    const next = this.#compute();
    const same = (s: DeviceStatus) => JSON.stringify({ ...s, updatedAt: '' });
    if (same(next) === same(this.#status)) return;
    this.#status = next;
    for (const l of this.#listeners) l(next);
  }

  #log(line: string): void {
    this.options.log?.(line);
  }
}

const closedMeanwhile = () => new KioskError(ErrorCode.DEVICE_OFFLINE, 'The receipt printer was closed.');

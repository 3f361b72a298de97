/**
 * A byte-level instant-issuance card printer speaking the escape-framed command set of
 * `card-printer.protocol.ts`: listens on TCP (port 9100 style) or takes any stream (serial),
 * answers each frame in order, and never crashes on what it receives: a torn or malformed
 * frame gets "ERR;ERR_FRAME;<reason>" and the parser resynchronises on the next ESC.
 *
 * Control surface (tests, field-staff training, the demo panel): `loadHopper`, `loadRibbon`,
 * `emptyRejectBin`, `takeCard` (returns the card id, which the customer card reader can take
 * as it is: the same persisted chip), `setFault` / `clearFault`, `clearJam`, `closeCover`,
 * `counts()`, and the last printed face as RGB (`lastFace`).
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { FacePanels } from './card-face.panels.js';
import { panelsToRgb } from './card-face.panels.js';
import {
  CARD_PRINTER_FAULTS,
  type BlankCounts,
  type CardPrinterFault,
  CardPrinterMechanics,
  type CardPrinterMechanicsOptions,
  MechanicsRefusal,
} from './card-printer-mechanics.js';
import {
  CommandParser,
  errorReply,
  type InboundFrame,
  POSITION_REPLY,
  PrinterError,
  reply,
  volts,
} from './card-printer.protocol.js';
import type { PrinterCardPosition } from './card-printer.port.js';

export interface EvolisPrinterEmulatorOptions extends CardPrinterMechanicsOptions {
  /** how long one card movement or print takes (default 0: the event loop only) */
  readonly msPerStep?: number;
  /** the feeder's near-empty sensor trips at or under this count (default 10) */
  readonly nearEmptyAt?: number;
}

export interface PrintedFace {
  readonly cardId: string | null;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly rgb: Uint8Array;
  /** the embossed or indented text, if the job had one */
  readonly emboss?: string;
}

interface Job {
  panels: Partial<Record<string, Buffer>>;
  width: number;
  height: number;
  emboss?: string;
}

export class EvolisPrinterEmulator {
  readonly mechanics: CardPrinterMechanics;
  private readonly msPerStep: number;
  private readonly nearEmptyAt: number;
  private server: Server | null = null;
  private readonly streams = new Set<Duplex>();
  private job: Job | null = null;
  private printed: PrintedFace | null = null;
  private readonly takenListeners = new Set<(cardId: string | null) => void>();

  constructor(options: EvolisPrinterEmulatorOptions = {}) {
    this.mechanics = new CardPrinterMechanics(options);
    this.msPerStep = options.msPerStep ?? 0;
    this.nearEmptyAt = options.nearEmptyAt ?? 10;
  }

  /** Listens on TCP; port 0 picks a free one. */
  async listen(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    const server = createServer((socket: Socket) => this.attach(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    return { host: address.address, port: address.port };
  }

  /** Serves one connection (TCP socket, serial port, in-memory duplex); frames answered in order. */
  attach(stream: Duplex): void {
    const parser = new CommandParser();
    let queue = Promise.resolve();
    this.streams.add(stream);
    stream.on('data', (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) {
        queue = queue.then(async () => {
          const answer = await this.answer(frame);
          if (!stream.destroyed) stream.write(answer);
        });
      }
    });
    stream.on('error', () => stream.destroy());
    stream.on('close', () => this.streams.delete(stream));
  }

  async close(): Promise<void> {
    for (const s of this.streams) s.destroy();
    this.streams.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- control surface ------------------------------------------------------------------

  cardPosition(): PrinterCardPosition {
    return this.mechanics.position;
  }

  counts(): BlankCounts {
    return this.mechanics.counts();
  }

  /** The resident takes the card from the bezel: its card id (insert it in the card reader), or null. */
  takeCard(): string | null {
    const id = this.mechanics.take();
    if (this.mechanics.position === 'none' && id !== null) {
      for (const listener of this.takenListeners) listener(id);
    }
    return id;
  }

  onCardTaken(listener: (cardId: string | null) => void): () => void {
    this.takenListeners.add(listener);
    return () => this.takenListeners.delete(listener);
  }

  loadHopper(blanks: number): void {
    assertCount(blanks);
    this.mechanics.hopper += blanks;
    this.mechanics.loaded += blanks;
  }

  loadRibbon(prints: number): void {
    assertCount(prints);
    this.mechanics.ribbon = prints;
  }

  emptyRejectBin(): number {
    const count = this.mechanics.rejectBin;
    this.mechanics.rejectBin = 0;
    return count;
  }

  /**
   * Arms a fault; null is field staff putting things right: armed faults cleared, a jammed card
   * taken to the reject bin (stock taken out comes back only by loading it).
   */
  setFault(fault: CardPrinterFault | null): void {
    if (fault === null) {
      this.clearFault();
      void this.mechanics.clearJam();
      return;
    }
    if (!CARD_PRINTER_FAULTS.includes(fault)) {
      throw new KioskError(ErrorCode.INTERNAL, 'This device has no such emulated fault.', {
        fault: String(fault),
      });
    }
    this.mechanics.setFault(fault);
  }

  /** Clears armed faults (a fault that took stock out is undone by loading stock). */
  clearFault(fault?: CardPrinterFault): void {
    if (fault) this.mechanics.faults.delete(fault);
    else this.mechanics.faults.clear();
  }

  closeCover(): void {
    this.mechanics.faults.delete('coverOpen');
  }

  clearJam(): Promise<void> {
    return this.mechanics.clearJam();
  }

  /** The face of the last print job, as laid down on the card. */
  lastFace(): PrintedFace | null {
    return this.printed;
  }

  // ---- the command set ------------------------------------------------------------------

  private async answer(frame: InboundFrame): Promise<Buffer> {
    try {
      if (frame.kind === 'malformed') return errorReply(PrinterError.FRAME, frame.reason);
      if (frame.kind === 'panel') {
        if (!this.job) return errorReply(PrinterError.SEQUENCE, 'no sequence started');
        if (this.job.width !== 0 && (frame.width !== this.job.width || frame.height !== this.job.height)) {
          return errorReply(PrinterError.PARAMETER, 'panels of different sizes');
        }
        this.job.width = frame.width;
        this.job.height = frame.height;
        this.job.panels[frame.panel] = frame.data;
        return reply('OK');
      }
      return await this.run(frame.name, frame.params);
    } catch (e) {
      if (e instanceof MechanicsRefusal) return errorReply(e.word, e.detail);
      return errorReply(PrinterError.COMMAND, 'internal');
    }
  }

  private async run(name: string, params: readonly string[]): Promise<Buffer> {
    const m = this.mechanics;
    const key = [name, ...params].join(';');
    const offline = m.faults.has('offline');
    if (offline && name !== 'Rst') return errorReply(PrinterError.OFFLINE);
    switch (key) {
      case 'Rfv':
        return reply('KIOSK-EMU 1.0');
      case 'Rst':
        return reply(this.state());
      case 'Rlr;p':
        return reply(POSITION_REPLY[m.position]);
      case 'Rse;f':
        return reply(volts(m.hopper > 0));
      case 'Rse;n':
        return reply(volts(m.hopper <= this.nearEmptyAt));
      case 'Rse;o':
        return reply(volts(!m.faults.has('coverOpen')));
      case 'Rse;b':
        return reply(volts(m.position === 'outputSlot'));
      case 'Rlr;h':
        return reply(m.rejectBin >= m.rejectBinCapacity ? 'CARD' : 'NO CARD');
      case 'Rco;f':
        return reply(String(m.hopper));
      case 'Rco;r':
        return reply(`${m.rejectBin};${m.rejectBinCapacity}`);
      case 'Rrt;count':
        return reply(String(m.ribbon));
      case 'Pem;2':
      case 'Pneab;E':
        return reply('OK');
      case 'Sis':
        await this.step();
        await m.feedToChipStation();
        return reply('OK');
      case 'Ss':
        this.job = { panels: {}, width: 0, height: 0 };
        return reply('OK');
      case 'Se':
        return this.endSequence();
      case 'Sob':
        await this.step();
        await m.present();
        return reply('OK');
      case 'Ser':
        await this.step();
        await m.reject();
        return reply('OK');
    }
    if (name === 'Dem' && params.length === 1) {
      if (!this.job) return errorReply(PrinterError.SEQUENCE, 'no sequence started');
      if (!/^[0-9A-Z ]{1,24}$/.test(params[0] ?? ''))
        return errorReply(PrinterError.PARAMETER, 'emboss text');
      this.job.emboss = params[0];
      return reply('OK');
    }
    return errorReply(PrinterError.COMMAND, name.slice(0, 8));
  }

  private async endSequence(): Promise<Buffer> {
    const job = this.job;
    this.job = null;
    if (!job || !job.panels['k'] || !job.panels['y'] || !job.panels['m'] || !job.panels['c']) {
      return errorReply(PrinterError.SEQUENCE, 'a job needs the y, m, c and k panels');
    }
    await this.step();
    const cardId = this.mechanics.cardId;
    await this.mechanics.print();
    this.printed = {
      cardId,
      widthPx: job.width,
      heightPx: job.height,
      rgb: panelsToRgb(job.panels as FacePanels, job.width, job.height),
      ...(job.emboss ? { emboss: job.emboss } : {}),
    };
    return reply('OK');
  }

  /** READY / WARNING / ERROR with the most important minor word (Evolis SDK state names). */
  private state(): string {
    const m = this.mechanics;
    if (m.faults.has('offline')) return 'OFFLINE;PRINTER_OFFLINE';
    if (m.position === 'jammed') return `ERROR;${PrinterError.MECHANICAL};${m.jamAt ?? ''}`;
    if (m.faults.has('printHeadError')) return `ERROR;${PrinterError.HEAD_TEMP}`;
    if (m.faults.has('coverOpen')) return `WARNING;${PrinterError.COVER_OPEN}`;
    if (m.rejectBin >= m.rejectBinCapacity) return `WARNING;${PrinterError.REJECT_BOX_FULL}`;
    if (m.hopper <= 0) return `WARNING;${PrinterError.FEEDER_EMPTY}`;
    if (m.ribbon <= 0) return `WARNING;${PrinterError.RIBBON_ENDED}`;
    if (m.position === 'outputSlot') return 'WARNING;DEF_CARD_ON_EJECT';
    return 'READY;DEVICE_READY';
  }

  private async step(): Promise<void> {
    if (this.msPerStep > 0) await delay(this.msPerStep);
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new KioskError(ErrorCode.INTERNAL, 'A count is a whole number, 0 or more.', { count: n });
  }
}

/**
 * The command set the emulated printer answers (see `card-printer.protocol.ts` for the sources):
 * reads of state, position, sensors and counts; parameters; the feed, print sequence, present
 * and reject sequences; each refusal as the reply's error word. Never throws.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { type FacePanels, panelsToRgb } from './card-face.panels.js';
import { type CardPrinterMechanics, MechanicsRefusal } from './card-printer-mechanics.js';
import type { InboundFrame } from './card-printer-command.parser.js';
import { errorReply, POSITION_REPLY, PrinterError, reply, volts } from './card-printer.protocol.js';

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

export class EvolisCommandSet {
  private job: Job | null = null;
  /** the panels of the last job printed; turned into RGB only when asked (`printed`) */
  private last: { cardId: string | null; job: Job } | null = null;
  private lastRgb: PrintedFace | null = null;

  get printed(): PrintedFace | null {
    if (!this.last) return null;
    if (!this.lastRgb) {
      const { cardId, job } = this.last;
      this.lastRgb = {
        cardId,
        widthPx: job.width,
        heightPx: job.height,
        rgb: panelsToRgb(job.panels as FacePanels, job.width, job.height),
        ...(job.emboss ? { emboss: job.emboss } : {}),
      };
    }
    return this.lastRgb;
  }

  constructor(
    private readonly mechanics: CardPrinterMechanics,
    private readonly msPerStep: number,
    private readonly nearEmptyAt: number,
    /** false: a model without card counters, which knows neither Rco nor Pco (ERR_COMMAND) */
    private readonly reportsCounters = true,
    /** the prints a full ribbon holds, as its tag says (`Rrt;capacity`); undefined: no tag */
    private readonly ribbonCapacity?: number,
  ) {}

  async answer(frame: InboundFrame): Promise<Buffer> {
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
    // a model without counters answers their read and setting as any command it does not know
    if (!this.reportsCounters && (name === 'Rco' || name === 'Pco')) {
      return errorReply(PrinterError.COMMAND, name);
    }
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
      case 'Rrt;capacity':
        return this.ribbonCapacity === undefined
          ? errorReply(PrinterError.COMMAND, name)
          : reply(String(this.ribbonCapacity));
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
    const refill = this.replenish(name, params);
    if (refill) return refill;
    if (name === 'Dem' && params.length === 1) {
      if (!this.job) return errorReply(PrinterError.SEQUENCE, 'no sequence started');
      if (!/^[0-9A-Z ]{1,24}$/.test(params[0] ?? ''))
        return errorReply(PrinterError.PARAMETER, 'emboss text');
      this.job.emboss = params[0];
      return reply('OK');
    }
    return errorReply(PrinterError.COMMAND, name.slice(0, 8));
  }

  /** Staff's refills (our extensions): Pco;f;<n> blanks loaded, Prt;<n> a new ribbon, Pco;r;0 box emptied. */
  private replenish(name: string, params: readonly string[]): Buffer | null {
    const m = this.mechanics;
    const n = /^\d{1,6}$/.test(params[params.length - 1] ?? '') ? Number(params[params.length - 1]) : NaN;
    if (name === 'Pco' && params.length === 2 && params[0] === 'f' && n > 0) {
      m.hopper += n;
      m.loaded += n;
      return reply('OK');
    }
    if (name === 'Pco' && params.length === 2 && params[0] === 'r' && n === 0) {
      m.rejectBin = 0;
      return reply('OK');
    }
    // a ribbon of more prints than its tag says one holds is no ribbon this printer has
    if (name === 'Prt' && params.length === 1 && n > 0 && n <= (this.ribbonCapacity ?? n)) {
      m.ribbon = n;
      return reply('OK');
    }
    return name === 'Pco' || name === 'Prt' ? errorReply(PrinterError.PARAMETER, name) : null;
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
    this.last = { cardId, job };
    this.lastRgb = null;
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

/**
 * The card printer driver: the escape-framed command set of `card-printer.protocol.ts` over a
 * byte stream the connector opens (TCP port 9100 style, a serial port, an in-memory duplex).
 * One command at a time, one reply line each, with a deadline. The status is refreshed after
 * every command from the printer's own reads (state, card position, feeder, ribbon, reject box)
 * and pushed to listeners; `status()` never waits. After presenting a card the driver watches
 * the bezel sensor and reports the card taken.
 */
import type { Duplex } from 'node:stream';
import {
  binLevel,
  type DeviceStatus,
  ErrorCode,
  KioskError,
  stockLevel,
  type SupplyStatus,
} from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { ReplenishableSupply, ReplenishResult } from '../common/supply-replenishment.js';
import {
  cardPrinterReplenishables,
  emptyCardPrinterBin,
  refillCardPrinter,
  type CardPrinterWire,
} from './card-printer-replenishment.js';
import type { PrinterConnector } from '../receipt-printer/printer-connectors.js';
import { facePanels } from './card-face.panels.js';
import type {
  CardFace,
  CardPrinterPort,
  CardRejectReason,
  PrinterCardPosition,
} from './card-printer.port.js';
import {
  command,
  downloadPanel,
  errorOfReply,
  POSITION_REPLY,
  PrinterError,
  ReplyParser,
  voltsHigh,
} from './card-printer.protocol.js';

export interface EvolisCardPrinterDriverOptions {
  readonly connect: PrinterConnector;
  /** deadline of one command; a print job may take a while (default 60 s) */
  readonly commandTimeoutMs?: number;
  /** how often the bezel sensor is read while a card waits there (default 250 ms) */
  readonly takePollMs?: number;
  /** how often the status is read while idle, so supply and fault changes reach listeners (default 2000 ms; 0 never) */
  readonly statusPollMs?: number;
  readonly hopperLowThreshold?: number;
  readonly ribbonLowThreshold?: number;
  /** the name in the status model */
  readonly driverName?: string;
  /** the printer embosses or indents: a face's `emboss` text goes into the job (default false) */
  readonly embosser?: boolean;
}

const POSITION_OF: Readonly<Record<string, PrinterCardPosition>> = Object.fromEntries(
  Object.entries(POSITION_REPLY).map(([position, text]) => [text, position as PrinterCardPosition]),
);

export class EvolisCardPrinterDriver implements CardPrinterPort {
  readonly kind = 'cardPrinter' as const;
  private stream: Duplex | null = null;
  private readonly replies = new ReplyParser();
  private waiting: { resolve: (line: string) => void; reject: (e: Error) => void } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private acting = false;
  private position: PrinterCardPosition = 'none';
  private current: DeviceStatus;
  private readonly statusListeners = new Set<(s: DeviceStatus) => void>();
  private readonly takenListeners = new Set<() => void>();
  private takePoll: NodeJS.Timeout | null = null;
  private statusPoll: NodeJS.Timeout | null = null;

  constructor(private readonly options: EvolisCardPrinterDriverOptions) {
    this.current = this.statusOf('offline', []);
  }

  async open(signal?: AbortSignal): Promise<void> {
    if (this.stream) return;
    try {
      const stream = await this.options.connect(signal);
      this.stream = stream;
      stream.on('data', (chunk: Buffer) => {
        for (const line of this.replies.push(chunk)) this.waiting?.resolve(line);
      });
      const lost = () => {
        if (this.stream !== stream) return;
        this.stream = null;
        this.waiting?.reject(
          new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card printer connection was lost.'),
        );
        this.publish(this.statusOf('offline', this.current.supplies));
      };
      stream.on('close', lost);
      stream.on('error', lost);
      // errors are handled by the software, and a printed card stays inside until told
      await this.exchange(command('Pem', 2));
      await this.exchange(command('Pneab', 'E'));
    } catch (e) {
      this.publish(this.statusOf('offline', []));
      throw KioskError.from(e);
    }
    await this.refresh();
    const every = this.options.statusPollMs ?? 2000;
    if (every > 0) {
      this.statusPoll = setInterval(() => {
        if (!this.acting && this.stream) void this.refresh().catch(() => undefined);
      }, every);
      this.statusPoll.unref();
    }
  }

  async close(): Promise<void> {
    this.stopTakePoll();
    if (this.statusPoll) clearInterval(this.statusPoll);
    this.statusPoll = null;
    const stream = this.stream;
    this.stream = null;
    stream?.destroy();
    this.publish(this.statusOf('offline', this.current.supplies));
  }

  status(): DeviceStatus {
    return this.current;
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onCardTaken(listener: () => void): Unsubscribe {
    this.takenListeners.add(listener);
    return () => this.takenListeners.delete(listener);
  }

  cardPosition(): PrinterCardPosition {
    return this.position;
  }

  feedToChipStation(signal?: AbortSignal): Promise<void> {
    return this.act(signal, [command('Sis')]);
  }

  printFace(face: CardFace, signal?: AbortSignal): Promise<void> {
    const { rgb, widthPx: w, heightPx: h } = face;
    if (!Number.isInteger(w) || !Number.isInteger(h) || w <= 0 || h <= 0 || rgb.length !== w * h * 3) {
      return Promise.reject(
        new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'The card face image has the wrong size.'),
      );
    }
    const panels = facePanels(face);
    const frames = [
      command('Ss'),
      ...(['y', 'm', 'c', 'k', 'o'] as const).map((p) => downloadPanel(p, w, h, panels[p])),
      ...(face.emboss && this.options.embosser ? [command('Dem', face.emboss)] : []),
      command('Se'),
    ];
    return this.act(signal, frames);
  }

  async ejectToOutput(signal?: AbortSignal): Promise<void> {
    await this.act(signal, [command('Sob')]);
    this.watchBezel();
  }

  async ejectToRejectBin(_reason: CardRejectReason, signal?: AbortSignal): Promise<void> {
    this.stopTakePoll();
    await this.act(signal, [command('Ser')]);
  }

  /** Connects again if the line was lost, then reads state, position and supplies (Rst, Rlr, Rco). */
  async selfTest(signal?: AbortSignal): Promise<DeviceStatus> {
    if (!this.stream) await this.open(signal).catch(() => undefined);
    else if (!this.acting) await this.refresh().catch(() => undefined);
    return this.current;
  }

  replenishableSupplies(): readonly ReplenishableSupply[] {
    return cardPrinterReplenishables(this.current.supplies);
  }

  refillSupply(supply: string, added: number): Promise<ReplenishResult> {
    return refillCardPrinter(this.wire(), supply, added);
  }

  emptySupplyBin(supply: string): Promise<ReplenishResult> {
    return emptyCardPrinterBin(this.wire(), supply);
  }

  // ---- the wire --------------------------------------------------------------------------

  private wire(): CardPrinterWire {
    if (this.acting) throw new KioskError(ErrorCode.DEVICE_BUSY, 'The card printer is busy.');
    return {
      tell: (frame) => this.exchange(frame),
      refresh: () => this.refresh(),
      supplies: () => this.current.supplies,
    };
  }

  /** Runs the frames of one act in order; the first refusal stops it with its coded error. */
  private async act(signal: AbortSignal | undefined, frames: Buffer[]): Promise<void> {
    if (signal?.aborted) {
      throw new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The card printer command was cancelled.');
    }
    if (this.acting) throw new KioskError(ErrorCode.DEVICE_BUSY, 'The card printer is busy.');
    this.acting = true;
    this.publish({ ...this.current, device: 'busy', updatedAt: new Date().toISOString() });
    let refusal: KioskError | null = null;
    try {
      for (const frame of frames) {
        const line = await this.exchange(frame);
        refusal = line === 'OK' ? null : (errorOfReply(line) ?? protocolError(line));
        if (refusal) break;
      }
    } finally {
      this.acting = false;
      await this.refresh().catch(() => undefined);
    }
    if (refusal) throw refusal;
  }

  /** One frame out, one reply line back, in the order they were queued. */
  private exchange(frame: Buffer): Promise<string> {
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const stream = this.stream;
        if (!stream || stream.destroyed) {
          reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card printer is not connected.'));
          return;
        }
        const timer = setTimeout(() => {
          this.waiting = null;
          reject(new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The card printer did not answer in time.'));
        }, this.options.commandTimeoutMs ?? 60_000);
        this.waiting = {
          resolve: (line) => {
            clearTimeout(timer);
            this.waiting = null;
            resolve(line);
          },
          reject: (e) => {
            clearTimeout(timer);
            this.waiting = null;
            reject(e);
          },
        };
        stream.write(frame);
      });
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Reads what the printer says of itself and pushes the status. */
  private async refresh(): Promise<void> {
    const state = await this.exchange(command('Rst'));
    if (state.startsWith('OFFLINE') || state === `ERR;${PrinterError.OFFLINE}`) {
      this.publish(this.statusOf('offline', this.current.supplies));
      return;
    }
    this.position = POSITION_OF[await this.exchange(command('Rlr', 'p'))] ?? this.position;
    const supplies = await this.readSupplies();
    const [major, minor = '', detail] = state.split(';');
    const fault =
      major === 'ERROR' || minor === PrinterError.COVER_OPEN
        ? errorOfReply(`ERR;${minor};${detail ?? ''}`)
        : null;
    const device =
      major === 'ERROR' ? 'hardwareError' : fault ? 'userError' : this.acting ? 'busy' : 'online';
    this.publish(this.statusOf(device, supplies, fault ?? undefined));
  }

  private async readSupplies(): Promise<SupplyStatus[]> {
    const hopperLow = this.options.hopperLowThreshold ?? 10;
    const ribbonLow = this.options.ribbonLowThreshold ?? 20;
    const counted = await this.exchange(command('Rco', 'f'));
    let hopper: SupplyStatus;
    if (/^\d+$/.test(counted)) {
      const count = Number(counted);
      hopper = { name: 'cardHopper', level: stockLevel(count, hopperLow), count, threshold: hopperLow };
    } else {
      // a feeder that only has sensors: empty / near empty / ok
      const notEmpty = voltsHigh(await this.exchange(command('Rse', 'f')));
      const nearEmpty = voltsHigh(await this.exchange(command('Rse', 'n')));
      hopper = { name: 'cardHopper', level: !notEmpty ? 'empty' : nearEmpty ? 'low' : 'ok' };
    }
    const ribbonText = await this.exchange(command('Rrt', 'count'));
    const ribbonCount = /^\d+$/.test(ribbonText) ? Number(ribbonText) : undefined;
    const ribbon: SupplyStatus =
      ribbonCount === undefined
        ? { name: 'ribbon', level: 'unknown' }
        : {
            name: 'ribbon',
            level: stockLevel(ribbonCount, ribbonLow),
            count: ribbonCount,
            threshold: ribbonLow,
          };
    const binText = await this.exchange(command('Rco', 'r'));
    const bin = /^(\d+);(\d+)$/.exec(binText);
    const rejectBin: SupplyStatus = bin
      ? {
          name: 'rejectBin',
          level: binLevel(Number(bin[1]), Number(bin[2])),
          count: Number(bin[1]),
          capacity: Number(bin[2]),
        }
      : {
          name: 'rejectBin',
          level: (await this.exchange(command('Rlr', 'h'))) === 'CARD' ? 'full' : 'ok',
        };
    return [hopper, ribbon, rejectBin];
  }

  private watchBezel(): void {
    this.stopTakePoll();
    const poll = setInterval(() => {
      void this.exchange(command('Rse', 'b'))
        .then(async (line) => {
          if (this.takePoll !== poll || voltsHigh(line)) return;
          this.stopTakePoll();
          await this.refresh().catch(() => undefined);
          for (const listener of this.takenListeners) listener();
        })
        .catch(() => undefined);
    }, this.options.takePollMs ?? 250);
    poll.unref();
    this.takePoll = poll;
  }

  private stopTakePoll(): void {
    if (this.takePoll) clearInterval(this.takePoll);
    this.takePoll = null;
  }

  private statusOf(
    device: DeviceStatus['device'],
    supplies: readonly SupplyStatus[],
    fault?: KioskError,
  ): DeviceStatus {
    return {
      kind: 'cardPrinter',
      device,
      supplies,
      ...(fault ? { fault: { code: fault.code, message: fault.message } } : {}),
      driver: this.options.driverName ?? 'evolis',
      updatedAt: new Date().toISOString(),
    };
  }

  /** Pushes a status that differs from the last one in anything but its time. */
  private publish(status: DeviceStatus): void {
    const same = (a: DeviceStatus) => JSON.stringify({ ...a, updatedAt: '' });
    if (same(status) === same(this.current)) return;
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

const protocolError = (line: string) =>
  new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'The card printer gave an unexpected answer.', {
    reply: line.slice(0, 64),
  });

/**
 * The card printer driver: the escape-framed command set of `card-printer.protocol.ts` over a
 * byte stream the connector opens (TCP port 9100 style, a serial port, an in-memory duplex).
 * One command at a time, one reply line each, with a deadline. The status is refreshed after
 * every command from the printer's own reads (state, card position, feeder, ribbon, reject box)
 * and pushed to listeners; `status()` never waits. After presenting a card the driver watches
 * the bezel sensor and reports the card taken (`BezelWatch`); a read that fails there, as one of
 * the idle status poll or of a staff refill, holds the printer offline with its code until one answers.
 */
import { type DeviceStatus, ErrorCode, KioskError, OneLine } from '@kiosk/domain';
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
import { command, downloadPanel, errorOfReply } from './card-printer.protocol.js';
import { BezelWatch } from './evolis-bezel-watch.js';
import { EvolisReplyLine } from './evolis-reply-line.js';
import { EvolisStatusBoard } from './evolis-status-board.js';
import { EvolisStatusPoll } from './evolis-status-poll.js';
import {
  deviceOfState,
  POSITION_OF,
  protocolError,
  readEvolisSupplies,
  stateIsOffline,
} from './evolis-status-reads.js';

export interface EvolisCardPrinterDriverOptions {
  readonly connect: PrinterConnector;
  /** deadline of one command; a print job may take a while (default 60 s) */
  readonly commandTimeoutMs?: number;
  /** after a command that timed out, the wait for its late reply before the next command (default the command time) */
  readonly lateReplyMs?: number;
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

export class EvolisCardPrinterDriver implements CardPrinterPort {
  readonly kind = 'cardPrinter' as const;
  private readonly line: EvolisReplyLine;
  private acting = false;
  private position: PrinterCardPosition = 'none';
  private readonly board: EvolisStatusBoard;
  private readonly takenListeners = new Set<() => void>();
  private readonly bezel: BezelWatch;
  private readonly statusPoll: EvolisStatusPoll;
  private readonly supplyActs = new OneLine();

  constructor(private readonly options: EvolisCardPrinterDriverOptions) {
    this.board = new EvolisStatusBoard(options.driverName);
    const commandTimeoutMs = options.commandTimeoutMs ?? 60_000;
    this.line = new EvolisReplyLine(commandTimeoutMs, options.lateReplyMs ?? commandTimeoutMs);
    this.bezel = new BezelWatch(options.takePollMs ?? 250, {
      held: () => this.acting,
      readBezel: () => this.readBezel(),
      failed: (e) => this.board.readFailed(e, 'bezel read'),
      answersAgain: () => this.refresh().catch((e) => this.board.readFailed(e, 'status read')),
      taken: async () => {
        await this.refresh().catch((e) => this.board.readFailed(e, 'status read'));
        for (const listener of this.takenListeners) listener();
      },
    });
    this.statusPoll = new EvolisStatusPoll({
      held: () => this.acting,
      connected: () => this.line.connected,
      read: () => this.refresh().catch((e) => this.board.readFailed(e, 'status read')),
    });
  }

  async open(signal?: AbortSignal): Promise<void> {
    if (this.line.connected) return;
    try {
      const stream = await this.options.connect(signal, 'card printer');
      this.line.attach(stream, () => this.board.offline());
      // errors are handled by the software, and a printed card stays inside until told
      await this.line.exchange(command('Pem', 2));
      await this.line.exchange(command('Pneab', 'E'));
    } catch (e) {
      this.board.offline([]);
      throw KioskError.from(e);
    }
    await this.refresh();
    this.statusPoll.start(this.options.statusPollMs ?? 2000);
  }

  async close(): Promise<void> {
    this.bezel.stop();
    this.statusPoll.stop();
    this.line.detach();
    this.board.offline();
  }

  status(): DeviceStatus {
    return this.board.current;
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.board.onStatus(listener);
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
    this.bezel.start();
  }

  async ejectToRejectBin(_reason: CardRejectReason, signal?: AbortSignal): Promise<void> {
    this.bezel.stop();
    await this.act(signal, [command('Ser')]);
  }

  /**
   * Connects again if the line was lost, then reads state, position and supplies (Rst, Rlr, Rco).
   * What fails in either is not swallowed: the printer reads offline with the error's code until
   * a read answers (the next self test, the status poll); one cut short by the caller's signal is
   * no fault of the printer.
   */
  async selfTest(signal?: AbortSignal): Promise<DeviceStatus> {
    try {
      if (!this.line.connected) await this.open(signal);
      else if (!this.acting) await this.refresh();
    } catch (e) {
      if (!signal?.aborted) this.board.readFailed(e, 'self test');
    }
    return this.board.current;
  }

  replenishableSupplies(): readonly ReplenishableSupply[] {
    return cardPrinterReplenishables(this.board.current.supplies);
  }

  refillSupply(supply: string, added: number): Promise<ReplenishResult> {
    return this.supplyAct((wire) => refillCardPrinter(wire, supply, added));
  }

  emptySupplyBin(supply: string): Promise<ReplenishResult> {
    return this.supplyAct((wire) => emptyCardPrinterBin(wire, supply));
  }

  /**
   * Holds the printer busy for one act: a second act is refused DEVICE_BUSY, the status poll and
   * the bezel watch skip their turns and a read of theirs under way is waited out, so none comes
   * between the act's frames nor flips its status; the status is read again once the act let go.
   */
  private async holding<T>(work: () => Promise<T>, readAfter = () => true): Promise<T> {
    if (this.acting) throw new KioskError(ErrorCode.DEVICE_BUSY, 'The card printer is busy.');
    this.acting = true;
    this.board.busy();
    try {
      // the poll's read and the bezel watch's under way are waited out: none between the frames
      await this.statusPoll.reading;
      await this.bezel.reading;
      return await work();
    } finally {
      this.acting = false;
      // a printer silent after the command reads offline with the code, not busy for good
      if (readAfter()) await this.refresh().catch((e) => this.board.readFailed(e, 'status read'));
    }
  }

  /**
   * A refill or bin emptying, held as an act; staff's acts on two supplies at once take turns (not
   * refused busy). One the printer did not answer reads offline already: not read again after.
   */
  private supplyAct(act: (wire: CardPrinterWire) => Promise<ReplenishResult>): Promise<ReplenishResult> {
    const wire: CardPrinterWire = {
      tell: (frame) => this.line.exchange(frame),
      refresh: () => this.refresh(),
      failed: (e, what) => this.board.readFailed(e, what),
      supplies: () => this.board.current.supplies,
    };
    const stillBusy = () => this.board.current.device === 'busy';
    return this.supplyActs.run(() => this.holding(() => act(wire), stillBusy));
  }

  /** Runs the frames of one act in order; the first refusal stops it with its coded error. */
  private async act(signal: AbortSignal | undefined, frames: Buffer[]): Promise<void> {
    if (signal?.aborted) {
      throw new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The card printer command was cancelled.');
    }
    const refusal = await this.holding(async () => {
      for (const frame of frames) {
        const line = await this.line.exchange(frame);
        const refused = line === 'OK' ? null : (errorOfReply(line) ?? protocolError(line));
        if (refused) return refused;
      }
      return null;
    });
    if (refusal) throw refusal;
  }

  /**
   * The bezel sensor's volts. A refusal (the printer offline, `ERR;DEF_PRINTER_OFFLINE`) or a reply
   * that is no reading says nothing of the bezel: a failed read, never a card taken (it read as
   * 0 V, so a printer going offline with the card at the slot had it reported taken and issued).
   */
  private async readBezel(): Promise<string> {
    const line = await this.line.exchange(command('Rse', 'b'));
    const refused = errorOfReply(line);
    if (refused) throw refused;
    if (Number.isNaN(Number.parseFloat(line.replace(',', '.')))) throw protocolError(line);
    return line;
  }

  /** Reads what the printer says of itself and pushes the status. */
  private async refresh(): Promise<void> {
    const state = await this.line.exchange(command('Rst'));
    if (stateIsOffline(state)) {
      this.board.offline();
      return;
    }
    this.position = POSITION_OF[await this.line.exchange(command('Rlr', 'p'))] ?? this.position;
    const supplies = await readEvolisSupplies((frame) => this.line.exchange(frame), {
      hopperLow: this.options.hopperLowThreshold ?? 10,
      ribbonLow: this.options.ribbonLowThreshold ?? 20,
    });
    const { device, fault } = deviceOfState(state, this.acting);
    this.board.publish(this.board.statusOf(device, supplies, fault ?? undefined));
  }
}

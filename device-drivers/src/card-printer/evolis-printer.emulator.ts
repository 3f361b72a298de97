/**
 * A byte-level instant-issuance card printer speaking the escape-framed command set of
 * `card-printer.protocol.ts`: listens on TCP (port 9100 style) or takes any stream (serial),
 * answers each frame in order, and never crashes on what it receives: a torn or malformed
 * frame gets "ERR;ERR_FRAME;<reason>" and the parser resynchronises on the next ESC.
 *
 * A model without card counters is one option away (`reportsCounters: false`): it refuses `Rco`
 * and `Pco` as commands it does not know, as such firmware does.
 *
 * Control surface (tests, field-staff training, the demo panel): `loadHopper`, `loadRibbon`,
 * `emptyRejectBin`, `takeCard` (returns the card id, which the customer card reader can take
 * as it is: the same persisted chip), `setFault` / `clearFault`, `clearJam`, `closeCover`,
 * `holdAnswer` (one command's answer late), `counts()`, and the last printed face as RGB (`lastFace`);
 * `answered(key)` counts the commands answered (`Rse;b`: the bezel sensor read), `onAnswered` tells
 * each, for the specs that wait for the driver's reads.
 */
import type { Server } from 'node:net';
import { listenTcp } from '../common/tcp-listener.js';
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, OneLine } from '@kiosk/domain';
import {
  CARD_PRINTER_FAULTS,
  type BlankCounts,
  type CardPrinterFault,
  CardPrinterMechanics,
  type CardPrinterMechanicsOptions,
  type MechanicsState,
} from './card-printer-mechanics.js';
import { CommandParser } from './card-printer-command.parser.js';
import { EvolisCommandSet, type PrintedFace } from './evolis-printer.commands.js';
import type { PrinterCardPosition } from './card-printer.port.js';
import { noSuchEmulatedFault } from '../common/emulated-fault.js';
import { cardPrinterStateWriter, readCardPrinterState } from './card-printer-state-file.js';

export type { PrintedFace };

export interface EvolisPrinterEmulatorOptions extends CardPrinterMechanicsOptions {
  /** how long one card movement or print takes (default 0: the event loop only) */
  readonly msPerStep?: number;
  /** the feeder's near-empty sensor trips at or under this count (default 10) */
  readonly nearEmptyAt?: number;
  /**
   * the printer answers the counters read (`Rco`: cards in the feeder and in the reject box) and
   * their setting (`Pco`), as a counting model does (default true). false: a model without
   * counters, which refuses both as a command it does not know (ERR;ERR_COMMAND); the kiosk reads
   * its feeder and reject box by their sensors only, and the emulator still counts every blank
   * inside itself (`counts()`), as the bin holds them
   */
  readonly reportsCounters?: boolean;
  /**
   * the prints a full ribbon holds, as the fitted ribbon's tag says (answered to `Rrt;capacity`;
   * a new ribbon of more is refused ERR_PARAMETER); absent: a ribbon without a tag (ERR_COMMAND)
   */
  readonly ribbonCapacity?: number;
  /**
   * where the printer remembers its stock, counters and the card inside across a power cut (a
   * JSON file, written durably before each answer; one that does not read stops the emulator's
   * making with a coded error naming it: `card-printer-state-file.ts`); absent: it forgets on restart
   */
  readonly stateFile?: string;
}

export class EvolisPrinterEmulator {
  readonly mechanics: CardPrinterMechanics;
  private readonly msPerStep: number;
  private readonly nearEmptyAt: number;
  private server: Server | null = null;
  private readonly streams = new Set<Duplex>();
  private readonly commands: EvolisCommandSet;
  private readonly takenListeners = new Set<(cardId: string | null) => void>();
  /** the next frame of this command is acted on and its answer held until `released` (`holdAnswer`) */
  private held: { readonly name: string; readonly released: Promise<void> } | undefined;
  /** the releases of answers held now (all let go at close) */
  private readonly holding = new Set<() => void>();
  /** commands answered, by name and parameters (`Rse;b`) */
  private readonly answers = new Map<string, number>();
  private readonly answeredListeners = new Set<(key: string) => void>();

  /**
   * whether the printer answers the counters read and setting (`Rco`, `Pco`); without them staff's
   * refills and emptying reach it only by hand (`loadHopper`, `emptyRejectBin`)
   */
  readonly reportsCounters: boolean;

  /** keeps the state in `stateFile` (when one is set), written when it changed */
  private readonly keepState: ((state: MechanicsState) => void) | undefined;
  /** the remembered state put back (the chip back on the contacts) before the first answer */
  private readonly restored: Promise<void>;

  constructor(options: EvolisPrinterEmulatorOptions = {}) {
    this.mechanics = new CardPrinterMechanics(options);
    this.msPerStep = options.msPerStep ?? 0;
    this.nearEmptyAt = options.nearEmptyAt ?? 10;
    this.reportsCounters = options.reportsCounters ?? true;
    this.commands = new EvolisCommandSet(
      this.mechanics,
      this.msPerStep,
      this.nearEmptyAt,
      this.reportsCounters,
      options.ribbonCapacity,
    );
    const { stateFile } = options;
    const remembered = stateFile ? readCardPrinterState(stateFile) : undefined;
    this.keepState = stateFile ? cardPrinterStateWriter(stateFile) : undefined;
    this.restored = remembered ? this.mechanics.restore(remembered) : Promise.resolve();
  }

  /** Writes the state (whole and durably) so a power cut finds every blank where it was. */
  private persist(): void {
    this.keepState?.(this.mechanics.snapshot());
  }

  /** Listens on TCP; port 0 picks a free one. */
  async listen(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    const bound = await listenTcp((socket) => this.attach(socket), port, host);
    this.server = bound.server;
    return { host: bound.host, port: bound.port };
  }

  /**
   * Serves one connection (TCP socket, serial port, in-memory duplex); frames answered in order.
   * A frame the printer fails on inside (its state file not written, its state not put back) is
   * not answered, as a printer that hiccups: the driver times out, and the next frames are served.
   */
  attach(stream: Duplex): void {
    const parser = new CommandParser();
    const frames = new OneLine();
    this.streams.add(stream);
    stream.on('data', (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) {
        void frames
          .run(async () => {
            await this.restored;
            // a printer hung in its firmware: the frame is taken and never answered
            if (this.mechanics.faults.has('noAnswer')) return;
            const held = frame.kind === 'command' && frame.name === this.held?.name ? this.held : undefined;
            if (held) this.held = undefined;
            const answer = await this.commands.answer(frame);
            this.persist();
            // acted on and remembered as any frame; only its answer waits (the frames after it, in turn)
            if (held) await held.released;
            if (!stream.destroyed) stream.write(answer);
            if (frame.kind === 'command') this.countAnswer([frame.name, ...frame.params].join(';'));
          })
          .catch(() => undefined);
      }
    });
    stream.on('error', () => stream.destroy());
    stream.on('close', () => this.streams.delete(stream));
  }

  private countAnswer(key: string): void {
    this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
    for (const listener of this.answeredListeners) listener(key);
  }

  /** How many frames of this command (name and parameters, `Rse;b`) the printer has answered. */
  answered(key: string): number {
    return this.answers.get(key) ?? 0;
  }

  /** Called with each command answered (name and parameters), once it is counted. */
  onAnswered(listener: (key: string) => void): () => void {
    this.answeredListeners.add(listener);
    return () => this.answeredListeners.delete(listener);
  }

  async close(): Promise<void> {
    for (const release of this.holding) release();
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
    this.persist();
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
    this.persist();
  }

  loadRibbon(prints: number): void {
    assertCount(prints);
    this.mechanics.ribbon = prints;
    this.persist();
  }

  emptyRejectBin(): number {
    const count = this.mechanics.rejectBin;
    this.mechanics.rejectBin = 0;
    this.persist();
    return count;
  }

  /**
   * Arms a fault; null is field staff putting things right: armed faults cleared, a jammed card
   * taken to the reject bin (stock taken out comes back only by loading it).
   */
  setFault(fault: CardPrinterFault | null): void {
    if (fault === null) {
      this.clearFault();
      void this.mechanics.clearJam().then(() => this.persist());
      return;
    }
    if (!CARD_PRINTER_FAULTS.includes(fault)) {
      throw noSuchEmulatedFault(fault);
    }
    this.mechanics.setFault(fault);
    this.persist();
  }

  /** Clears armed faults (a fault that took stock out is undone by loading stock). */
  clearFault(fault?: CardPrinterFault): void {
    if (fault) this.mechanics.faults.delete(fault);
    else this.mechanics.faults.clear();
  }

  closeCover(): void {
    this.mechanics.faults.delete('coverOpen');
  }

  async clearJam(): Promise<void> {
    await this.mechanics.clearJam();
    this.persist();
  }

  /**
   * A slow firmware's late answer: the next frame of command `name` (`Ser` the reject or retract,
   * `Sob` the present, `Sis` the feed, ...) is acted on as usual, the card moved and the state
   * remembered, but its answer reaches the line only once the returned release is called, and the
   * frames after it are answered in turn after it. Answers held are let go at `close`. One command
   * at a time: holding another replaces a hold whose frame has not come yet.
   */
  holdAnswer(name: string): () => void {
    let resolve!: () => void;
    const released = new Promise<void>((r) => (resolve = r));
    const release = (): void => {
      this.holding.delete(release);
      resolve();
    };
    this.holding.add(release);
    this.held = { name, released };
    return release;
  }

  /** The face of the last print job, as laid down on the card. */
  lastFace(): PrintedFace | null {
    return this.commands.printed;
  }
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new KioskError(ErrorCode.INTERNAL, 'A count is a whole number, 0 or more.', { count: n });
  }
}

/**
 * The host side of an LCDM-2000 style serial line: one transaction at a time (command → ACK or
 * NAK → response → our ACK or NAK), with the retries, timeouts and resynchronisation of the
 * protocol. The stream is injected (a serial port, a pseudo terminal, an in-memory duplex).
 * A command that moves notes is sent again after a NAK only, never after a missing ACK: the
 * dispenser may have taken it and be paying out (`#sendCommand`).
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, OneLine, type ErrorDetails } from '@kiosk/domain';
import { closeSerialStream } from '../common/close-serial-stream.js';
import { LineReconnect, type LineReopenOptions } from '../common/line-reconnect.js';
import {
  ACK,
  encodeFrame,
  LcdmFrameDecoder,
  NAK,
  NOTE_MOVING_COMMANDS,
  type DecodedItem,
  type LcdmFrame,
} from './cash-dispenser.protocol.js';

export interface LcdmLineTimings {
  /** wait for the device's ACK / NAK of a command */
  readonly ackTimeoutMs?: number;
  /** silence after which a half-received frame counts as torn */
  readonly interByteTimeoutMs?: number;
  /** sends of a command, and receptions of a response, before giving up */
  readonly attempts?: number;
}

export interface LcdmLineOptions extends LcdmLineTimings, LineReopenOptions {}

/** Where a transaction failed: before the device took the command, or after. */
export type LinePhase = 'command' | 'response';

export class LcdmLineError extends KioskError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly phase: LinePhase,
    details: ErrorDetails = {},
  ) {
    super(code, message, { ...details, phase });
  }
}

type Waiter = { accept: (item: DecodedItem) => boolean; resolve: (item: DecodedItem | null) => void };

export class LcdmSerialLine {
  #stream: Duplex;
  #decoder = new LcdmFrameDecoder('response');
  readonly #ackTimeoutMs: number;
  readonly #interByteMs: number;
  readonly #attempts: number;
  readonly #inbox: DecodedItem[] = [];
  #waiter: Waiter | null = null;
  #interByteTimer: NodeJS.Timeout | undefined;
  /** one transaction at a time on the line */
  readonly #transactions = new OneLine();
  #lost: KioskError | null = null;
  readonly #lostListeners = new Set<(e: KioskError) => void>();
  readonly #restoredListeners = new Set<() => void>();
  readonly #reconnect: LineReconnect;

  constructor(stream: Duplex, options: LcdmLineOptions = {}) {
    this.#stream = stream;
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 500;
    this.#interByteMs = options.interByteTimeoutMs ?? 50;
    this.#attempts = options.attempts ?? 3;
    this.#reconnect = new LineReconnect(options);
    this.#attach(stream);
  }

  /** The line went away (port closed, far end hung up, I/O error): the cable pulled. */
  onLost(listener: (error: KioskError) => void): void {
    this.#lostListeners.add(listener);
  }

  /** A lost line was opened again (`reopen`): the device may answer again. */
  onRestored(listener: () => void): void {
    this.#restoredListeners.add(listener);
  }

  get lost(): boolean {
    return this.#lost !== null;
  }

  /** Runs one transaction after the ones already queued. */
  transact(cmd: number, data: readonly number[], responseTimeoutMs: number): Promise<LcdmFrame> {
    return this.#transactions.run(() => this.#transact(cmd, data, responseTimeoutMs));
  }

  /** Closes the stream and resolves once the port is really closed (so nothing reads it after). */
  close(): Promise<void> {
    this.#reconnect.stop();
    clearTimeout(this.#interByteTimer);
    return closeSerialStream(this.#stream);
  }

  #attach(stream: Duplex): void {
    stream.on('data', (chunk: Buffer) => {
      if (stream === this.#stream) this.#receive(chunk);
    });
    stream.on('error', () => this.#loseLine(stream));
    stream.on('close', () => this.#loseLine(stream));
  }

  async #transact(cmd: number, data: readonly number[], responseTimeoutMs: number): Promise<LcdmFrame> {
    this.#inbox.length = 0;
    const acknowledged = await this.#sendCommand(cmd, data);
    return this.#receiveAnswer(cmd, responseTimeoutMs, acknowledged);
  }

  /**
   * Sends the command until the device ACKs it; true when it did. A NAK says the device did not
   * take the frame: sent again, whatever the command. No ACK and no NAK in the ACK window says
   * nothing: the command may be lost, or taken and acted on with its ACK lost or late. A command
   * that moves nothing is sent again; one that moves notes (`NOTE_MOVING_COMMANDS`) never is, as
   * a second copy would move them twice: false, and its answer is awaited all the same.
   */
  async #sendCommand(cmd: number, data: readonly number[]): Promise<boolean> {
    let naks = 0;
    for (let attempt = 0; attempt < this.#attempts; attempt += 1) {
      await this.#write(encodeFrame('command', cmd, data), 'command');
      const answer = await this.#next((i) => i.type === 'ack' || i.type === 'nak', this.#ackTimeoutMs);
      if (answer?.type === 'ack') return true;
      if (answer?.type === 'nak') naks += 1;
      else if (NOTE_MOVING_COMMANDS.has(cmd)) {
        // what stood in for the ACK (line noise) is no answer to the command: not NAKed later
        this.#dropFromInbox((i) => i.type === 'error');
        return false;
      }
    }
    this.#throwIfLost('command');
    throw naks > 0
      ? new LcdmLineError(
          ErrorCode.DEVICE_BUSY,
          'The cash dispenser refused the command; it is busy.',
          'command',
        )
      : new LcdmLineError(ErrorCode.DEVICE_TIMEOUT, 'The cash dispenser does not answer.', 'command');
  }

  /**
   * The device's answer to the command, ACKed; a spoiled one is NAKed (the device sends the answer
   * again, it does not act again). For a command sent once without an ACK, an answer that never
   * comes leaves the outcome unknown: `details.outcomeUnknown`. The answer time runs from the
   * command (and from each NAK, which asks for the answer again): a late repeat of an earlier
   * answer gets none of its own, so a device repeating old frames cannot hold the line.
   */
  async #receiveAnswer(cmd: number, responseTimeoutMs: number, acknowledged: boolean): Promise<LcdmFrame> {
    const unknown: ErrorDetails = acknowledged ? {} : { outcomeUnknown: true };
    let spoiled = 0;
    let until = Date.now() + responseTimeoutMs;
    while (spoiled < this.#attempts) {
      const item = await this.#next(
        (i) => i.type === 'frame' || i.type === 'error',
        Math.max(0, until - Date.now()),
      );
      if (item === null) {
        if (this.#lost)
          throw new LcdmLineError(
            ErrorCode.DEVICE_OFFLINE,
            'The cash dispenser line is down.',
            'response',
            unknown,
          );
        throw acknowledged
          ? new LcdmLineError(
              ErrorCode.DEVICE_TIMEOUT,
              'The cash dispenser took the command but sent no answer.',
              'response',
            )
          : new LcdmLineError(
              ErrorCode.DEVICE_TIMEOUT,
              'The cash dispenser neither acknowledged nor answered the command; whether it acted is unknown.',
              'response',
              unknown,
            );
      }
      if (item.type === 'frame' && item.frame.cmd === cmd) {
        await this.#write(Uint8Array.of(ACK), 'response');
        return item.frame;
      }
      if (item.type === 'frame') continue; // a late repeat of an earlier answer
      spoiled += 1;
      if (spoiled < this.#attempts) {
        await this.#write(Uint8Array.of(NAK), 'response');
        until = Date.now() + responseTimeoutMs;
      }
    }
    throw new LcdmLineError(
      ErrorCode.DEVICE_PROTOCOL_ERROR,
      'The cash dispenser answer stayed unreadable.',
      'response',
      unknown,
    );
  }

  #dropFromInbox(drop: (item: DecodedItem) => boolean): void {
    const kept = this.#inbox.filter((item) => !drop(item));
    this.#inbox.splice(0, this.#inbox.length, ...kept);
  }

  #throwIfLost(phase: LinePhase): void {
    if (this.#lost)
      throw new LcdmLineError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser line is down.', phase);
  }

  #write(bytes: Uint8Array, phase: LinePhase): Promise<void> {
    this.#throwIfLost(phase);
    return new Promise((resolve, reject) => {
      this.#stream.write(bytes, (error) => {
        if (!error) return resolve();
        this.#loseLine();
        reject(new LcdmLineError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser line is down.', phase));
      });
    });
  }

  #next(accept: (item: DecodedItem) => boolean, timeoutMs: number): Promise<DecodedItem | null> {
    const index = this.#inbox.findIndex(accept);
    if (index >= 0) return Promise.resolve(this.#inbox.splice(index, 1)[0] ?? null);
    if (this.#lost) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = null;
        resolve(null);
      }, timeoutMs);
      this.#waiter = {
        accept,
        resolve: (item) => {
          clearTimeout(timer);
          this.#waiter = null;
          resolve(item);
        },
      };
    });
  }

  #deliver(items: DecodedItem[]): void {
    for (const item of items) {
      if (this.#waiter?.accept(item)) this.#waiter.resolve(item);
      else this.#inbox.push(item);
    }
  }

  #receive(chunk: Buffer): void {
    clearTimeout(this.#interByteTimer);
    this.#deliver(this.#decoder.push(chunk));
    if (this.#decoder.pending > 0) {
      this.#interByteTimer = setTimeout(() => this.#deliver(this.#decoder.flushTorn()), this.#interByteMs);
    }
  }

  #loseLine(stream = this.#stream): void {
    if (this.#lost || stream !== this.#stream) return;
    this.#lost = new KioskError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser line is down.');
    clearTimeout(this.#interByteTimer);
    void closeSerialStream(stream);
    this.#waiter?.resolve(null);
    for (const listener of this.#lostListeners) listener(this.#lost);
    this.#reconnect.start((stream) => {
      this.#stream = stream;
      this.#decoder = new LcdmFrameDecoder('response');
      this.#inbox.length = 0;
      this.#lost = null;
      this.#attach(stream);
      for (const listener of this.#restoredListeners) listener();
    });
  }
}

/** The stream closer of every serial line (the name this module gave it first). */
export { closeSerialStream as destroyStream };

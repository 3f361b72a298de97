/**
 * The host side of an LCDM-2000 style serial line: one transaction at a time (command → ACK or
 * NAK → response → our ACK or NAK), with the retries, timeouts and resynchronisation of the
 * protocol. The stream is injected (a serial port, a pseudo terminal, an in-memory duplex).
 * A command that moves notes is sent again after a NAK only, never after a missing ACK: the
 * dispenser may have taken it and be paying out (`#sendCommand`). An answer names its command but
 * not which sending of it: the late answer of a command that moves no notes is awaited and dropped
 * before the next command (`LateAnswers`), not read as the next one's of the same command.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, type ErrorDetails } from '@kiosk/domain';
import type { LineReopenOptions } from '../common/line-reconnect.js';
import { SerialAnswerLine } from '../common/serial-answer-line.js';
import {
  ACK,
  encodeFrame,
  LcdmFrameDecoder,
  NAK,
  NOTE_MOVING_COMMANDS,
  type DecodedItem,
  type LcdmFrame,
} from './cash-dispenser.protocol.js';
import { LcdmKeptItems } from './lcdm-kept-items.js';

export interface LcdmLineTimings {
  /** wait for the device's ACK / NAK of a command */
  readonly ackTimeoutMs?: number;
  /** silence after which a half-received frame counts as torn */
  readonly interByteTimeoutMs?: number;
  /** sends of a command, and receptions of a response, before giving up */
  readonly attempts?: number;
  /**
   * after a command that moves no notes was ACKed and its answer timed out, the wait for its late
   * answer before the next command; default that command's answer time
   */
  readonly lateAnswerMs?: number;
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

const lineDown = (phase: LinePhase) =>
  new LcdmLineError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser line is down.', phase);

export class LcdmSerialLine {
  readonly #line: SerialAnswerLine<DecodedItem>;
  readonly #ackTimeoutMs: number;
  readonly #attempts: number;
  readonly #lateAnswerMs: number | undefined;
  /** the wait for the late answer owed, before the next command (`catchUp`) */
  #lateWaitMs = 0;
  /** what came while nothing waited for it, or not what was awaited: kept for the next wait */
  readonly #inbox = new LcdmKeptItems();

  constructor(stream: Duplex, options: LcdmLineOptions = {}) {
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 500;
    this.#attempts = options.attempts ?? 3;
    this.#lateAnswerMs = options.lateAnswerMs;
    this.#line = new SerialAnswerLine<DecodedItem>(stream, {
      ...options,
      decoder: () => new LcdmFrameDecoder('response'),
      lineDown: () => new KioskError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser line is down.'),
      unawaited: (item) => this.#inbox.keep(item),
      // an ACK or a NAK says a command was taken or not, not that answers come
      answering: (item) => item.type === 'frame' || item.type === 'error',
    });
    this.#line.onRestored(() => this.#inbox.clear());
  }

  /** The line went away (port closed, far end hung up, I/O error): the cable pulled. */
  onLost(listener: (error: KioskError) => void): void {
    this.#line.onLost(listener);
  }

  /** A lost line was opened again (`reopen`): the device may answer again. */
  onRestored(listener: () => void): void {
    this.#line.onRestored(listener);
  }

  get lost(): boolean {
    return this.#line.lost;
  }

  /** Items read that no wait took, kept for the transaction under way (`LcdmKeptItems`). */
  get kept(): number {
    return this.#inbox.size;
  }

  /** Runs one transaction after the ones already queued. */
  transact(cmd: number, data: readonly number[], responseTimeoutMs: number): Promise<LcdmFrame> {
    return this.#line.exchange(() => this.#transact(cmd, data, responseTimeoutMs));
  }

  /** Closes the stream and resolves once the port is really closed (so nothing reads it after). */
  close(): Promise<void> {
    return this.#line.close();
  }

  async #transact(cmd: number, data: readonly number[], responseTimeoutMs: number): Promise<LcdmFrame> {
    // an answer that came too late for the command before is not this command's
    await this.#line.catchUp(this.#lateWaitMs);
    this.#inbox.transaction(true);
    try {
      const acknowledged = await this.#sendCommand(cmd, data);
      return await this.#receiveAnswer(cmd, responseTimeoutMs, acknowledged);
    } finally {
      this.#inbox.transaction(false);
    }
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
        this.#inbox.drop((i) => i.type === 'error');
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
   * answer gets none of its own, so a device repeating old frames cannot hold the line. A command
   * that moves no notes owes its answer when it times out (`#owe`).
   */
  async #receiveAnswer(cmd: number, responseTimeoutMs: number, acknowledged: boolean): Promise<LcdmFrame> {
    const unknown: ErrorDetails = acknowledged ? {} : { outcomeUnknown: true };
    let spoiled = 0;
    let until = Date.now() + responseTimeoutMs;
    const owes = this.#owe(cmd, responseTimeoutMs);
    while (spoiled < this.#attempts) {
      const item = await this.#next(
        (i) => i.type === 'frame' || i.type === 'error',
        Math.max(0, until - Date.now()),
        owes,
      );
      if (item === null) {
        if (this.#line.lost)
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

  /**
   * What a response wait of `cmd` owes when it times out: the answer of a command that moves no
   * notes (the next of the same command would take it), awaited `lateAnswerMs` or its own answer
   * time. A command that moves notes owes none: its outcome is unknown, the dispenser reads out of
   * reach and its presenter is read again (STATUS, PRESENTER_STATUS: the late answer is none of theirs).
   */
  #owe(cmd: number, responseTimeoutMs: number): ((item: DecodedItem) => boolean) | null {
    if (NOTE_MOVING_COMMANDS.has(cmd)) return null;
    this.#lateWaitMs = this.#lateAnswerMs ?? responseTimeoutMs;
    return (item) => item.type === 'frame' && item.frame.cmd === cmd;
  }

  #throwIfLost(phase: LinePhase): void {
    if (this.#line.lost) throw lineDown(phase);
  }

  #write(bytes: Uint8Array, phase: LinePhase): Promise<void> {
    this.#throwIfLost(phase);
    return this.#line.write(bytes, () => lineDown(phase));
  }

  /**
   * The first item `accept` takes, of those kept first, else as it comes; null at the timeout or
   * the line's loss; timed out, the answer `owes` takes is owed (none by default).
   */
  #next(
    accept: (item: DecodedItem) => boolean,
    timeoutMs: number,
    owes: ((item: DecodedItem) => boolean) | null = null,
  ): Promise<DecodedItem | null> {
    const kept = this.#inbox.take(accept);
    if (kept) return Promise.resolve(kept);
    return this.#line.next(accept, timeoutMs, owes);
  }
}

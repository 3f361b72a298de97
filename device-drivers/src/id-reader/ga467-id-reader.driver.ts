/**
 * Resident-ID reader driver for GA 467 style readers over an injected serial stream
 * (`openGa467SerialPort` opens a real port or a pseudo terminal). A card lying on the reader is
 * noticed by polling; reading runs find → select → read base message.
 *
 * What lies on the pad, which placement it is and the card read that is held (a card a module
 * halts after its read, the probe that tells a lift however quick) is `Ga467CardOnPad`'s
 * (ga467-card-on-pad.ts, docs/id-reader-ga467.md); this file is the line, its health and the read.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import { StatusFeed } from '../common/status-feed.js';
import { openSerialPort8N1 } from '../common/serial-port.js';
import { Ga467CardOnPad } from './ga467-card-on-pad.js';
import { Ga467SerialLine, type Ga467LineOptions, type IdAnswer } from './ga467-serial-line.js';
import { ga467ReaderStatus } from './ga467-reader-status.js';
import { idCardFromBaseMessage } from './id-card-fields.js';
import type { IdCardEvent, IdReaderPort, ResidentIdCard } from './id-reader.port.js';
import {
  decodeBaseMessage,
  ID_READER_BAUD_RATE,
  IdReaderCommand,
  idReaderErrorCode,
} from './id-reader.protocol.js';

export interface Ga467IdReaderOptions extends Ga467LineOptions {
  /** how often the reader is asked whether a card lies on it; 0 = only when reading */
  readonly cardPollMs?: number;
}

/** Opens a serial port (or pseudo terminal) at 115200 8N1 (or the speed given) for the driver. */
export function openGa467SerialPort(path: string, baudRate: number = ID_READER_BAUD_RATE): Promise<Duplex> {
  return openSerialPort8N1(path, baudRate, 'ID card reader');
}

export class Ga467IdReader implements IdReaderPort {
  readonly kind = 'idReader' as const;
  readonly #line: Ga467SerialLine;
  readonly #cardPollMs: number;
  readonly #feed = new StatusFeed(() =>
    ga467ReaderStatus({ lineLost: this.#line.lost, opened: this.#opened, fault: this.#fault }),
  );
  readonly #pad: Ga467CardOnPad;
  #opened = false;
  #reading = false;
  #polling = false;
  /** the pad is asked one way at a time (a poll, a read, the card read asked after) */
  #padTurn: Promise<unknown> = Promise.resolve();
  #fault: { code: ErrorCode; message: string } | null = null;
  #pollTimer: NodeJS.Timeout | undefined;

  constructor(stream: Duplex, options: Ga467IdReaderOptions = {}) {
    this.#line = new Ga467SerialLine(stream, options);
    this.#cardPollMs = options.cardPollMs ?? 300;
    this.#pad = new Ga467CardOnPad((command) => this.#guard(this.#line.transact(command)));
    this.#line.onLost(() => {
      clearInterval(this.#pollTimer);
      // opened again when the line is back (its self-check, its polling), by the line or the daemon
      this.#opened = false;
      this.#pad.lost();
      this.#setFault({ code: ErrorCode.DEVICE_OFFLINE, message: 'The ID card reader line is down.' });
    });
    // the line is back: the self-check again, online once the reader passes it
    this.#line.onRestored(() => void this.open().catch(() => undefined));
  }

  async open(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    // a reader silent at open reads offline with DEVICE_TIMEOUT, and its first look is 'unseen'
    const answer = await this.#guard(this.#line.transact(IdReaderCommand.SAM_STATUS));
    const code = idReaderErrorCode(answer.sw3);
    if (code) {
      this.#setFault({ code, message: 'The ID card reader failed its self-check.' });
      throw new KioskError(code, 'The ID card reader failed its self-check; call field staff.');
    }
    this.#opened = true;
    // online once the pad was looked at: a card placed after the reader reads online is a
    // placement seen, never one found lying there `unseen` by the first look (ADR 0019)
    await this.#pollCard().catch(() => undefined);
    // closed, or the line lost, while the pad was looked at: no poll of a line that is gone
    if (!this.#opened) throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The ID card reader line is down.');
    if (!this.#pad.outOfSight) this.#setFault(null);
    else this.#publish();
    clearInterval(this.#pollTimer);
    if (this.#cardPollMs > 0) {
      this.#pollTimer = setInterval(() => {
        // one poll at a time: polls queued behind a silent reader would answer for an older look
        if (!this.#reading && !this.#polling) this.#pollCard().catch(() => undefined);
      }, this.#cardPollMs);
    }
  }

  /**
   * SAM_STATUS again, the reader's own self-check (field staff clearing a fault); a reader that
   * never opened is opened. What it reports, or a line that does not answer, is in the status.
   */
  async selfTest(signal?: AbortSignal): Promise<DeviceStatus> {
    if (!this.#opened) {
      await this.open(signal).catch(() => undefined);
      return this.#feed.current();
    }
    try {
      const answer = await this.#line.transact(IdReaderCommand.SAM_STATUS);
      const code = idReaderErrorCode(answer.sw3);
      if (code) this.#setFault({ code, message: 'The ID card reader failed its self-check.' });
      // back after it did not answer: online once the pad was looked at again, as at open
      else if (this.#pad.outOfSight) await this.#pollCard(true).catch(() => undefined);
      else this.#setFault(null);
    } catch (e) {
      this.#setFault({
        code: KioskError.from(e).code,
        message: 'The ID card reader did not pass its self-check.',
      });
    }
    return this.#feed.current();
  }

  async close(): Promise<void> {
    clearInterval(this.#pollTimer);
    this.#opened = false;
    await this.#line.close();
    this.#publish();
  }

  status(): DeviceStatus {
    return this.#feed.current();
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.#feed.subscribe(listener);
  }

  onCardEvent(listener: (event: IdCardEvent) => void): Unsubscribe {
    return this.#pad.onEvent(listener);
  }

  isCardPresent(): boolean {
    return this.#pad.present;
  }

  /**
   * Asked of the reader now, not of the last poll: the card last read, this ID number's, still lies
   * there, never lifted since (the held card's probe), or, on a module that can tell no lift, the
   * card read again is the same. A card swapped meanwhile is reported removed, then placed.
   */
  sameCardAsRead(idNumber: string, signal?: AbortSignal): Promise<boolean> {
    return this.#readAlone(() => this.#pad.sameCardAsRead(idNumber, () => this.#read(signal)));
  }

  readIdCard(signal?: AbortSignal): Promise<ResidentIdCard> {
    return this.#readAlone(() => this.#read(signal));
  }

  /** One read at a time, of a reader opened and in sight, in the pad's turn; refused coded else. */
  async #readAlone<T>(read: () => Promise<T>): Promise<T> {
    if (!this.#opened || this.#line.lost)
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The ID card reader is offline.');
    if (this.#reading) throw new KioskError(ErrorCode.DEVICE_BUSY, 'The ID card reader is already reading.');
    this.#reading = true;
    try {
      return await this.#onPad(read);
    } finally {
      this.#reading = false;
    }
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * find → select → read, or the held card read again straight away; the card then held. A read
   * within the first look back from out of sight (`inSight` false) leaves that look to say when
   * the pad is in sight again.
   */
  async #read(signal: AbortSignal | undefined, inSight = true): Promise<ResidentIdCard> {
    const cancelled = () => {
      if (signal?.aborted) {
        throw new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The ID card read was cancelled.');
      }
    };
    const step = async (command: readonly [number, number]): Promise<IdAnswer> => {
      cancelled();
      return this.#answered(await this.#guard(this.#line.transact(command)), inSight);
    };
    // the card read before and not lifted since (a halting module finds it no more)
    if (this.#pad.held) {
      cancelled();
      const held = await this.#pad.readHeld();
      if (held) return this.#cardOf(this.#answered(held, inSight));
    }
    await step(IdReaderCommand.FIND_CARD);
    this.#pad.found();
    await step(IdReaderCommand.SELECT_CARD);
    const card = this.#cardOf(await step(IdReaderCommand.READ_BASE_MESSAGE));
    await this.#pad.afterRead(card);
    if (inSight) this.#inSight();
    return card;
  }

  /** The answer to a step of a read, or its coded refusal. */
  #answered(answer: IdAnswer, inSight = true): IdAnswer {
    const code = idReaderErrorCode(answer.sw3);
    if (code === ErrorCode.ID_CARD_ABSENT) {
      this.#pad.absent();
      if (inSight) this.#inSight();
      throw new KioskError(code, 'Place your ID card on the reader.');
    }
    if (code === ErrorCode.ID_CARD_UNREADABLE) {
      throw new KioskError(code, 'The ID card could not be read; place it flat and try again.');
    }
    if (code) throw new KioskError(code, 'The ID card reader reported a fault.', { status: answer.sw3 });
    return answer;
  }

  #cardOf(answer: IdAnswer): ResidentIdCard {
    const message = decodeBaseMessage(answer.data);
    if (!message) throw new KioskError(ErrorCode.ID_CARD_UNREADABLE, 'The ID card data had the wrong shape.');
    return idCardFromBaseMessage(message.text, message.photo);
  }

  /** Tracks line health from every answer or failure. */
  async #guard<T>(pending: Promise<T>): Promise<T> {
    try {
      const result = await pending;
      // an answer clears a fault of the line, once the pad is in sight again (after a look)
      if (this.#fault && this.#fault.code !== ErrorCode.DEVICE_HARDWARE_ERROR && !this.#pad.outOfSight)
        this.#setFault(null);
      return result;
    } catch (error) {
      const e = KioskError.from(error, ErrorCode.DEVICE_PROTOCOL_ERROR);
      if (e.code === ErrorCode.DEVICE_TIMEOUT || e.code === ErrorCode.DEVICE_OFFLINE) {
        this.#pad.lost();
        this.#setFault({ code: e.code, message: 'The ID card reader does not answer.' });
      }
      throw e;
    }
  }

  /**
   * One look at the pad. The first look after the reader was out of sight clears a fault of its
   * line (any fault, after a self-check passed: `clearAny`); the reader reads online from then.
   */
  async #pollCard(clearAny = false): Promise<void> {
    this.#polling = true;
    const wasOutOfSight = this.#pad.outOfSight;
    // back from out of sight, the card read before is read again and compared (ADR 0019)
    const reread = () => this.#read(undefined, false);
    await this.#onPad(() => this.#pad.look(reread)).finally(() => (this.#polling = false));
    const fault = this.#fault;
    if (!wasOutOfSight || this.#pad.outOfSight || !fault) return;
    if (clearAny || fault.code !== ErrorCode.DEVICE_HARDWARE_ERROR) this.#setFault(null);
  }

  /** A read told what lies on the pad, as a look does: in sight, a fault of its line cleared. */
  #inSight(): void {
    if (!this.#pad.outOfSight) return;
    this.#pad.outOfSight = false;
    if (this.#fault && this.#fault.code !== ErrorCode.DEVICE_HARDWARE_ERROR) this.#setFault(null);
  }

  /** Runs `ask` once the pad's earlier question is answered: one poll's look never splits a read. */
  #onPad<T>(ask: () => Promise<T>): Promise<T> {
    const turn = this.#padTurn.then(ask, ask);
    this.#padTurn = turn.catch(() => undefined);
    return turn;
  }

  #setFault(fault: { code: ErrorCode; message: string } | null): void {
    this.#fault = fault;
    this.#publish();
  }

  #publish(): void {
    this.#feed.publish();
  }
}

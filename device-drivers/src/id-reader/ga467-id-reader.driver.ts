/**
 * Resident-ID reader driver for GA 467 style readers over an injected serial stream
 * (`openGa467SerialPort` opens a real port or a pseudo terminal). A card lying on the reader is
 * noticed by polling "find card"; reading runs find → select → read base message.
 *
 * A card once read may be halted by the module: "find card" answers "no card" of it, and select
 * fails, until it is lifted (docs/id-reader-ga467.md). Find card right after a read tells which
 * module this is. A card a halting module read is held: while it is on the reader it is asked
 * after by a command to the selected card (read appended address: answered while it lies there,
 * "read failed" once lifted), and read again without find and select. A module that knows
 * no such command and halts the card cannot tell it lifted: the card then counts as present until
 * a find card or a read says otherwise, never as taken away by a "no card" of the halted card.
 *
 * The first look after the reader was out of sight (before it first answered, while it did not
 * answer, its line down) sees no lift and no placement: a card it finds that was not there before
 * is reported placed `unseen` (when, and by whom, is not known); a card it held that no longer
 * answers (a module restarted forgets the card it halted) is asked after by find card, not lifted.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import { StatusFeed } from '../common/status-feed.js';
import { openSerialPort8N1 } from '../common/serial-port.js';
import { Ga467SerialLine, type Ga467LineOptions, type IdAnswer } from './ga467-serial-line.js';
import { ga467ReaderStatus } from './ga467-reader-status.js';
import { idCardFromBaseMessage } from './id-card-fields.js';
import type { IdCardEvent, IdReaderPort, ResidentIdCard } from './id-reader.port.js';
import {
  decodeBaseMessage,
  ID_READER_BAUD_RATE,
  IdReaderCommand,
  idReaderErrorCode,
  IdReaderStatus,
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
  readonly #cardListeners = new Set<(e: IdCardEvent) => void>();
  #opened = false;
  #reading = false;
  #cardPresent = false;
  /** the card this driver read is (as far as it knows) still selected on the reader */
  #held = false;
  /** false once the module answered the presence probe (read appended address) "command error" */
  #probeKnown = true;
  /** no look at the pad since the reader was out of sight: the next one sees no lift or placement */
  #outOfSight = true;
  #polling = false;
  #fault: { code: ErrorCode; message: string } | null = null;
  #pollTimer: NodeJS.Timeout | undefined;

  constructor(stream: Duplex, options: Ga467IdReaderOptions = {}) {
    this.#line = new Ga467SerialLine(stream, options);
    this.#cardPollMs = options.cardPollMs ?? 300;
    this.#line.onLost(() => {
      clearInterval(this.#pollTimer);
      // opened again when the line is back (its self-check, its polling), by the line or the daemon
      this.#opened = false;
      this.#outOfSight = true;
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
    this.#setFault(null);
    await this.#pollCard().catch(() => undefined);
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
      this.#setFault(code ? { code, message: 'The ID card reader failed its self-check.' } : null);
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
    this.#cardListeners.add(listener);
    return () => this.#cardListeners.delete(listener);
  }

  isCardPresent(): boolean {
    return this.#cardPresent;
  }

  async readIdCard(signal?: AbortSignal): Promise<ResidentIdCard> {
    if (!this.#opened || this.#line.lost)
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The ID card reader is offline.');
    if (this.#reading) throw new KioskError(ErrorCode.DEVICE_BUSY, 'The ID card reader is already reading.');
    this.#reading = true;
    try {
      const step = async (command: readonly [number, number]): Promise<IdAnswer> => {
        if (signal?.aborted) {
          throw new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The ID card read was cancelled.');
        }
        const answer = await this.#guard(this.#line.transact(command));
        const code = idReaderErrorCode(answer.sw3);
        if (code === ErrorCode.ID_CARD_ABSENT) this.#setPresence(false);
        if (code === ErrorCode.ID_CARD_ABSENT)
          throw new KioskError(code, 'Place your ID card on the reader.');
        if (code === ErrorCode.ID_CARD_UNREADABLE) {
          throw new KioskError(code, 'The ID card could not be read; place it flat and try again.');
        }
        if (code) throw new KioskError(code, 'The ID card reader reported a fault.', { status: answer.sw3 });
        return answer;
      };
      const again = await this.#readHeldCard(signal);
      if (again) return again;
      await step(IdReaderCommand.FIND_CARD);
      this.#setPresence(true);
      await step(IdReaderCommand.SELECT_CARD);
      const answer = await step(IdReaderCommand.READ_BASE_MESSAGE);
      const card = this.#cardOf(answer);
      this.#held = await this.#haltsCardRead();
      return card;
    } finally {
      this.#reading = false;
    }
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * The card read before and not lifted since, read again straight away (a halting module finds
   * it no more); null when there is none, or it no longer answers (then find → select → read).
   */
  async #readHeldCard(signal: AbortSignal | undefined): Promise<ResidentIdCard | null> {
    if (!this.#held) return null;
    if (signal?.aborted) {
      throw new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The ID card read was cancelled.');
    }
    const answer = await this.#guard(this.#line.transact(IdReaderCommand.READ_BASE_MESSAGE));
    const code = idReaderErrorCode(answer.sw3);
    if (!code) return this.#cardOf(answer);
    if (code === ErrorCode.ID_CARD_UNREADABLE) {
      this.#held = false;
      return null;
    }
    throw new KioskError(code, 'The ID card reader reported a fault.', { status: answer.sw3 });
  }

  /**
   * Asks find card right after a read, the card surely still there: a module that finds it again
   * needs no holding (its "no card" means lifted); one that answers "no card" has halted it. A
   * reader that does not answer is taken for halting (no "no card" is then believed of the card).
   */
  async #haltsCardRead(): Promise<boolean> {
    try {
      const answer = await this.#guard(this.#line.transact(IdReaderCommand.FIND_CARD));
      return answer.sw3 !== IdReaderStatus.CARD_FOUND;
    } catch {
      return true;
    }
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
      if (this.#fault && this.#fault.code !== ErrorCode.DEVICE_HARDWARE_ERROR) this.#setFault(null);
      return result;
    } catch (error) {
      const e = KioskError.from(error, ErrorCode.DEVICE_PROTOCOL_ERROR);
      if (e.code === ErrorCode.DEVICE_TIMEOUT || e.code === ErrorCode.DEVICE_OFFLINE) {
        this.#outOfSight = true;
        this.#setFault({ code: e.code, message: 'The ID card reader does not answer.' });
      }
      throw e;
    }
  }

  async #pollCard(): Promise<void> {
    this.#polling = true;
    await this.#lookAtPad().finally(() => (this.#polling = false));
  }

  async #lookAtPad(): Promise<void> {
    if (this.#held && this.#probeKnown && (await this.#probeHeldCard())) {
      this.#outOfSight = false;
      return;
    }
    const answer = await this.#guard(this.#line.transact(IdReaderCommand.FIND_CARD));
    if (answer.sw3 === IdReaderStatus.CARD_FOUND) {
      // found: a module that does not halt the card read (or a card placed anew); its "no card" counts.
      // Found while a halted card is held: the held card never answers find card, so this is a card
      // lifted and placed again unnoticed (no read appended address): a placement of its own, unless
      // the reader was out of sight (a module restarted meanwhile finds the card it had halted)
      const placedAnew = this.#held && !this.#outOfSight;
      this.#held = false;
      if (placedAnew) this.#setPresence(false);
      this.#setPresence(true);
    }
    // "no card" of a card read and still held says nothing: a halting module answers it so
    else if (answer.sw3 === IdReaderStatus.NO_CARD && !this.#held) this.#setPresence(false);
    else if (answer.sw3 !== IdReaderStatus.NO_CARD) return;
    this.#outOfSight = false;
  }

  /**
   * Asks the card read whether it is still there (read appended address, a command to the selected
   * card): true when that settled it, false when the module cannot tell (then find card asks).
   */
  async #probeHeldCard(): Promise<boolean> {
    const answer = await this.#guard(this.#line.transact(IdReaderCommand.READ_APPENDED_ADDRESS));
    if (answer.sw3 === IdReaderStatus.OK || answer.sw3 === IdReaderStatus.NO_CONTENT) {
      this.#setPresence(true);
      return true;
    }
    if (
      idReaderErrorCode(answer.sw3) === ErrorCode.ID_CARD_UNREADABLE ||
      answer.sw3 === IdReaderStatus.NO_CARD
    ) {
      // the card read was lifted (or another took its place): gone, and the next poll finds anew;
      // back from out of sight the module may have restarted, forgetting it: find card tells
      this.#held = false;
      if (this.#outOfSight) return false;
      this.#setPresence(false);
      return true;
    }
    if (answer.sw3 === IdReaderStatus.COMMAND_ERROR) this.#probeKnown = false;
    return false;
  }

  #setPresence(present: boolean): void {
    if (present === this.#cardPresent) return;
    this.#cardPresent = present;
    const event: IdCardEvent = present
      ? { type: 'placed', ...(this.#outOfSight ? { unseen: true } : {}) }
      : { type: 'removed' };
    for (const listener of this.#cardListeners) listener(event);
  }

  #setFault(fault: { code: ErrorCode; message: string } | null): void {
    this.#fault = fault;
    this.#publish();
  }

  #publish(): void {
    this.#feed.publish();
  }
}

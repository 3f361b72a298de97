/**
 * The host side of a serial line whose device answers commands, shared by the PIN pad, the ID card
 * reader and the cash dispenser: it owns the port (written, read, lost, opened again), one
 * exchange at a time and the awaited item; the bytes are read by a `SerialFrameReader` (the device's
 * decoder, the inter-byte gap that flushes a torn frame), as the emulators read theirs. What the
 * bytes mean stays with each device: its decoder turns them into items (frames, errors, keys), and
 * its line says which item answers (`next`'s `accept`) and what becomes of the others (`unawaited`).
 */
import type { Duplex } from 'node:stream';
import { OneLine, type KioskError } from '@kiosk/domain';
import { closeSerialStream } from './close-serial-stream.js';
import { LateAnswers } from './late-answers.js';
import { lineDeadline } from './line-deadline.js';
import { LineReconnect, type LineReopenOptions } from './line-reconnect.js';
import { SerialFrameReader, type SerialFrameDecoder } from './serial-frame-reader.js';

/** The waits of a line that sends a command again when its answer comes spoiled. */
export interface AnswerLineTimings {
  /** wait for a command's answer */
  readonly answerTimeoutMs?: number;
  /** silence after which a half-received frame counts as torn */
  readonly interByteTimeoutMs?: number;
  /** sends of one command before giving up */
  readonly attempts?: number;
  /**
   * after a command whose answer timed out, the wait for its late answer before the next command
   * (answers that name no command: a late one would be taken as the next's); default the answer time
   */
  readonly lateAnswerMs?: number;
}

export interface SerialAnswerLineOptions<Item> extends LineReopenOptions {
  /** a new decoder: at the start and for each line opened again */
  readonly decoder: () => SerialFrameDecoder<Item>;
  /** silence after which a half-received frame counts as torn (default 50 ms) */
  readonly interByteTimeoutMs?: number;
  /** the error the line's loss is told with */
  readonly lineDown: () => KioskError;
  /** an item no waiter took (none waiting, given up, or not the one awaited); dropped by default */
  readonly unawaited?: (item: Item) => void;
  /** zero each chunk once decoded (a line whose answers may carry a PIN) */
  readonly wipeReceived?: boolean;
  /**
   * the items that show the device answering, so slow and not silent (`catchUp`): all by default;
   * not a bare "taken" (an ACK), which says nothing of whether an answer follows
   */
  readonly answering?: (item: Item) => boolean;
}

type Waiter<Item> = { readonly accept: (item: Item) => boolean; readonly take: (item: Item | null) => void };

export class SerialAnswerLine<Item> {
  #stream: Duplex;
  #reader: SerialFrameReader<Item>;
  readonly #options: SerialAnswerLineOptions<Item>;
  #waiter: Waiter<Item> | null = null;
  /** one exchange (command and answer) at a time on the line */
  readonly #exchanges = new OneLine();
  #lost: KioskError | null = null;
  readonly #lostListeners = new Set<(error: KioskError) => void>();
  readonly #restoredListeners = new Set<() => void>();
  readonly #reconnect: LineReconnect;
  /**
   * the answers of waiters that timed out, while they may still come (late): a device that answers
   * by order only must not have one taken as the next command's (`catchUp`)
   */
  readonly #late = new LateAnswers<Item>();
  /**
   * the writes under way, each refused at the line's loss: a port closing keeps a write handed to
   * it meanwhile until it opens again (`serialport` does), which a lost port never does
   */
  readonly #writing = new Set<() => void>();

  constructor(stream: Duplex, options: SerialAnswerLineOptions<Item>) {
    this.#stream = stream;
    this.#options = options;
    this.#reader = this.#newReader();
    this.#reconnect = new LineReconnect(options);
    this.#attach(stream);
  }

  get lost(): boolean {
    return this.#lost !== null;
  }

  /** The line went away (port closed, far end hung up, I/O error, a write refused). */
  onLost(listener: (error: KioskError) => void): void {
    this.#lostListeners.add(listener);
  }

  /** A lost line was opened again (`reopen`): the device may answer again. */
  onRestored(listener: () => void): void {
    this.#restoredListeners.add(listener);
  }

  /** Runs one exchange after the ones already queued. */
  exchange<T>(work: () => Promise<T>): Promise<T> {
    return this.#exchanges.run(work);
  }

  /**
   * Writes the bytes; a line down, a write the port refuses (the line then lost) or one under way
   * when the line is lost rejects `refused()`.
   */
  write(bytes: Uint8Array, refused: () => KioskError): Promise<void> {
    if (this.#lost) return Promise.reject(refused());
    return new Promise((resolve, reject) => {
      const cutOff = () => {
        this.#writing.delete(cutOff);
        reject(refused());
      };
      this.#writing.add(cutOff);
      this.#stream.write(bytes, (error) => {
        if (!this.#writing.delete(cutOff)) return; // refused already, at the line's loss
        if (!error) return resolve();
        this.#loseLine();
        reject(refused());
      });
    });
  }

  /**
   * The next item `accept` takes, or null when `timeoutMs` passes first or the line is (or goes)
   * lost. Ask before writing the command: an answer read before the waiter is set is not its own.
   * Timed out, the answer `owes` takes is owed (`catchUp`); null: nothing is (answers that say what
   * they answer, or none may come late).
   */
  next(
    accept: (item: Item) => boolean,
    timeoutMs: number,
    owes: ((item: Item) => boolean) | null = accept,
  ): Promise<Item | null> {
    if (this.#lost) return Promise.resolve(null);
    this.#waiter?.take(null); // one waiter at a time: the one before has no answer coming
    return new Promise((resolve) => {
      const waiter: Waiter<Item> = {
        accept,
        take: (item) => {
          deadline.clear();
          if (this.#waiter === waiter) this.#waiter = null;
          resolve(item);
        },
      };
      // a stall of the process past it first lets the answer already in the line be read
      const deadline = lineDeadline(timeoutMs, () => {
        if (owes) this.#late.owe(owes);
        waiter.take(null);
      });
      this.#waiter = waiter;
    });
  }

  /**
   * Before a command, on a line whose answers do not say which command they answer: the late
   * answers owed (of waiters that timed out) are awaited up to `waitMs`, handed to `unawaited` as
   * they come, so that the next command's answer is its own (`LateAnswers.catchUp`). At once when
   * none is owed or the device has stayed silent since a catch-up before.
   */
  catchUp(waitMs: number): Promise<void> {
    return this.#late.catchUp(waitMs);
  }

  /**
   * Closes the port and resolves once it is really closed (so nothing reads it after), a port a
   * reopen under way opened as well.
   */
  async close(): Promise<void> {
    const reopenSettled = this.#reconnect.stop();
    this.#reader.stop();
    await closeSerialStream(this.#stream);
    await reopenSettled;
  }

  #attach(stream: Duplex): void {
    stream.on('data', (chunk: Buffer) => {
      if (stream === this.#stream) this.#reader.receive(chunk);
      if (this.#options.wipeReceived) chunk.fill(0);
    });
    stream.on('error', () => this.#loseLine(stream));
    stream.on('close', () => this.#loseLine(stream));
  }

  /** A new decoder's reader: at the start and for each line opened again. */
  #newReader(): SerialFrameReader<Item> {
    const options = this.#options;
    return new SerialFrameReader(options.decoder(), options.interByteTimeoutMs ?? 50, (items) =>
      this.#deliver(items),
    );
  }

  #deliver(items: readonly Item[]): void {
    for (const item of items) {
      if (this.#options.answering?.(item) ?? true) this.#late.heard();
      if (this.#waiter?.accept(item)) this.#waiter.take(item);
      else {
        if (!this.#waiter) this.#late.late(item); // a late answer owed, come now: dropped
        this.#options.unawaited?.(item);
      }
    }
  }

  #loseLine(stream = this.#stream): void {
    if (this.#lost || stream !== this.#stream) return;
    const lost = this.#options.lineDown();
    this.#lost = lost;
    this.#reader.stop();
    void closeSerialStream(stream);
    this.#waiter?.take(null);
    for (const cutOff of [...this.#writing]) cutOff();
    this.#late.forgive(); // nothing owed comes on this port any more, nor on the next
    for (const listener of this.#lostListeners) listener(lost);
    this.#reconnect.start((next) => {
      this.#stream = next;
      this.#reader = this.#newReader();
      this.#lost = null;
      this.#attach(next);
      for (const listener of this.#restoredListeners) listener();
    });
  }
}

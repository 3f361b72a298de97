/**
 * Encrypting PIN pad driver for SZZT style pads (ZT588 / ZT598 family) over an injected serial
 * stream (`openEppSerialPort` opens a real port or a pseudo terminal); docs/pin-pad-epp.md.
 *
 * A collection opens the keypad in PIN entry (start PIN input, the PIN's length, ASCII format); the
 * pad reports each digit masked, clear, cancel and enter; at enter with every digit in, the driver
 * asks "get PIN" and makes a `SecurePin` of its answer at once (its bytes zeroed), then closes the
 * keypad. Cancel, an abort, the driver's own key timer and a dropped line close it too. Key events
 * leave with their kind and count only; no error, log or status carries a digit.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import { SecurePin } from '../common/secure-pin.js';
import { StatusFeed } from '../common/status-feed.js';
import { decodePinDigits, EppCommand, eppErrorCode, startPinInput, type EppKeyKind } from './epp.protocol.js';
import { eppPadStatus, type EppPadFault } from './epp-pad-status.js';
import { EppSerialLine, type EppAnswer } from './epp-serial-line.js';
import type { Collection, EppPinPadOptions } from './epp-pin-pad.options.js';
import { pinCollectionRefusal } from './pin-collection-refusal.js';
import {
  type CollectPinOptions,
  type CollectPinResult,
  type PinPadKeyEvent,
  type PinPadPort,
} from './pin-pad.port.js';
import { OneBeatAtATime } from '../common/one-beat-at-a-time.js';

export { openEppSerialPort, type EppPinPadOptions } from './epp-pin-pad.options.js';

export class EppPinPad implements PinPadPort {
  readonly kind = 'pinPad' as const;
  readonly #line: EppSerialLine;
  readonly #feed = new StatusFeed(() =>
    eppPadStatus({ lineLost: this.#line.lost, opened: this.#opened, fault: this.#fault }),
  );
  readonly #keyListeners = new Set<(event: PinPadKeyEvent) => void>();
  #opened = false;
  #fault: EppPadFault | null = null;
  #collection: Collection | null = null;
  #begun = 0;
  /** entries asked for while the last one's keypad closes, waiting to begin */
  #waiting = 0;
  readonly #heartbeatMs: number;
  #heartbeat: NodeJS.Timeout | undefined;
  readonly #beats = new OneBeatAtATime(); // one heartbeat at a time

  constructor(stream: Duplex, options: EppPinPadOptions = {}) {
    this.#line = new EppSerialLine(stream, options);
    this.#heartbeatMs = options.heartbeatMs ?? 0;
    this.#line.onKey((key) => this.#key(key));
    this.#line.onLost(() => {
      this.#opened = false;
      this.#setFault({ code: ErrorCode.DEVICE_OFFLINE, message: 'The PIN pad line is down.' });
      this.#collection?.end({
        error: new KioskError(ErrorCode.DEVICE_OFFLINE, 'The PIN pad line went down.'),
      });
    });
    // the line is back: the pad checked again, online once it answers
    this.#line.onRestored(() => void this.open().catch(() => undefined));
  }

  /** Closes the keypad (a known state, no entry left from before): online once the pad answers. */
  async open(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    await this.#command(EppCommand.CLOSE_KEYPAD, 'The PIN pad failed its check.');
    this.#opened = true;
    this.#setFault(null);
    clearInterval(this.#heartbeat);
    if (this.#heartbeatMs > 0) {
      this.#heartbeat = setInterval(() => {
        // idle only (a collection's own commands tell its health), opened (a silent pad waits for
        // its reopen), one at a time (beats queued behind a silent pad would answer for older ones)
        if (this.#collection || !this.#opened || this.#line.lost) return;
        this.#beats.run(() =>
          this.#command(EppCommand.CLOSE_KEYPAD, 'The PIN pad failed its check.').catch(() => this.#silent()),
        );
      }, this.#heartbeatMs);
      this.#heartbeat.unref();
    }
  }

  /** The pad stopped answering while idle: not opened until a self test (the reopen) passes. */
  #silent(): void {
    if (this.#fault?.code === ErrorCode.DEVICE_TIMEOUT || this.#fault?.code === ErrorCode.DEVICE_OFFLINE) {
      clearInterval(this.#heartbeat);
      this.#opened = false;
      this.#feed.publish();
    }
  }

  /** The pad checked again (field staff, the daemon's reopen); never while a PIN is being collected. */
  async selfTest(signal?: AbortSignal): Promise<DeviceStatus> {
    if (!this.#collection) await this.open(signal).catch(() => undefined);
    return this.#feed.current();
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#collection?.end({ error: new KioskError(ErrorCode.DEVICE_OFFLINE, 'The PIN pad was closed.') });
    this.#opened = false;
    await this.#line.close();
    this.#feed.publish();
  }

  status(): DeviceStatus {
    return this.#feed.current();
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.#feed.subscribe(listener);
  }

  onKey(listener: (event: PinPadKeyEvent) => void): Unsubscribe {
    this.#keyListeners.add(listener);
    return () => this.#keyListeners.delete(listener);
  }

  /** True while a PIN is being collected (from the call, before the pad's keypad is open). */
  get collecting(): boolean {
    return this.#collection !== null;
  }

  /**
   * How many collections have begun, one waiting for the last keypad's close counted: which entry a
   * key pressed early is for (the emulator's controls).
   */
  get collectionsBegun(): number {
    return this.#begun + this.#waiting;
  }

  /** An entry waits for the last one's keypad to close: a key pressed now is for it (the controls). */
  get entryWaiting(): boolean {
    return this.#waiting > 0;
  }

  collectPin(options: CollectPinOptions): Promise<CollectPinResult> {
    // the last entry ended, its keypad still closing on the pad: this one opens once it is closed
    const closed = this.#collection?.closed;
    if (closed) {
      this.#waiting += 1;
      return closed.then(() => {
        this.#waiting -= 1;
        return this.collectPin(options);
      });
    }
    const { length, signal, timeoutMs } = options;
    // not opened, its line down, or silent since (a heartbeat, a command): opened again first
    const offline = !this.#opened || this.#feed.current().device === 'offline';
    const refused = pinCollectionRefusal({ length, offline, collecting: this.#collection !== null });
    if (refused) return Promise.reject(refused);
    if (signal?.aborted) return Promise.resolve({ result: 'cancelled' });
    this.#begun += 1;
    return new Promise<CollectPinResult>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let ended = false;
      let started: Promise<void> = Promise.resolve();
      const onAbort = () => c.end({ result: { result: 'cancelled' } });
      const c: Collection = {
        length,
        entered: 0,
        open: false,
        deaf: false,
        end: (outcome) => {
          if (ended) return false;
          ended = true;
          c.deaf = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          // the keypad closed on the pad (its entry wiped there) before the next collection starts
          // (asked meanwhile, it waits for this); one still opening is closed once its start is answered
          const closing = started.then(() => (c.open && !this.#line.lost ? this.#closeKeypad() : undefined));
          c.closed = closing.finally(() => {
            if (this.#collection === c) this.#collection = null;
            if ('error' in outcome) reject(outcome.error);
            else resolve(outcome.result);
          });
          return true;
        },
        touch: () => {
          if (timeoutMs === undefined) return;
          clearTimeout(timer);
          timer = setTimeout(() => c.end({ result: { result: 'timeout' } }), timeoutMs);
        },
      };
      this.#collection = c;
      signal?.addEventListener('abort', onAbort, { once: true });
      c.touch();
      started = this.#command(startPinInput(length), 'The PIN pad did not open its keypad.').then(
        () => {
          c.open = true;
        },
        (error: unknown) => void c.end({ error: KioskError.from(error) }),
      );
    });
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * A key the pad reported: taken only while a collection runs with its keypad open (its start
   * answered). A key before that answer is discarded: the pad starting the entry again (the start
   * sent again after a spoiled answer) wiped it too.
   */
  #key(key: EppKeyKind): void {
    const c = this.#collection;
    if (!c || !c.open || c.deaf) return; // no collection: a stray key, discarded
    c.touch();
    if (key === 'digit') {
      if (c.entered >= c.length) return; // the pad ignores it too (it was told the length)
      c.entered += 1;
      this.#emit({ kind: 'digit', entered: c.entered });
    } else if (key === 'clear') {
      c.entered = 0;
      this.#emit({ kind: 'clear', entered: 0 });
    } else if (key === 'cancel') {
      this.#emit({ kind: 'cancel', entered: c.entered });
      void c.end({ result: { result: 'cancelled' } });
    } else {
      this.#emit({ kind: 'enter', entered: c.entered });
      if (c.entered < c.length) return; // a real pad beeps
      c.deaf = true;
      this.#fetchPin(c.length).then(
        (pin) => {
          // ended meanwhile (an abort, the line down): the PIN is nobody's
          if (!c.end({ result: { result: 'entered', pin } })) pin.wipe();
        },
        (error: unknown) => c.end({ error: KioskError.from(error) }),
      );
    }
  }

  /** "get PIN": a `SecurePin` of the answer's digits, every copy of them zeroed. */
  async #fetchPin(length: number): Promise<SecurePin> {
    const answer = await this.#command(EppCommand.GET_PIN, 'The PIN pad did not give the PIN.', true);
    const digits = decodePinDigits(answer.data, length);
    answer.data.fill(0);
    if (!digits)
      throw new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, "The PIN pad's PIN answer had the wrong shape.");
    const pin = SecurePin.fromKeys(digits);
    digits.fill(0);
    return pin;
  }

  #closeKeypad(): Promise<void> {
    return this.#command(EppCommand.CLOSE_KEYPAD, 'The PIN pad did not close its keypad.').then(
      () => undefined,
      () => undefined,
    );
  }

  /** One command, its refusal coded, line health tracked; its data wiped unless `keep` (see below). */
  async #command(text: string, refused: string, keep = false): Promise<EppAnswer> {
    let answer: EppAnswer;
    try {
      answer = await this.#line.transact(text);
    } catch (error) {
      const e = KioskError.from(error, ErrorCode.DEVICE_PROTOCOL_ERROR);
      if (e.code === ErrorCode.DEVICE_TIMEOUT || e.code === ErrorCode.DEVICE_OFFLINE) {
        this.#setFault({ code: e.code, message: 'The PIN pad does not answer.' });
      }
      throw e;
    }
    const code = eppErrorCode(answer.status);
    if (code) {
      answer.data.fill(0);
      if (code === ErrorCode.DEVICE_HARDWARE_ERROR)
        this.#setFault({ code, message: 'The PIN pad reported a fault.' });
      throw new KioskError(code, refused, { status: answer.status });
    }
    if (this.#fault && this.#fault.code !== ErrorCode.DEVICE_HARDWARE_ERROR && this.#opened)
      this.#setFault(null);
    if (!keep) answer.data.fill(0); // a late "get PIN" answer comes as the next command's
    return answer;
  }

  #emit(event: PinPadKeyEvent): void {
    const frozen = Object.freeze({ kind: event.kind, entered: event.entered });
    for (const listener of this.#keyListeners) listener(frozen);
  }

  #setFault(fault: EppPadFault | null): void {
    this.#fault = fault;
    this.#feed.publish();
  }
}

/**
 * Byte-level PIN pad emulator: answers SZZT style frames from the device end of a serial line, as
 * a ZT598 family pad does in PIN entry (docs/pin-pad-epp.md). Control surface: `press(key)` (the
 * demo panel's on-screen pad, a test), `setFault(...)` for no answer, torn frame, bad check byte,
 * corrupted length field, the cable pulled at the next key of an entry; `detach()` (the cable pulled from the device side).
 *
 * Its keypad is closed until "start PIN input": a key pressed then is discarded (`press` answers
 * false), as a real pad sends nothing with its keypad closed. In entry, a digit goes to the pad's
 * own buffer and out as `*`; clear empties the buffer; cancel ends the entry; enter is only
 * reported (the host asks "get PIN", then closes the keypad, which wipes the buffer).
 */
import type { Duplex } from 'node:stream';
import { EmulatedSerialEnd } from '../common/emulated-serial-end.js';
import {
  EppCommand,
  EppDecoder,
  EppKey,
  EppStatus,
  encodeEppAnswer,
  encodePinDigits,
  type EppItem,
} from './epp.protocol.js';
import type { PinPadKey } from './pin-pad.port.js';
import { noSuchEmulatedFault } from '../common/emulated-fault.js';

export type EppEmulatorFault =
  | { readonly kind: 'noAnswer' }
  | { readonly kind: 'tornFrame'; readonly times: number }
  | { readonly kind: 'badCheckByte'; readonly times: number }
  /** the next answers' length field comes corrupted ('999', over the bound), the rest of each intact */
  | { readonly kind: 'corruptedLength'; readonly times: number }
  /** the cable comes out at the next key pressed during an entry (see `onCablePulled`) */
  | { readonly kind: 'cablePulledDuringEntry' };

export interface EppPinPadEmulatorOptions {
  readonly interByteTimeoutMs?: number;
  /** what "user information" gives as the model (six characters) */
  readonly model?: string;
}

export class EppPinPadEmulator {
  /** the line's device end: the host's commands read by the driver's own framing */
  readonly #line: EmulatedSerialEnd<EppItem>;
  readonly #model: string;
  /** the PIN's length while the keypad is open in PIN entry, else null */
  #entryLength: number | null = null;
  readonly #digits: number[] = [];
  readonly #answered = new Map<string, number>();
  #fault = { noAnswer: false, cablePulledDuringEntry: false, torn: 0, badCheck: 0, badLength: 0 };
  readonly #cablePulledListeners = new Set<() => void>();
  readonly #keypadOpenedListeners = new Set<() => void>();
  #keypadJustOpened = false;

  constructor(options: EppPinPadEmulatorOptions = {}) {
    this.#line = new EmulatedSerialEnd({
      decoder: new EppDecoder(),
      gapMs: options.interByteTimeoutMs ?? 100,
      take: (items) => this.#take(items),
      deaf: () => this.#fault.noAnswer,
    });
    this.#model = (options.model ?? 'ZT598').padEnd(6).slice(0, 6);
  }

  attach(stream: Duplex): void {
    this.#line.attach(stream);
  }

  detach(): void {
    this.#line.detach();
  }

  // ---- control surface -------------------------------------------------------------------

  /** Whether the keypad is open in PIN entry (a collection runs on the host's side). */
  get collecting(): boolean {
    return this.#entryLength !== null;
  }

  /**
   * A key pressed on the pad. False when its keypad is closed (the key is discarded, nothing is
   * sent); a key the pad ignores in entry (a digit beyond the PIN's length) is still taken: true.
   */
  press(key: PinPadKey): boolean {
    const length = this.#entryLength;
    if (length === null) return false;
    if (this.#fault.cablePulledDuringEntry) {
      this.#fault.cablePulledDuringEntry = false;
      this.#wipe();
      this.#entryLength = null;
      this.detach();
      for (const listener of this.#cablePulledListeners) listener();
      return true;
    }
    if (key === 'cancel') {
      this.#wipe();
      this.#entryLength = null;
      this.#key(EppKey.CANCEL);
    } else if (key === 'clear') {
      this.#wipe();
      this.#key(EppKey.CLEAR);
    } else if (key === 'enter') {
      this.#key(EppKey.ENTER);
    } else if (/^[0-9]$/.test(key)) {
      if (this.#digits.length >= length) return true;
      this.#digits.push(Number(key));
      this.#key(EppKey.MASK);
    } else return false;
    return true;
  }

  /** Writes a raw byte outside any frame (a stray key of a pad that reports with its keypad closed). */
  sendRaw(bytes: Uint8Array): void {
    this.#line.write(Buffer.from(bytes));
  }

  /** How many frames starting with this command text the emulator has answered. */
  answered(command: string): number {
    return this.#answered.get(command) ?? 0;
  }

  setFault(fault: EppEmulatorFault | null): void {
    if (fault === null) {
      this.#fault = { noAnswer: false, cablePulledDuringEntry: false, torn: 0, badCheck: 0, badLength: 0 };
      return;
    }
    if (fault.kind === 'tornFrame') this.#fault.torn = fault.times;
    else if (fault.kind === 'badCheckByte') this.#fault.badCheck = fault.times;
    else if (fault.kind === 'corruptedLength') this.#fault.badLength = fault.times;
    else if (fault.kind === 'noAnswer' || fault.kind === 'cablePulledDuringEntry')
      this.#fault[fault.kind] = true;
    else throw noSuchEmulatedFault((fault as { kind?: unknown }).kind);
  }

  /** Called once the keypad opened for an entry, its answer to the start sent. */
  onKeypadOpened(listener: () => void): () => void {
    this.#keypadOpenedListeners.add(listener);
    return () => this.#keypadOpenedListeners.delete(listener);
  }

  /** Called when a `cablePulledDuringEntry` fault fires; whoever owns the line pulls it. */
  onCablePulled(listener: () => void): () => void {
    this.#cablePulledListeners.add(listener);
    return () => this.#cablePulledListeners.delete(listener);
  }

  // ---- the line --------------------------------------------------------------------------

  #key(byte: number): void {
    this.#line.write(Buffer.of(byte));
  }

  #wipe(): void {
    this.#digits.fill(0);
    this.#digits.length = 0;
  }

  /** The items read of the host's bytes: a command answered, a spoiled one told so (a torn one not). */
  #take(items: readonly EppItem[]): void {
    for (const item of items) {
      if (item.type === 'frame') {
        const text = item.text.toString('latin1');
        const key = Object.values(EppCommand).find((c) => text === c) ?? text.slice(0, 1);
        this.#answered.set(key, (this.#answered.get(key) ?? 0) + 1);
        this.#send(this.#answer(text));
        if (this.#keypadJustOpened) {
          this.#keypadJustOpened = false;
          for (const listener of this.#keypadOpenedListeners) listener();
        }
      } else if (item.type === 'error' && item.reason !== 'torn') {
        this.#send(encodeEppAnswer(EppStatus.BAD_DATA));
      }
    }
  }

  #send(frame: Buffer): void {
    let out = frame;
    if (this.#fault.torn > 0) {
      this.#fault.torn -= 1;
      out = frame.subarray(0, Math.ceil(frame.length / 2));
    } else if (this.#fault.badCheck > 0) {
      this.#fault.badCheck -= 1;
      // the check's last hex digit changed (still a hex digit): a wrong check byte
      out[out.length - 1] = (out[out.length - 1] ?? 0x30) === 0x30 ? 0x31 : 0x30;
    } else if (this.#fault.badLength > 0) {
      this.#fault.badLength -= 1;
      // the three length digits read '999': over the bound, where the frame ends is unknown
      out.write('999', 1, 'latin1');
    }
    // zeroed once written (an answer may carry the PIN), not before: the port writes later
    this.#line.write(out, () => frame.fill(0));
  }

  #answer(text: string): Buffer {
    if (text === EppCommand.CLOSE_KEYPAD) {
      this.#wipe();
      this.#entryLength = null;
      return encodeEppAnswer(EppStatus.OK);
    }
    if (text === EppCommand.DEVICE_INFO) return encodeEppAnswer(EppStatus.OK, this.#model);
    const start = /^6[0-9A-F]{2}@0([0-9]{2})$/.exec(text);
    if (start) {
      const length = Number(start[1]);
      if (length < 4 || length > 12) return encodeEppAnswer(EppStatus.BAD_PARAMETER);
      this.#wipe();
      this.#entryLength = length;
      this.#keypadJustOpened = true;
      return encodeEppAnswer(EppStatus.OK);
    }
    if (text === EppCommand.GET_PIN) {
      if (this.#entryLength === null || this.#digits.length !== this.#entryLength)
        return encodeEppAnswer(EppStatus.GENERAL_ERROR);
      const data = encodePinDigits(this.#digits);
      const answer = encodeEppAnswer(EppStatus.OK, data);
      data.fill(0);
      return answer;
    }
    return encodeEppAnswer(EppStatus.BAD_PARAMETER);
  }
}

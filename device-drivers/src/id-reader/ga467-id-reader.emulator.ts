/**
 * Byte-level resident-ID reader emulator: answers GA 467 style frames from the device end of a
 * serial line, with the ID cards of `EMULATED_ID_CARDS` (demo residents, an expired card, one
 * with a wrong check character). Control surface: `placeCard(key)`, `removeCard()`,
 * `setFault(...)` for no answer, busy, torn frame, bad checksum, unreadable card, SAM failure,
 * `detach()` (the cable pulled from the device side) and `restart()` (the module's power cycled).
 *
 * What "find card" answers of a card read and left on the reader is `cardAfterRead`: 'halted' (the
 * default, as real SAM modules do, docs/id-reader-ga467.md) answers "no card" (80) and select
 * "select failed" (81) until the card is lifted and placed again, while the card stays selected:
 * read base message and read appended address still answer; 'findable' finds it again.
 */
import type { Duplex } from 'node:stream';
import { EmulatedSerialEnd } from '../common/emulated-serial-end.js';
import { EMULATED_ID_CARDS, emulatedIdCardOf } from './emulated-id-cards.js';
import { idCardToBaseMessageText } from './id-card-fields.js';
import type { ResidentIdCard } from './id-reader.port.js';
import {
  encodeBaseMessage,
  encodeIdAnswer,
  IdFrameDecoder,
  IdReaderCommand,
  IdReaderStatus,
  type IdFrameItem,
} from './id-reader.protocol.js';

export type Ga467EmulatorFault =
  | { readonly kind: 'noAnswer' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'tornFrame'; readonly times: number }
  | { readonly kind: 'badChecksum'; readonly times: number }
  /** the card on the reader cannot be read (damaged chip, not an ID card) */
  | { readonly kind: 'unreadable' }
  /** the security module fails its self-check */
  | { readonly kind: 'samFailure' }
  /** the cable comes out when the next "read base message" arrives (see `onCablePulled`) */
  | { readonly kind: 'cablePulledDuringRead' };

/** What the module makes of a card it has read that stays on the reader (see the file's head). */
export type Ga467CardAfterRead = 'halted' | 'findable';

export interface Ga467IdReaderEmulatorOptions {
  readonly cards?: Readonly<Record<string, ResidentIdCard>>;
  readonly interByteTimeoutMs?: number;
  /** default 'halted' */
  readonly cardAfterRead?: Ga467CardAfterRead;
  /** false: a module that knows no read appended address (answers it "command error"); default true */
  readonly readsAppendedAddress?: boolean;
}

const is = (body: Buffer, command: readonly [number, number]) =>
  body[0] === command[0] && body[1] === command[1];
const commandKey = (command: readonly [number, number]) => `${command[0]}:${command[1]}`;

export class Ga467IdReaderEmulator {
  readonly #cards: Readonly<Record<string, ResidentIdCard>>;
  /** the line's device end: the host's commands read by the driver's own framing */
  readonly #line: EmulatedSerialEnd<IdFrameItem>;
  #card: ResidentIdCard | null = null;
  #selected = false;
  /** the card on the reader was read and has not been lifted since (a halting module ignores it) */
  #halted = false;
  readonly #cardAfterRead: Ga467CardAfterRead;
  readonly #readsAppendedAddress: boolean;
  readonly #answered = new Map<string, number>();
  #fault = {
    noAnswer: false,
    busy: false,
    unreadable: false,
    samFailure: false,
    cablePulledDuringRead: false,
    torn: 0,
    badChecksum: 0,
  };
  readonly #cablePulledListeners = new Set<() => void>();
  readonly #answeredListeners = new Set<(command: readonly [number, number]) => void>();

  constructor(options: Ga467IdReaderEmulatorOptions = {}) {
    this.#cards = options.cards ?? EMULATED_ID_CARDS;
    this.#line = new EmulatedSerialEnd({
      decoder: new IdFrameDecoder(),
      gapMs: options.interByteTimeoutMs ?? 100,
      take: (items) => this.#take(items),
      deaf: () => this.#fault.noAnswer,
    });
    this.#cardAfterRead = options.cardAfterRead ?? 'halted';
    this.#readsAppendedAddress = options.readsAppendedAddress ?? true;
  }

  attach(stream: Duplex): void {
    this.#line.attach(stream);
  }

  detach(): void {
    this.#line.detach();
  }

  // ---- control surface -------------------------------------------------------------------

  cardKeys(): string[] {
    return Object.keys(this.#cards);
  }

  placeCard(key: string): void {
    const card = emulatedIdCardOf(this.#cards, key);
    this.#card = card;
    this.#selected = false;
    this.#halted = false;
  }

  removeCard(): void {
    this.#card = null;
    this.#selected = false;
    this.#halted = false;
  }

  /**
   * The module restarts (its power lost and back, as a module powered over its cable does when
   * the cable is pulled): it forgets the card it selected and halted; a card lying there is found.
   */
  restart(): void {
    this.#selected = false;
    this.#halted = false;
  }

  /** How many frames of this command the emulator has answered (to wait for the driver's polls). */
  answered(command: readonly [number, number]): number {
    return this.#answered.get(commandKey(command)) ?? 0;
  }

  /** Called with each command the emulator has answered, once it is counted (`answered`). */
  onAnswered(listener: (command: readonly [number, number]) => void): () => void {
    this.#answeredListeners.add(listener);
    return () => this.#answeredListeners.delete(listener);
  }

  setFault(fault: Ga467EmulatorFault | null): void {
    if (fault === null) {
      this.#fault = {
        noAnswer: false,
        busy: false,
        unreadable: false,
        samFailure: false,
        cablePulledDuringRead: false,
        torn: 0,
        badChecksum: 0,
      };
      return;
    }
    if (fault.kind === 'tornFrame') this.#fault.torn = fault.times;
    else if (fault.kind === 'badChecksum') this.#fault.badChecksum = fault.times;
    else this.#fault[fault.kind] = true;
  }

  /** Called when a `cablePulledDuringRead` fault fires; whoever owns the line pulls it. */
  onCablePulled(listener: () => void): () => void {
    this.#cablePulledListeners.add(listener);
    return () => this.#cablePulledListeners.delete(listener);
  }

  // ---- the line --------------------------------------------------------------------------

  /** The items read of the host's bytes: a command answered, a spoiled one told so (a torn one not). */
  #take(items: readonly IdFrameItem[]): void {
    for (const item of items) {
      if (item.type === 'frame' && this.#pullsCable(item.body)) return;
      if (item.type === 'frame') {
        const answer = this.#answer(item.body);
        const command = [item.body[0] ?? 0, item.body[1] ?? 0] as const;
        const key = commandKey(command);
        this.#answered.set(key, (this.#answered.get(key) ?? 0) + 1);
        this.#send(answer);
        for (const listener of this.#answeredListeners) listener(command);
      } else if (item.reason === 'badChecksum') {
        this.#send(encodeIdAnswer(IdReaderStatus.CHECKSUM_ERROR));
      } else if (item.reason === 'badLength') {
        this.#send(encodeIdAnswer(IdReaderStatus.LENGTH_ERROR)); // 11, as the module's table has it
      }
    }
  }

  #pullsCable(body: Buffer): boolean {
    if (!this.#fault.cablePulledDuringRead || !is(body, IdReaderCommand.READ_BASE_MESSAGE)) return false;
    this.#fault.cablePulledDuringRead = false;
    this.detach();
    for (const listener of this.#cablePulledListeners) listener();
    return true;
  }

  #send(frame: Buffer): void {
    if (this.#fault.torn > 0) {
      this.#fault.torn -= 1;
      this.#line.write(frame.subarray(0, Math.ceil(frame.length / 2)));
    } else if (this.#fault.badChecksum > 0) {
      this.#fault.badChecksum -= 1;
      const spoiled = Buffer.from(frame);
      spoiled[spoiled.length - 1] = (spoiled[spoiled.length - 1] ?? 0) ^ 0x5a;
      this.#line.write(spoiled);
    } else {
      this.#line.write(frame);
    }
  }

  #answer(body: Buffer): Buffer {
    if (this.#fault.busy) return encodeIdAnswer(IdReaderStatus.BUSY);
    if (this.#fault.samFailure) return encodeIdAnswer(IdReaderStatus.SELF_CHECK_FAILED);
    if (is(body, IdReaderCommand.SAM_STATUS)) return encodeIdAnswer(IdReaderStatus.OK);
    if (is(body, IdReaderCommand.FIND_CARD)) {
      return this.#card && !this.#halted
        ? encodeIdAnswer(IdReaderStatus.CARD_FOUND, Buffer.alloc(4))
        : encodeIdAnswer(IdReaderStatus.NO_CARD);
    }
    if (is(body, IdReaderCommand.SELECT_CARD)) {
      if (!this.#card || this.#halted || this.#fault.unreadable)
        return encodeIdAnswer(IdReaderStatus.SELECT_FAILED);
      this.#selected = true;
      return encodeIdAnswer(IdReaderStatus.OK, Buffer.alloc(8));
    }
    if (is(body, IdReaderCommand.READ_BASE_MESSAGE)) {
      if (!this.#card || !this.#selected || this.#fault.unreadable)
        return encodeIdAnswer(IdReaderStatus.READ_FAILED);
      if (this.#cardAfterRead === 'halted') this.#halted = true;
      return encodeIdAnswer(
        IdReaderStatus.OK,
        encodeBaseMessage(idCardToBaseMessageText(this.#card), this.#card.photo),
      );
    }
    if (is(body, IdReaderCommand.READ_APPENDED_ADDRESS) && this.#readsAppendedAddress) {
      // the demo cards carry no appended address: the selected card answers "no content"
      if (!this.#card || !this.#selected) return encodeIdAnswer(IdReaderStatus.READ_FAILED);
      return encodeIdAnswer(IdReaderStatus.NO_CONTENT);
    }
    return encodeIdAnswer(IdReaderStatus.COMMAND_ERROR);
  }
}

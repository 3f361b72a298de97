/**
 * Whether a card lies on the contacts, from pcscd's reader status. pcscd polls the reader (about
 * every 0.4 s with vpcd), so a card swapped between two polls keeps the old event counter (upper
 * 16 bits of the state): after the mechanism moved a card off the contacts, a "present" with the
 * counter of the card that left is stale and reads as no card until pcscd counts the swap.
 * The reader's first status is always told, card or not: until then nobody knows what lies on the
 * contacts (a reader listed is not yet a reader reported), and a mechanism without a motor waits
 * for it before it says where the card is. So when the reader goes (pcscd lost, the reader
 * unplugged: `lost`), the listeners hear `undefined` (not known), not "no card", and the next
 * reader's first status is told again: losing the reader moves no card.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import { lineDeadline } from '../common/line-deadline.js';
import { abortable } from './deadline.js';

export class PcscCardPresence {
  #present = false;
  #mute = false;
  #atr: Buffer = Buffer.alloc(0);
  /** pcscd's card event counter when the card last left ('next': the next status says it) */
  #staleCounter: number | 'next' | undefined;
  #lastCounter = -1;
  /** what pcscd last said, stale or not */
  #pcscdSaysPresent = false;
  /** pcscd has given a status of the reader: what lies on the contacts is known */
  #reported = false;
  readonly #listeners = new Set<(present: boolean | undefined) => void>();

  get present(): boolean {
    return this.#present;
  }

  get mute(): boolean {
    return this.#mute;
  }

  get atr(): Buffer {
    return this.#atr;
  }

  get pcscdSaysPresent(): boolean {
    return this.#pcscdSaysPresent;
  }

  /** `undefined`: the reader is gone, what lies on the contacts not known until it reports again */
  onPresence(listener: (present: boolean | undefined) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A reader status from pcscd: the state word with its event counter, and the ATR. */
  status(state: number, flags: { present: number; mute: number }, atr: Buffer | undefined): void {
    const counter = state >>> 16;
    this.#lastCounter = counter;
    let present = (state & flags.present) !== 0;
    this.#pcscdSaysPresent = present;
    const mute = (state & flags.mute) !== 0;
    if (!present) this.#staleCounter = undefined;
    else if (this.#staleCounter === 'next') this.#staleCounter = counter;
    if (present && this.#staleCounter === counter) present = false; // pcscd has not seen the swap yet
    this.#atr = Buffer.from(atr ?? []);
    const first = !this.#reported;
    this.#reported = true;
    this.set(present, mute, first);
  }

  /** The mechanism moved the card off the contacts: what pcscd says until its next poll is stale. */
  cardLeft(): void {
    this.#staleCounter =
      this.#lastCounter >= 0 ? (this.#pcscdSaysPresent ? this.#lastCounter : undefined) : 'next';
    this.set(false, false);
  }

  /**
   * The reader is gone (its context lost, or unplugged): nothing is known of its contacts. Its
   * event counter goes with it (pcscd, or the reader plugged again, counts from its start): a card
   * that left is not taken for the next reader's card with the same count, and one that leaves
   * before the next reader's first status makes that status the stale one ('next', as at the open).
   */
  lost(): void {
    const known = this.#reported;
    this.#reported = false;
    this.#staleCounter = undefined;
    this.#lastCounter = -1;
    this.#present = false;
    this.#mute = false;
    if (known) for (const listener of this.#listeners) listener(undefined);
  }

  /** `tell`: the listeners hear it even when unchanged (the reader's first status) */
  set(present: boolean, mute: boolean, tell = false): void {
    const changed = present !== this.#present || tell;
    this.#present = present;
    this.#mute = mute;
    if (changed) for (const listener of this.#listeners) listener(present);
  }

  /**
   * Waits up to `waitMs` for a card (pcscd notices one on its next poll), else CARD_REMOVED. The
   * wait is stall-tolerant (`lineDeadline`): pcscd's word that came while the process stalled past
   * it (pcsclite hands it on after the loop's timers) is heard before the wait concludes.
   */
  waitForCard(waitMs: number, signal?: AbortSignal): Promise<void> {
    return abortable(
      new Promise<void>((resolve, reject) => {
        const deadline = lineDeadline(waitMs, () => {
          off();
          reject(new KioskError(ErrorCode.CARD_REMOVED, 'There is no card on the contacts.'));
        });
        const off = this.onPresence((present) => {
          if (!present) return;
          deadline.clear();
          off();
          resolve();
        });
      }),
      signal,
    );
  }

  clearListeners(): void {
    this.#listeners.clear();
  }
}

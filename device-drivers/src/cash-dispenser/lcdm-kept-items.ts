/**
 * What the LCDM line read that no wait took (a response read while its ACK was awaited, an ACK come
 * late, line noise), kept for the later waits of the transaction under way. Between transactions
 * nothing is kept (a transaction starts with none), and a transaction keeps at most
 * `LCDM_KEPT_AT_MOST`: line noise (stray bytes, each stray ACK or NAK byte an item) would otherwise
 * pile up for as long as the line is idle or an answer awaited (a dispense's minute). Noise is let
 * go before frames, the oldest first, and never takes a frame's place: with only frames kept, noise
 * past the bound is let go itself.
 */
import type { DecodedItem } from './cash-dispenser.protocol.js';

/** more than one transaction needs: its answer, a spoiled copy or two, an ACK come late */
export const LCDM_KEPT_AT_MOST = 8;

export class LcdmKeptItems {
  readonly #items: DecodedItem[] = [];
  #open = false;

  get size(): number {
    return this.#items.length;
  }

  /** A transaction begins (`true`, with nothing kept) or ends (`false`, what it kept let go). */
  transaction(open: boolean): void {
    this.#open = open;
    this.#items.length = 0;
  }

  /** An item no wait took: kept for the transaction under way, none between. */
  keep(item: DecodedItem): void {
    if (!this.#open) return;
    if (this.#items.length >= LCDM_KEPT_AT_MOST) {
      const noise = this.#items.findIndex((kept) => kept.type !== 'frame');
      if (noise < 0 && item.type !== 'frame') return; // noise never takes a frame's place
      this.#items.splice(Math.max(noise, 0), 1);
    }
    this.#items.push(item);
  }

  /** The first item kept that `accept` takes, no longer kept; undefined when none. */
  take(accept: (item: DecodedItem) => boolean): DecodedItem | undefined {
    const index = this.#items.findIndex(accept);
    return index >= 0 ? this.#items.splice(index, 1)[0] : undefined;
  }

  /** Lets go every item `drop` takes. */
  drop(drop: (item: DecodedItem) => boolean): void {
    const kept = this.#items.filter((item) => !drop(item));
    this.#items.splice(0, this.#items.length, ...kept);
  }

  /** The line opened again: what the lost one read is none of the new one's. */
  clear(): void {
    this.#items.length = 0;
  }
}

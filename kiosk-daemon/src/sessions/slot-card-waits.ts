/**
 * The waits of the slot-card service (`slot-card-recovery.ts`) on the card reader: the card's next
 * move, and the reader's first word after 'unknown' (a lost or late-listed reader); each ends at
 * shutdown (`stopAll`).
 */
import type { CardPosition, CardReaderPort } from '@kiosk/device-drivers';
import { knownCardPosition } from './card-inside-at-boot.js';

export class SlotCardWaits {
  /** the waits under way, each stopped at shutdown */
  private readonly stops = new Set<() => void>();

  stopAll(): void {
    for (const stop of [...this.stops]) stop();
  }

  /** Where the reader says the card is once it has said ('unknown': nothing said by shutdown). */
  async firstWord(reader: Pick<CardReaderPort, 'cardPosition' | 'onCardEvent'>): Promise<CardPosition> {
    const shutdown = new AbortController();
    const stop = () => shutdown.abort();
    this.stops.add(stop);
    const position = await knownCardPosition(reader, { signal: shutdown.signal });
    this.stops.delete(stop);
    return position;
  }

  /** The card's next move ('taken', 'inserted'...), 'timeout' after `ms`, 'stopped' at shutdown. */
  nextCardEvent(reader: Pick<CardReaderPort, 'onCardEvent'>, ms: number): Promise<string> {
    return new Promise((resolve) => {
      const done = (what: string) => {
        off();
        clearTimeout(timer);
        this.stops.delete(stop);
        resolve(what);
      };
      // its own eject's report is no move: the card is at the slot all the same
      const off = reader.onCardEvent((e) => {
        if (e.type !== 'ejected') done(e.type);
      });
      const timer = setTimeout(() => done('timeout'), ms);
      timer.unref();
      const stop = () => done('stopped');
      this.stops.add(stop);
    });
  }
}

/**
 * Which placement of an ID card on its reader a session may read. An ID card left on the reader
 * by the resident before must never identify the next one: a card already lying there when a
 * session starts is not read for it (the resident lifts it and places it again), and the card a
 * session read is asked to be taken at its end only while that same placement lies there.
 *
 * Placements are counted from the reader's events (one per "placed"); one per reader, for the
 * daemon's life (`idCardPlacementsOf`).
 */
import type { IdReaderPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';

interface ReadBy {
  readonly sessionId: string;
  readonly placement: number;
  /** the ID number as it may be journaled (masked) */
  readonly maskedId: string;
}

export class IdCardPlacements {
  private placement = 0;
  /** the placement lying on the reader when a session started: not read for it */
  private stale: number | null = null;
  private readBy: ReadBy | null = null;

  constructor(private readonly reader: Pick<IdReaderPort, 'isCardPresent' | 'onCardEvent'>) {
    reader.onCardEvent((e) => {
      if (e.type === 'placed') this.placement += 1;
      else this.stale = null;
    });
  }

  /** A session starts: a card lying on the reader now is someone's before, not to be read. */
  sessionStarted(): void {
    this.stale = this.reader.isCardPresent() ? this.placement : null;
  }

  /** A card placed on the reader since the session started lies there now. */
  freshCardPresent(): boolean {
    return this.reader.isCardPresent() && this.placement !== this.stale;
  }

  /**
   * Resolves when a card placed since the session started lies on the reader (at once if one
   * does); a card left there before has to be lifted and placed again. Rejects on abort.
   */
  freshCardPlaced(signal: AbortSignal): Promise<void> {
    if (this.freshCardPresent()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const off = this.reader.onCardEvent(() => {
        if (!this.freshCardPresent()) return;
        off();
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      const onAbort = () => {
        off();
        reject(new KioskError(ErrorCode.SESSION_CANCELLED, 'Identification was stopped.'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The session read the card lying on the reader now. */
  read(sessionId: string, maskedId: string): void {
    this.readBy = { sessionId, placement: this.placement, maskedId };
  }

  /** The card `sessionId` read, still lying on the reader (not lifted since): its masked ID. */
  leftBy(sessionId: string): string | null {
    const read = this.readBy;
    if (read?.sessionId !== sessionId || read.placement !== this.placement) return null;
    return this.reader.isCardPresent() ? read.maskedId : null;
  }
}

const placements = new WeakMap<object, IdCardPlacements>();

/** The one placement record of `reader` (made at its first use). */
export function idCardPlacementsOf(
  reader: Pick<IdReaderPort, 'isCardPresent' | 'onCardEvent'>,
): IdCardPlacements {
  let found = placements.get(reader);
  if (!found) {
    found = new IdCardPlacements(reader);
    placements.set(reader, found);
  }
  return found;
}

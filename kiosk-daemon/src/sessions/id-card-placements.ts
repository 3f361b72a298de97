/**
 * Which placement of an ID card on its reader a session may read. An ID card left on the reader
 * by the resident before must never identify the next one; the next one's own card, placed before
 * they tap a journey, is read. A card lying on the reader when a session starts is not read for it
 * (the resident lifts it and places it again) only when it may be someone's before: it lies there
 * since an earlier session read it (no lift seen since), it was placed while an earlier session
 * ran, or it lay there already when the kiosk began to watch the reader (after a restart nothing
 * tells whose it is), or the reader first found it when it came back from offline (at boot or
 * later: the driver reports it placed `unseen`; not read for a session running then either), or it
 * lay there already when an earlier session started (a placement survives at most one session:
 * one that did not read it, a balance query say, leaves it someone's before). A card placed while
 * the kiosk was idle is the next resident's and is read, by that session only.
 * The card a session read is asked to be taken at its end only while that same placement lies
 * there.
 *
 * Placements are counted from the reader's events (one per "placed"; the drivers report them while
 * the kiosk is idle too); one record per reader, for the daemon's life (`idCardPlacementsOf`),
 * made when the devices have opened at boot (`watchSessions`).
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
  /**
   * the last placement made while a session ran, or lying there unseen (when the watch began, or
   * found by the reader back from offline)
   */
  private notIdle: number | null;
  /** the placement lying on the reader when the last session started: not read for a later one */
  private atLastStart: number | null = null;
  private sessionRuns: () => boolean = () => false;

  constructor(private readonly reader: Pick<IdReaderPort, 'isCardPresent' | 'onCardEvent'>) {
    this.notIdle = reader.isCardPresent() ? this.placement : null;
    reader.onCardEvent((e) => {
      if (e.type === 'placed') {
        this.placement += 1;
        if (this.sessionRuns() || e.unseen) this.notIdle = this.placement;
        // found on the reader back from offline: maybe placed before the running session began
        if (e.unseen && this.sessionRuns()) this.stale = this.placement;
      } else this.stale = null;
    });
  }

  /** Whether a session runs now: a card placed meanwhile may be that session's resident's. */
  watchSessions(sessionRuns: () => boolean): void {
    this.sessionRuns = sessionRuns;
  }

  /**
   * A session starts: a card lying on the reader since an earlier session read it, placed while
   * one ran, lying there unseen since the watch began, or lying there already when an earlier
   * session started (read or not) is someone's before, not to be read; one placed while the kiosk
   * was idle since the last session is this resident's.
   */
  sessionStarted(): void {
    const placement = this.placement;
    const present = this.reader.isCardPresent();
    const before =
      placement === this.readBy?.placement || placement === this.notIdle || placement === this.atLastStart;
    this.stale = present && before ? placement : null;
    this.atLastStart = present ? placement : null;
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

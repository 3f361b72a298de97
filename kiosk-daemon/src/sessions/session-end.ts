/**
 * What the sessions service does once a session actor has ended: its devices released, a card it
 * left in the reader reported to the kiosk machine (ADR 0016) and one left at the slot waited for,
 * the end counted, an ID card it read left on its reader past the take timeout journaled (masked),
 * its transaction closed in the journal with the session's outcome, and only then the end told to
 * its listeners (fleet telemetry) and, by the sessions service, its ended view to the screen.
 */
import type { Logger } from '@nestjs/common';
import { KioskError } from '@kiosk/domain';
import type { SessionOutput } from '@kiosk/state-machines';
import type { JournalService } from '../journal/journal.service.js';
import { closeUnlessCardLeftAtSlot } from '../journeys/new-card-left-at-slot.js';
import type { MetricsService } from '../telemetry/metrics.service.js';
import type { CardReaderPort } from '@kiosk/device-drivers';
import type { KioskEvent } from '@kiosk/state-machines';
import { journalCardLeftGone, type CardLeftGoneWhere } from './card-left-gone.js';
import { type CardLeftInReader, watchCardLeftInReader } from './card-left-in-reader.js';
import { closeOwed, ownCloseCode, type RunningSession, transactionOf } from './running-session.js';
import type { SessionEnded } from './session-types.js';
import type { SlotCardRecovery } from './slot-card-recovery.js';

export interface SessionEndDeps {
  readonly journal: JournalService;
  readonly metrics: MetricsService;
  readonly slotCard: SlotCardRecovery;
  readonly log: Logger;
  /** a (next) session runs: a card left at the slot is not retracted then */
  readonly sessionRuns: () => boolean;
  /** the ID card a session read, still on its reader: its masked ID number (id-card-placements) */
  readonly idCardLeftBy?: (sessionId: string) => string | null;
}

export class SessionEnds {
  private readonly listeners = new Set<(ended: SessionEnded) => void>();
  /** a card a session left in the reader holds the card journeys back until it leaves (ADR 0016) */
  private cardLeft: CardLeftInReader | null = null;

  constructor(private readonly deps: SessionEndDeps) {}

  /** Watches for a card a session leaves in the reader, told to the kiosk machine; returns the stop. */
  watchCardLeft(
    reader: Pick<CardReaderPort, 'cardPosition' | 'onCardEvent'>,
    kiosk: { send(event: KioskEvent): void },
  ): () => void {
    const { journal, log } = this.deps;
    const gone = (where: CardLeftGoneWhere) => journalCardLeftGone(journal, where, log);
    const watch = watchCardLeftInReader(reader, kiosk, this.deps.sessionRuns, gone);
    this.cardLeft = watch;
    // a card at the slot whose capture failed is left for staff as one a session left (ADR 0016)
    this.deps.slotCard.onCardLeftForStaff(() => watch.leftByRecovery());
    return () => watch.stop();
  }

  /** Boot recovery left a card in the reader for staff: told to the kiosk machine as a session's is. */
  cardLeftByRecovery(): void {
    this.cardLeft?.leftByRecovery();
  }

  /** Tells `listener` how each session ended (fleet telemetry); returns the unsubscribe. */
  onEnded(listener: (ended: SessionEnded) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Settles a session that ended; resolves once its transaction is closed (a failure logged). */
  async settle(running: RunningSession, output: SessionOutput | undefined): Promise<void> {
    const { journal, metrics, slotCard, log } = this.deps;
    running.release();
    this.cardLeft?.sessionEnded(output);
    // its card left at the slot (a retract refused or failed): taken, or retracted after the take
    // timeout unless a session runs, journaled, as a stray card is
    if (output) void slotCard.afterSession(output.sessionId, this.deps.sessionRuns);
    // a further journey's journal switch under way: its end first, then the session's transaction
    // is the one it left, open, holding what the session journaled of the card meanwhile
    await running.switching;
    const outcome = output?.outcome ?? 'failed';
    // a next journey refused at "anything else?" left its error: not this journey's close code
    const code = ownCloseCode(running, output?.error);
    const close = running.closeAs ?? { outcome, code };
    metrics.sessions.inc({ journey: running.journey, outcome });
    const ended: SessionEnded = {
      journey: running.journey,
      outcome,
      code,
      durationMs: Date.now() - running.startedAt,
      ...(output?.pinLocked && { pinLocked: true }),
    };
    // run detached by the sessions service: a stop that comes meanwhile (SIGTERM right after the
    // session ended) lets its close, with the steps held for it, finish before the journal closes
    await journal.stopWaitsFor(`the close of ${running.transactionId}`, async () => {
      if (output?.idCardNotTaken) await this.idCardNotTaken(running, output.sessionId);
      // a journey before whose close the journal refused at a switch: closed first, as it ended;
      // refused again, left open for boot recovery as a session's close that fails is
      for (const refused of await closeOwed(journal, running))
        log.error(
          `journal close failed for ${refused.transactionId}: ${KioskError.from(refused.error).code}`,
        );
      try {
        // a new card left at the slot for staff: open until settled (supervisor's list, recovery)
        if (!(await closeUnlessCardLeftAtSlot(journal, transactionOf(running), close.outcome, close.code)))
          log.warn(`${running.transactionId} left open: its new card was left at the slot for staff`);
      } catch (e) {
        log.error(`journal close failed for ${running.transactionId}: ${KioskError.from(e).code}`);
      }
    });
    // journal first: the fleet hears of the end once the journal closed it
    for (const listener of this.listeners) listener(ended);
  }

  /**
   * The ID card the session read was not lifted by the take timeout: journaled for staff with its
   * ID number masked (never the name); the next session does not read it (a fresh placement only).
   */
  private async idCardNotTaken(running: RunningSession, sessionId: string): Promise<void> {
    const id = this.deps.idCardLeftBy?.(sessionId) ?? null;
    try {
      await this.deps.journal.recordStep(running.transactionId, ID_CARD_NOT_TAKEN, 'event', {
        id,
        forStaff: true,
      });
    } catch (e) {
      this.deps.log.error(`journal of ${ID_CARD_NOT_TAKEN} failed: ${KioskError.from(e).code}`);
    }
    this.deps.log.warn(`ID card ${id ?? '(lifted meanwhile)'} left on the reader past the take timeout`);
  }
}

/** journal step: the ID card a session read was left on its reader past the take timeout */
export const ID_CARD_NOT_TAKEN = 'idCard.notTaken';

/**
 * A new card left at the card printer's slot and not settled yet: a card making's retract the
 * offline or silent printer could not do (`card.leftAtSlot`, `new-card-left-at-slot.ts`), whose
 * transaction stays open until it is settled. Meanwhile the next card making's
 * feed would be refused with that card inside, and its reject would pull the other resident's card
 * into the bin under this one's transaction, so the kiosk machine is told (NEW_CARD_LEFT_AT_SLOT):
 * it holds card making back and names the reason for residents, staff and the fleet, until no open
 * transaction has the step any more (settled by the printer's comeback, boot recovery or staff:
 * NEW_CARD_LEFT_CLEARED).
 *
 * The journal is asked whenever that may have changed: a session's end, the kiosk's own changes (a
 * staff visit's end, a self test), the devices' statuses. Never while a session runs or is being
 * started (its own transaction is open then); one read at a time, a reason to look meanwhile looks
 * again after it. Its answer is kept while the journal has not moved (`JournalService.changes`: no
 * transaction opened or closed, no step written since the count taken before the read), so the
 * devices' frequent statuses do not read it again and again; a new card left is a step written,
 * which moves it (`cachedCardsLeft`).
 */
import type { KioskEvent } from '@kiosk/state-machines';
import type { JournalService } from '../journal/journal.service.js';
import { openCardsLeftAtSlot } from '../journeys/new-card-left-at-slot.js';

/** The journal as the watch reads it; without `changes` (a journal that does not count) nothing is kept. */
export type CardsLeftJournal = Pick<JournalService, 'openTransactions' | 'stepsOf'> &
  Partial<Pick<JournalService, 'changes'>>;

export interface NewCardLeftAtSlotWatch {
  /** reads the journal and tells the kiosk machine when what it holds changed */
  check(): void;
  /** the read under way, if any (for shutdown and specs) */
  settled(): Promise<void>;
  /** the open card makings with their new card left at the slot (the kept answer while the journal has not moved) */
  cardsLeft(): Promise<readonly string[]>;
}

/**
 * `openCardsLeftAtSlot`, its answer kept while the journal has not moved since the count taken
 * before the read that gave it: a transaction opened or closed, or a step written (`card.leftAtSlot`
 * among them) during or after that read reads again.
 */
export function cachedCardsLeft(journal: CardsLeftJournal): () => Promise<readonly string[]> {
  let kept: { readonly at: number; readonly left: readonly string[] } | undefined;
  return async () => {
    const at = journal.changes;
    if (at !== undefined && kept?.at === at) return kept.left;
    const left = await openCardsLeftAtSlot(journal);
    if (at !== undefined) kept = { at, left };
    return left;
  };
}

export function watchNewCardLeftAtSlot(
  journal: CardsLeftJournal,
  kiosk: { send(event: KioskEvent): void },
  sessionRuns: () => boolean,
  log: { warn(message: string): void },
): NewCardLeftAtSlotWatch {
  const cardsLeft = cachedCardsLeft(journal);
  let told = false;
  let running: Promise<void> | undefined;
  let again = false;
  const look = async (): Promise<void> => {
    do {
      again = false;
      if (sessionRuns()) return;
      let held: boolean;
      try {
        held = (await cardsLeft()).length > 0;
      } catch (error) {
        // the journal unread: what the kiosk holds stays as it was, read again at the next change
        log.warn(`new card left at the slot not read from the journal: ${(error as Error).message}`);
        return;
      }
      // a session started while the journal was read: its own transaction decides, read after it
      if (sessionRuns() || held === told) continue;
      told = held;
      kiosk.send({ type: held ? 'NEW_CARD_LEFT_AT_SLOT' : 'NEW_CARD_LEFT_CLEARED' });
    } while (again);
  };
  return {
    check() {
      if (running) {
        again = true;
        return;
      }
      running = look().finally(() => (running = undefined));
    },
    settled: () => running ?? Promise.resolve(),
    cardsLeft,
  };
}

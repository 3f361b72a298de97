/**
 * A new card left at the card printer's slot and not settled yet: a card making's retract the
 * offline or silent printer could not do (`card.leftAtSlot`, `new-card-left-at-slot.ts`), whose
 * transaction stays open until boot recovery or staff settle it. Meanwhile the next card making's
 * feed would be refused with that card inside, and its reject would pull the other resident's card
 * into the bin under this one's transaction, so the kiosk machine is told (NEW_CARD_LEFT_AT_SLOT):
 * it holds card making back and names the reason for residents, staff and the fleet, until no open
 * transaction has the step any more (settled: NEW_CARD_LEFT_CLEARED).
 *
 * The journal is read whenever that may have changed: a session's end, the kiosk's own changes (a
 * staff visit's end, a self test), the devices' statuses. Never while a session runs or is being
 * started (its own transaction is open then); one read at a time, a reason to look meanwhile looks
 * again after it.
 */
import type { KioskEvent } from '@kiosk/state-machines';
import type { JournalService } from '../journal/journal.service.js';
import { CARD_LEFT_AT_SLOT } from '../journeys/new-card-left-at-slot.js';

const CARD_JOURNEYS: ReadonlySet<string> = new Set(['issueCard', 'replaceCard']);

export interface NewCardLeftAtSlotWatch {
  /** reads the journal and tells the kiosk machine when what it holds changed */
  check(): void;
  /** the read under way, if any (for shutdown and specs) */
  settled(): Promise<void>;
}

/** True when an open card making's transaction has its new card left at the slot. */
export async function newCardLeftUnsettled(
  journal: Pick<JournalService, 'openTransactions' | 'stepsOf'>,
): Promise<boolean> {
  for (const transaction of await journal.openTransactions()) {
    if (!CARD_JOURNEYS.has(transaction.journey)) continue;
    const steps = await journal.stepsOf(transaction.id);
    if (steps.some((s) => s.step === CARD_LEFT_AT_SLOT)) return true;
  }
  return false;
}

export function watchNewCardLeftAtSlot(
  journal: Pick<JournalService, 'openTransactions' | 'stepsOf'>,
  kiosk: { send(event: KioskEvent): void },
  sessionRuns: () => boolean,
  log: { warn(message: string): void },
): NewCardLeftAtSlotWatch {
  let told = false;
  let running: Promise<void> | undefined;
  let again = false;
  const look = async (): Promise<void> => {
    do {
      again = false;
      if (sessionRuns()) return;
      let held: boolean;
      try {
        held = await newCardLeftUnsettled(journal);
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
  };
}

/**
 * The kiosk of the specs of a card left in the reader for staff (`card-kiosk.spec-support.ts`) with
 * no session running and the card-left watch told as the daemon's SessionEnds is: what the kiosk
 * machine was told, and the steps of a slot-card journey's own transaction.
 */
import { eventually } from '@kiosk/domain/testing';
import type { JournalStep } from '../journal/journal-step.entity.js';
import { cardKiosk } from './card-kiosk.spec-support.js';
import { endsWatchingCardLeft } from './presence-boot-recovery.spec-support.js';

export async function watchedCardKiosk(bin?: { count: number; capacity: number }) {
  const k = await cardKiosk(bin);
  const slotCard = k.slotCard();
  const cleanups: (() => unknown)[] = [];
  const { kiosk } = endsWatchingCardLeft(k.reader, k.journal, slotCard, cleanups);
  /** the steps of the journey's own transaction (none when it has none) */
  const stepsOf = async (journey: string): Promise<JournalStep[]> => {
    const [own] = await k.transactions(journey);
    return own ? k.journal.stepsOf(own.id) : [];
  };
  /** a card a session left at the slot, the reader jammed at its capture: the slot wait's outcome */
  const leftAtSlotReaderJammed = async () => {
    await k.reader.insertCard('zhang');
    await k.reader.eject();
    k.reader.setFault('ejectJam');
    return slotCard.afterSession('session-1', () => false);
  };
  /** what the kiosk machine was told, once it was told the card left is gone */
  const toldCleared = () =>
    eventually(() => kiosk, 'the card left cleared', {
      withinMs: 5_000,
      until: (told) => told.includes('CARD_LEFT_CLEARED'),
    });
  return {
    ...k,
    slotCard,
    kiosk,
    stepsOf,
    leftAtSlotReaderJammed,
    toldCleared,
    close: async () => {
      for (const cleanup of cleanups) await cleanup();
      await k.close();
    },
  };
}

/** A step's phase and its detail parsed, as a spec compares it. */
export function stepRead(step: JournalStep): Record<string, unknown> {
  return { phase: step.phase, ...(JSON.parse(step.detail ?? '{}') as object) };
}

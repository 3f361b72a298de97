/**
 * A card left in the reader by a session that ended with it unaccounted for (the reader did not
 * answer a card move, or its retract failed: card.unaccounted, ADR 0016), or not taken from the slot
 * of a reader that cannot capture it (card.leftInSlot, ADR 0002), or by boot recovery that
 * could not capture a cut-short session's card (the capture bin full, the reader offline). The
 * reader then refuses every card inserted (DEVICE_BUSY): the kiosk machine is told
 * (CARD_LEFT_IN_READER), so that it holds back the journeys that take a card into the reader and
 * names the reason for staff and the fleet, until the card leaves the reader with no session
 * running (taken from the slot, pulled, or retracted: CARD_LEFT_CLEARED), or is found gone when a
 * session without the card ends (taken meanwhile), or field staff end a visit (the kiosk machine
 * clears it then). Where it went is journaled beside the step that left it (`card-left-gone.ts`).
 */
import type { CardReaderPort } from '@kiosk/device-drivers';
import type { KioskEvent, SessionOutput } from '@kiosk/state-machines';
import { cardLeftGoneBy, type CardLeftGoneWhere } from './card-left-gone.js';

export interface CardLeftInReader {
  /** a session ended: its card left in the reader (unaccounted for, still there) is reported */
  sessionEnded(output: SessionOutput | undefined): void;
  /** boot recovery could not capture a cut-short session's card: left in the reader, reported */
  leftByRecovery(): void;
  stop(): void;
}

/**
 * Watches the reader for a card left in it; `gone`: journals where it went once it leaves
 * (`card-left-gone.ts`), as the kiosk is told (the card has left already: the alert is no act).
 */
export function watchCardLeftInReader(
  reader: Pick<CardReaderPort, 'cardPosition' | 'onCardEvent'>,
  kiosk: { send(event: KioskEvent): void },
  sessionRuns: () => boolean,
  gone: (where: CardLeftGoneWhere) => Promise<void> = async () => undefined,
): CardLeftInReader {
  let left = false;
  const cleared = (where: CardLeftGoneWhere) => {
    left = false;
    void gone(where);
    kiosk.send({ type: 'CARD_LEFT_CLEARED' });
  };
  const stop = reader.onCardEvent((e) => {
    if (!left || sessionRuns() || e.type === 'inserted' || e.type === 'ejected') return;
    if (reader.cardPosition() !== 'none') return;
    cleared(cardLeftGoneBy(e.type));
  });
  const leftInReader = () => {
    if (reader.cardPosition() === 'none') return;
    left = true;
    kiosk.send({ type: 'CARD_LEFT_IN_READER' });
  };
  return {
    sessionEnded(output) {
      if (output?.cardUnaccounted !== undefined || output?.cardLeftInSlot) leftInReader();
      // the card left while another session ran (one without the card: a loss report, a card made),
      // its move then not ours to read: gone now, held back no more
      else if (left && reader.cardPosition() === 'none') cleared(cardLeftGoneBy(undefined));
    },
    leftByRecovery: leftInReader,
    stop,
  };
}

/** Those told when a card is left in the reader for staff (by boot recovery, or a capture that failed). */
export class CardLeftListeners {
  readonly #listeners = new Set<() => void>();

  add(listener: () => void): void {
    this.#listeners.add(listener);
  }

  tell(): void {
    for (const listener of this.#listeners) listener();
  }
}

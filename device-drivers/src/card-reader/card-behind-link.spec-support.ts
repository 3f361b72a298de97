/**
 * zhang's demo card on an in-process link, for the specs of what the driver does with a card's
 * odd answers: each command is offered to `answer` first, whose answer (or failure) stands; when
 * it gives undefined, the card answers.
 */
import type { ChipLink } from './chip-link.js';
import { InProcessChipLink } from './in-process-chip.link.js';
import { InMemoryCardStore } from './virtual-card/card-memory.js';
import { createDemoCards } from './virtual-card/demo-cards.js';

export type CardAnswer = (command: Buffer) => Promise<Buffer> | undefined;

export async function zhangsCardBehind(answer: CardAnswer): Promise<ChipLink> {
  const cards = createDemoCards({ store: new InMemoryCardStore() });
  const card = new InProcessChipLink();
  await card.attach(cards.open('zhang')!);
  return {
    connect: (signal) => card.connect(signal),
    disconnect: () => card.disconnect(),
    close: () => card.close(),
    transmit: (command, signal) => answer(command) ?? card.transmit(command, signal),
  };
}

/** A card's answer of the status word `sw` alone. */
export const word = (sw: number): Promise<Buffer> => Promise.resolve(Buffer.from([sw >> 8, sw & 0xff]));

/**
 * A card a session left at the slot while the reader was lost (no word on the card: a card left in
 * a presence reader's slot while pcscd restarts): the slot-card service (`slot-card-recovery.ts`)
 * waits for the reader's first word (until shutdown), then the card there is waited for as any card
 * a session left at the slot, one gone journaled taken.
 */
import type { Logger } from '@nestjs/common';
import type { CardReaderPort } from '@kiosk/device-drivers';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { LEFT_AT_SLOT_JOURNEY, SLOT_CARD_STEP } from './slot-card-journal.js';
import type { SlotCardOutcome } from './slot-card-settle.js';
import type { SlotCardWaits } from './slot-card-waits.js';

/** What the wait after a lost reader uses of the slot-card service. */
export interface ReaderLostDeps {
  readonly journal: JournalService;
  readonly waits: SlotCardWaits;
  readonly log: Pick<Logger, 'log'>;
  /** the card at the slot waited for in a wait of its own under the session's id, `found` said in it */
  readonly waitLeftAtSlot: (found: StepDetail) => Promise<SlotCardOutcome>;
}

/**
 * Once the lost reader has said where the card is: in the slot (a reader that cannot capture says
 * `inReader` for it: marked handed back, no move), waited for as any card a session left at the
 * slot; gone (taken while the reader was lost), journaled taken.
 */
export async function afterReaderLost(
  deps: ReaderLostDeps,
  reader: CardReaderPort,
  sessionId: string,
): Promise<SlotCardOutcome> {
  if ((await deps.waits.firstWord(reader)) === 'unknown') return 'stopped';
  const found = { after: 'readerLost' };
  // where it is now (pulled out since its word, the hand-back is refused CARD_REMOVED)
  if (reader.cardPosition() === 'inReader' && !reader.canCapture())
    await reader.eject().catch((e: unknown) => {
      if (reader.cardPosition() !== 'none') throw e;
    });
  if (reader.cardPosition() === 'atSlot') return deps.waitLeftAtSlot(found);
  if (reader.cardPosition() !== 'none') return 'none';
  const transactionId = await deps.journal.openTransaction(sessionId, LEFT_AT_SLOT_JOURNEY);
  await deps.journal.recordStep(transactionId, SLOT_CARD_STEP, 'event', { where: 'taken', ...found });
  await deps.journal.closeTransaction(transactionId, 'completed', null);
  deps.log.log('the card left at the slot was taken (the reader lost meanwhile)');
  return 'taken';
}

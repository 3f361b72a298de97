/**
 * A card found inside the card reader at boot: its session was cut short with it (the holder has
 * walked away), so boot recovery captures it into the capture bin under the card's transaction
 * (`recovery.card.retract`), and the bin's new count goes to the device counters at once.
 *
 * The card's transaction is the newest open one: a later session cannot have taken a card into the
 * reader while this one was still inside. It is captured in that transaction's turn, after the
 * older ones are decided (a damaged-card hand-in of an older one reads the capture bin's count).
 *
 * A capture the reader refuses or fails (the capture bin full, DEVICE_BIN_FULL; offline,
 * DEVICE_OFFLINE; its move past the reader's bound, DEVICE_TIMEOUT; a jam, CARD_READER_JAM, which
 * outlives a restart) does not stop boot: the card is accounted for where the reader says it is,
 * as a session accounts for a card it could not move (ADR 0016): `card.unaccounted` (after the
 * retract, the reader's code, the card's number as the transaction's read journaled it, masked, for
 * staff), logged. It stays in the reader for field staff (not handed back at the slot to whoever
 * stands there), and the kiosk holds back the journeys that take a card into the reader
 * (CARD_LEFT_IN_READER). Every transaction is still recovered: what happened to the money or the
 * new card does not depend on where this card is.
 *
 * A reader that cannot capture (a motorless presence reader: no capture bin, ADR 0002) is asked no
 * capture: it always refuses, and the card it holds sticks out of its slot (handed back, waited for
 * after a session that left it there, or still pushed in by a session cut short). The card is
 * journaled left in the slot (`card.leftInSlot`, after the restart), the kiosk holds back the card
 * journeys, and the slot-card service waits for it in a wait of its own (`cardLeftAtSlot`, `leftBy`
 * this transaction, open until the card is taken: a further restart finds it again) and journals
 * its removal there (`slot-card-recovery.ts`).
 *
 * A later start before field staff came (the power back and gone again) finds that card still
 * inside and no transaction of its own open: it is kept for staff again (`cardKeptForStaff`), not
 * captured under another open transaction nor handed back at the slot, until a visit ends.
 */
import type { Logger } from '@nestjs/common';
import type { CardReaderPort } from '@kiosk/device-drivers';
import { KioskError } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import { type JournaledStep, detailText } from '../journal/step-detail.js';
import { journaledAct, recordDeviceCounters } from '../journeys/journey-tools.js';
import { CARD_UNACCOUNTED } from './session-actors.js';
import { CARD_LEFT_IN_SLOT } from './slot-card-journal.js';

/** where a card left for staff went once it left the reader (`card-left-gone.ts`) */
export const CARD_LEFT_GONE = 'card.leftGone';

/**
 * The steps after which the card inside is another than the one left for staff: it moved, or one
 * was read, or it was journaled gone. A transaction with one of them took a card into the reader.
 */
export const CARD_MOVES_AND_READS: readonly string[] = [
  CARD_LEFT_GONE,
  'card.read',
  'card.eject',
  'card.retract',
  'oldCard.return',
  'oldCard.capture',
  'recovery.card.retract',
  'recovery.slotCard',
];
/** a maintenance visit ended: field staff had the card left for them (the visit's self test hands it back) */
const VISIT_ENDED = 'maintenance.logout';

/**
 * Whether the card inside the reader at boot is the one last left there for staff (`card.unaccounted`
 * by a session or an earlier boot): no card moved or read since, no visit ended since.
 */
export async function cardKeptForStaff(journal: Pick<JournalService, 'lastStepNamed'>): Promise<boolean> {
  return (await cardKeptForStaffStep(journal)) !== undefined;
}

/**
 * The `card.unaccounted` step that left the card inside the reader for staff, while `cardKeptForStaff`
 * (its transaction: whose card it is); undefined when none is kept.
 */
export async function cardKeptForStaffStep(
  journal: Pick<JournalService, 'lastStepNamed'>,
): Promise<{ readonly transactionId: string } | undefined> {
  const left = await journal.lastStepNamed(CARD_UNACCOUNTED);
  if (!left) return undefined;
  for (const step of [...CARD_MOVES_AND_READS, VISIT_ENDED]) {
    const last = await journal.lastStepNamed(step);
    if (last && Number(last.id) > Number(left.id)) return undefined;
  }
  return left;
}

/** The number of the card the transaction read (journaled masked); null when none was read. */
export function cardReadIn(steps: readonly JournaledStep[]): string | null {
  const read = [...steps].reverse().find((s) => s.step === 'card.read');
  return detailText(read, 'card') ?? null;
}

/**
 * The number of the card `transactionId` holds at boot (journaled masked): the one it read, else its
 * session's (a further journey holds the card its session read in an earlier one, ADR 0028); null
 * when none was read.
 */
export async function cardOfSession(
  journal: Pick<JournalService, 'stepsOf'>,
  transactionId: string,
  steps: readonly JournaledStep[],
): Promise<string | null> {
  return cardReadIn(steps) ?? cardReadIn(await journal.stepsOf(transactionId, 'session'));
}

/** The card of `transactionId` in a reader that cannot capture it, left in its slot: journaled, logged. */
export async function leaveCardInSlotAtBoot(
  journal: Pick<JournalService, 'recordStep' | 'stepsOf'>,
  reader: Pick<CardReaderPort, 'cardPosition'>,
  transactionId: string,
  steps: readonly JournaledStep[],
  log: Pick<Logger, 'warn'>,
): Promise<void> {
  const readerSays = reader.cardPosition();
  const card = await cardOfSession(journal, transactionId, steps);
  await journal.recordStep(transactionId, CARD_LEFT_IN_SLOT, 'event', {
    after: 'restart',
    readerSays,
    captureBin: false,
    card,
    forStaff: true,
  });
  log.warn(
    `recovery: the card ${card ?? '(not read)'} of ${transactionId} is in the slot of a reader that cannot ` +
      'capture it: left there, waited for until it is taken',
  );
}

/** The boot's capture of the card inside: captured, or left in the reader for staff. */
export type BootCardCapture = 'captured' | 'leftForStaff';

export async function captureCardAtBoot(
  journal: JournalService,
  reader: Pick<CardReaderPort, 'retract' | 'cardPosition' | 'status'>,
  transactionId: string,
  steps: readonly JournaledStep[],
  log: Pick<Logger, 'error'>,
): Promise<BootCardCapture> {
  try {
    await journaledAct(journal, transactionId, 'recovery.card.retract', () => reader.retract());
  } catch (e) {
    const code = KioskError.from(e).code;
    const readerSays = reader.cardPosition();
    const card = await cardOfSession(journal, transactionId, steps);
    await journal.recordStep(transactionId, CARD_UNACCOUNTED, 'event', {
      after: 'retract',
      readerSays,
      code,
      card,
      forStaff: true,
    });
    log.error(
      `recovery: the card ${card ?? '(not read)'} of ${transactionId} could not be captured (${code}): ` +
        `the reader says ${readerSays}; it is left for field staff`,
    );
    return 'leftForStaff';
  }
  await recordDeviceCounters(journal, reader.status());
  return 'captured';
}

/**
 * The card inside the card reader as boot recovery begins, and whose it is (`boot-card-capture.ts`
 * captures it, or keeps it for staff).
 *
 * A reader without a motor says where the card is only with pcscd's first status of it: until then
 * its position is 'unknown' (docs/adr/0002). Listed late after a crash or a power loss (a USB reader
 * enumerating after the daemon's start wait), it would have read as empty: the cut-short session's
 * card taken for gone, then, once the reader was listed, handed back at the slot as a stray card to
 * whoever stood there. So recovery waits for the reader's word, at most
 * `devices.cardReader.positionWaitMs`, and only when it matters: the newest open transaction's
 * session took a card into the reader, or a card was left there for staff. The wait ends as soon as
 * the reader says.
 *
 * The session, not the journey: a session's further journeys each have a transaction of their own,
 * and its card read in the first stays with it (ADR 0028), so the card's steps are read across the
 * newest's session, its transactions open or closed. The card is journaled in the newest, once,
 * whichever journey the crash fell in, with the number its session read (`cardOfSession`).
 *
 * Still unknown at the bound, the card is that transaction's all the same: accounted for in its turn
 * (`accountForCardPositionUnknown`: `card.unaccounted`, the reader saying 'unknown', coded
 * CARD_POSITION_UNKNOWN, the card's number as read, masked, for staff), never handed back nor taken
 * for gone; the kiosk holds back the journeys that take a card into the reader (CARD_LEFT_IN_READER)
 * and recovery ends out of service for field staff, whose visit's self test looks again.
 */
import type { Logger } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import {
  type CardPosition,
  type CardReaderPort,
  type ReaderEvents,
  type ReaderWaitBound,
  untilReader,
} from '@kiosk/device-drivers';
import { DEFAULT_CARD_POSITION_WAIT_MS, ErrorCode, KioskError } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import type { JournaledStep } from '../journal/step-detail.js';
import { CARD_MOVES_AND_READS, cardKeptForStaff, cardOfSession } from './boot-card-capture.js';
import { CARD_UNACCOUNTED } from './session-actors.js';
import { STRAY_JOURNEYS } from './slot-card-journal.js';

/**
 * The card inside the reader at boot: `holder`, the open transaction in whose turn it is captured
 * (the newest: no later session could take a card into the occupied reader; its session's card,
 * read in whichever of its journeys) or, the reader still silent, accounted for; or `kept` for staff
 * already (no holder); neither when none is inside.
 */
export interface CardInsideAtBoot {
  readonly holder?: string;
  readonly kept: boolean;
}

export async function cardInsideAtBoot(
  journal: Pick<JournalService, 'lastStepNamed' | 'stepsOf'>,
  reader: Pick<CardReaderPort, 'cardPosition' | 'onCardEvent' | 'canCapture'>,
  open: readonly { readonly id: string; readonly journey: string }[],
  positionWaitMs: number,
  log: Pick<Logger, 'warn'>,
): Promise<CardInsideAtBoot> {
  const newest = open.at(-1);
  // whether the newest's session took a card in, in any of its journeys: read once, when first asked
  let newestTook: Promise<boolean> | undefined;
  const newestSessionTookACardIn = (): Promise<boolean> =>
    newest === undefined
      ? Promise.resolve(false)
      : (newestTook ??= journal.stepsOf(newest.id, 'session').then(tookACardIn));
  // whether the card inside is the newest's: in a reader that captures, whatever it took in; in one
  // that cannot, only a resident's card (a stray card is handed back and waited for by the slot-card
  // service, the journeys not held back for it, as before a restart: ADR 0002)
  const holds = async (): Promise<boolean> => {
    if (newest === undefined) return false;
    if (reader.canCapture()) return true;
    return !STRAY_JOURNEYS.includes(newest.journey) && (await newestSessionTookACardIn());
  };
  let position = reader.cardPosition();
  let kept: boolean | undefined;
  if (position === 'unknown') {
    kept = await cardKeptForStaff(journal);
    const tookCard = !kept && (await holds()) && (await newestSessionTookACardIn());
    if (!kept && !tookCard) return { kept: false };
    log.warn(
      `recovery: the card reader has not said whether a card is inside; waiting up to ${positionWaitMs} ms`,
    );
    position = await knownCardPosition(reader, { withinMs: positionWaitMs });
  }
  // still silent ('unknown'): the card left for staff stays theirs; the newest's is accounted for in its turn
  if (position !== 'inReader' && position !== 'unknown') return { kept: false };
  if (kept ?? (await cardKeptForStaff(journal))) return { kept: true };
  return { holder: (await holds()) ? newest?.id : undefined, kept: false };
}

/** Whether the steps took a card into the reader (read one, or moved one). */
function tookACardIn(steps: readonly JournaledStep[]): boolean {
  return steps.some((s) => CARD_MOVES_AND_READS.includes(s.step));
}

/**
 * Where the reader says the card is, once it has said (its next card event: 'sensed' for a reader
 * without a motor), or 'unknown' if it has not said within `withinMs` (no bound: for as long as it
 * takes) or by the time `signal` is aborted (shutdown): the reader's one wait (`untilReader`).
 */
export async function knownCardPosition(
  reader: Pick<CardReaderPort, 'cardPosition'> & ReaderEvents,
  until: ReaderWaitBound = {},
): Promise<CardPosition> {
  await untilReader(reader, () => reader.cardPosition() !== 'unknown', until);
  return reader.cardPosition();
}

/**
 * The card of `transactionId` in a reader that has not said where it is: accounted for, left for
 * staff (`card.unaccounted`, `after: 'restart'`), logged.
 */
export async function accountForCardPositionUnknown(
  journal: Pick<JournalService, 'recordStep' | 'stepsOf'>,
  transactionId: string,
  steps: readonly JournaledStep[],
  log: Pick<Logger, 'error'>,
): Promise<void> {
  const card = await cardOfSession(journal, transactionId, steps);
  await journal.recordStep(transactionId, CARD_UNACCOUNTED, 'event', {
    after: 'restart',
    readerSays: 'unknown',
    code: ErrorCode.CARD_POSITION_UNKNOWN,
    card,
    forStaff: true,
  });
  log.error(
    `recovery: the card reader has not said whether the card ${card ?? '(not read)'} of ${transactionId} ` +
      `is inside (${ErrorCode.CARD_POSITION_UNKNOWN}); it is left for field staff`,
  );
}

/** How long recovery waits for a reader that has not said: the profile's, else the domain's (the emulator always says). */
export function cardPositionWaitOf(config: Pick<KioskConfig, 'devices'> | undefined): number {
  const reader = config?.devices.cardReader;
  if (!reader) return DEFAULT_CARD_POSITION_WAIT_MS;
  return reader.driver === 'emulator' ? 0 : reader.positionWaitMs;
}

/** Why recovery ends out of service when the reader stayed silent: field staff look for the card. */
export function cardPositionUnknownForStaff(): KioskError {
  return new KioskError(
    ErrorCode.CARD_POSITION_UNKNOWN,
    'The card reader has not said whether an interrupted session left its card inside; field staff must look for it.',
  );
}

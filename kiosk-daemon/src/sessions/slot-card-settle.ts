/**
 * The end of a slot-card wait (`slot-card-recovery.ts`): the card at the slot taken, moved
 * otherwise, or retracted into the capture bin after the take timeout; a reader that cannot capture
 * (a motorless presence reader) leaves it there, waited for until it is taken (ADR 0002). A capture
 * that fails (the capture bin full, the reader's fault at it) leaves the card for staff:
 * `card.unaccounted` journaled, the kiosk told (CARD_LEFT_IN_READER: the card journeys held back,
 * the fleet's `leftAtKiosk` alert) until the card leaves the reader or a visit ends.
 */
import type { Logger } from '@nestjs/common';
import type { CardReaderPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { journaledAct, recordDeviceCounters } from '../journeys/journey-tools.js';
import { CARD_UNACCOUNTED } from './session-actors.js';
import { SLOT_CARD_STEP, type SlotWait } from './slot-card-journal.js';
import type { SlotCardWaits } from './slot-card-waits.js';

export type SlotCardOutcome = 'none' | 'taken' | 'retracted' | 'failed' | 'stopped';

/** What the wait's end uses of the slot-card service. */
export interface SettleDeps {
  readonly journal: JournalService;
  readonly waits: SlotCardWaits;
  readonly log: Pick<Logger, 'log' | 'warn' | 'error'>;
  /** the take timeout (`timeouts.cardTakeMs`), each wait again as long */
  readonly takeMs: number;
  /** a card at the slot could not be captured: told to the kiosk (CARD_LEFT_IN_READER) for staff */
  readonly leftForStaff: () => void;
}

/** The wait's end for a card at the slot: taken, moved otherwise, or retracted after the timeout. */
export async function settleAtSlot(
  deps: SettleDeps,
  reader: CardReaderPort,
  wait: SlotWait,
): Promise<SlotCardOutcome> {
  const { journal, waits, log, takeMs } = deps;
  const { transactionId, owned } = wait;
  let event = await wait.moved;
  // waited for again while it stays at the slot: a session runs (the resident at the screen may
  // take it yet), or the reader cannot capture it (no capture bin: it stays in the slot until
  // someone takes it, and that is journaled). A reader gone meanwhile (unknown) or back (sensed)
  // moved no card: the card is still there
  const waitOn = () => event === 'sensed' || (event === 'timeout' && (wait.busy() || !reader.canCapture()));
  const stillThere = () => reader.cardPosition() === 'atSlot' || reader.cardPosition() === 'unknown';
  while (waitOn() && stillThere()) {
    event = await waits.nextCardEvent(reader, takeMs);
  }
  if (event === 'stopped') return 'stopped';
  /** the card is not retracted: where it went journaled, the wait's own transaction completed */
  const leave = async (where: StepDetail, outcome: 'taken' | 'none'): Promise<SlotCardOutcome> => {
    await journal.recordStep(transactionId, SLOT_CARD_STEP, 'event', where);
    if (owned) await journal.closeTransaction(transactionId, 'completed', null);
    return outcome;
  };
  if (event === 'taken') {
    log.log('the card left at the slot was taken');
    return leave({ where: 'taken' }, 'taken');
  }
  // pushed back in, or gone some other way: the reader's own handling (a session, a stray card) has it
  if (event !== 'timeout' || reader.cardPosition() !== 'atSlot') return leave({ where: event }, 'none');
  try {
    await journaledAct(journal, transactionId, wait.retract, () => reader.retract(), {
      where: 'atSlot',
    });
  } catch (e) {
    // neither taken nor captured: accounted for where the reader says it is, for staff, as a session
    // accounts for a card it could not move (ADR 0016), journal first
    const code = KioskError.from(e).code;
    const readerSays = reader.cardPosition();
    await journal.recordStep(transactionId, CARD_UNACCOUNTED, 'event', {
      after: 'retract',
      readerSays,
      code,
      forStaff: true,
    });
    if (owned) await journal.closeTransaction(transactionId, 'failed', code);
    log.error(
      `a card left at the slot could not be captured (${code}): the reader says ${readerSays}; it is left for field staff`,
    );
    deps.leftForStaff();
    return 'failed';
  }
  await recordDeviceCounters(journal, reader.status());
  if (owned)
    await journal.closeTransaction(transactionId, 'cardRetracted', ErrorCode.CARD_NOT_TAKEN_RETRACTED);
  log.warn(`a card left at the slot was retracted into the capture bin (${wait.retract})`);
  return 'retracted';
}

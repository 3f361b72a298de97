/**
 * A damaged card handed in for its replacement (RULES.md "Issuing a card on the spot"): the
 * resident, identified by ID card + face, puts the old card into the card reader; the kiosk reads
 * what it can (a chip that does not answer is normal for a damaged card: the host knows the
 * resident's current card), refuses someone else's card (another ID number on a readable chip:
 * given back, never captured), and captures the card into the reader's capture bin, journaled
 * before and after with the bin's count, so that recovery after a restart in between can tell
 * captured from given back. The host is then told the card was handed in (not lost).
 */
import { countOf, type CardReaderPort, type SocialSecurityCardData } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import type { IssueCardActorContracts } from '@kiosk/state-machines';
import type { JournalService } from '../journal/journal.service.js';
import { detailCount, detailText } from '../journal/step-detail.js';
import type { JourneyTools } from './journey-tools.js';

type OldCardChip = IssueCardActorContracts['handInOldCard']['output']['chip'];

/** What the hand-in and its journey tell each other while it runs (the actor's input). */
export type HandInJourney = Pick<
  IssueCardActorContracts['handInOldCard']['input'],
  'moving' | 'cardLeftForStaff'
>;

/** a hand-in no journey watches: no move reported, never stopped by a backstop */
const UNWATCHED: HandInJourney = { moving: () => undefined, cardLeftForStaff: () => false };

/** the journal step of the capture (intent with the capture bin's count, then done) */
export const OLD_CARD_CAPTURE = 'oldCard.capture';
/**
 * boot recovery's decision of where a card whose capture was cut short went (once per transaction),
 * or field staff's verdict on one recovery left `unknown` (`old-card-staff-settlement.ts`)
 */
export const RECOVERY_OLD_CARD = 'recovery.oldCard';
/** `recovery.needsStaff`'s reason when where the handed-in card went is not known */
export const OLD_CARD_UNKNOWN =
  'the handed-in card’s capture was cut short and the capture bin count cannot tell where it went';

const noReader = () =>
  new KioskError(
    ErrorCode.JOURNEY_NOT_OFFERED,
    'This kiosk takes no card in; please go to a service counter.',
  );

/** The capture bin's count as the reader reports it; undefined from a reader that does not count it. */
export function captureBinCount(reader: Pick<CardReaderPort, 'status'>): number | undefined {
  return countOf(reader.status().supplies, 'captureBin') ?? undefined;
}

/** Resolves once a card is in the reader (at once if one is there); rejects when aborted. */
export function awaitCardInReader(
  reader: Pick<CardReaderPort, 'cardPosition' | 'onCardEvent'> | undefined,
  signal: AbortSignal,
): Promise<void> {
  if (!reader) return Promise.reject(noReader());
  if (reader.cardPosition() === 'inReader') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const stop = reader.onCardEvent((e) => {
      if (e.type !== 'inserted') return;
      done();
      resolve();
    });
    const aborted = () => {
      done();
      reject(signal.reason);
    };
    const done = () => {
      stop();
      signal.removeEventListener('abort', aborted);
    };
    if (signal.aborted) aborted();
    else signal.addEventListener('abort', aborted, { once: true });
  });
}

/** Reads the old card's chip; a damaged chip's silence is 'unreadable', a card pulled out is a fault. */
async function readWhatItCan(
  reader: CardReaderPort,
  signal: AbortSignal,
): Promise<SocialSecurityCardData | undefined> {
  try {
    return await reader.readCard(signal);
  } catch (e) {
    if (signal.aborted) throw e;
    const code = KioskError.from(e).code;
    if (code === ErrorCode.CARD_REMOVED) throw e;
    return undefined;
  }
}

/**
 * The `handInOldCard` actor's work: read, refuse another's card, capture (journaled). Before it
 * asks the reader for a move it tells the journey which (`moving`: the eject of someone else's
 * card, or the capture), so that a backstop run out names that move in card.unaccounted.
 * Stopped before the capture, it gives the card back unless the journey's backstop stopped it
 * (`cardLeftForStaff`): that card is accounted for where it is, and moving it then would send
 * staff to the reader for a card at the slot (ADR 0016).
 */
export async function handInOldCard(
  reader: CardReaderPort | undefined,
  tools: JourneyTools,
  idNumber: string,
  signal: AbortSignal,
  journey: HandInJourney & {
    /** the card number a readable chip names (the replacement is asked for that card only) */
    readonly chipRead?: (cardNumber: string) => void;
  } = UNWATCHED,
): Promise<{ chip: OldCardChip }> {
  if (!reader) throw noReader();
  let read: SocialSecurityCardData | undefined;
  try {
    read = await readWhatItCan(reader, signal);
    // stopped just as the read ended: as stopped during it (no capture, no other move asked)
    signal.throwIfAborted();
  } catch (e) {
    // stopped before any capture: by the session (its time ran out, the kiosk stops), the card is
    // given back, not left inside; by the journey's backstop, the card is left where it is for
    // staff (card.unaccounted says the reader holds it) and nothing more is asked of the reader
    if (signal.aborted && !journey.cardLeftForStaff() && reader.cardPosition() === 'inReader') {
      await tools
        .irreversible('oldCard.return', () => reader.eject(), { why: 'stopped' })
        .catch(() => undefined);
    }
    throw e;
  }
  const chip: OldCardChip = read ? 'read' : 'unreadable';
  const card: Record<string, string> = read ? { card: maskCardNumber(read.cardNumber) } : {};
  if (read && read.idNumber !== idNumber) {
    journey.moving('eject');
    // failed, the card is neither given back nor captured: the journey, told of the eject, has the
    // session account for it after the eject
    await tools.irreversible('oldCard.return', () => reader.eject(signal), { ...card, why: 'notHolder' });
    throw new KioskError(
      ErrorCode.ID_MISMATCH,
      'This card belongs to someone else and was given back; hand in your own card, or go to a service counter.',
    );
  }
  if (read) journey.chipRead?.(read.cardNumber);
  const captureBin = captureBinCount(reader);
  journey.moving('retract');
  await tools.irreversible(OLD_CARD_CAPTURE, () => reader.retract(signal), {
    chip,
    ...card,
    ...(captureBin === undefined ? {} : { captureBin }),
  });
  return { chip };
}

/**
 * At boot, for an interrupted replacement: where the old card went when the restart fell between
 * the capture's intent and its outcome. Captured when the capture bin holds more than the intent
 * counted (a card still in the reader was captured by recovery before this runs); given back when
 * it lies at the slot or the bin did not grow. Journaled as `recovery.oldCard`; undefined (staff
 * must look) when the reader counts nothing. True when there was nothing to decide or it is decided.
 *
 * Decided once: a transaction left open past the boot that decided (its card making for staff, a
 * boot cut short) keeps that journaled decision at every later boot; the bin's count then (emptied
 * by staff, grown by other captures) says nothing of this card and is not read again.
 */
export async function recoverOldCardHandIn(
  journal: JournalService,
  reader: Pick<CardReaderPort, 'status' | 'cardPosition'>,
  transactionId: string,
  /** the transaction's steps as boot recovery read them; absent: read */
  read?: Awaited<ReturnType<JournalService['stepsOf']>>,
): Promise<boolean> {
  const steps = read ?? (await journal.stepsOf(transactionId));
  const of = (phase: string) => steps.filter((s) => s.step === OLD_CARD_CAPTURE && s.phase === phase);
  const intent = of('intent').at(-1);
  if (!intent || of('done').length > 0 || of('failed').length > 0) return true;
  const decided = steps.findLast((s) => s.step === RECOVERY_OLD_CARD);
  if (decided && detailText(decided, 'where') !== 'unknown') return true;
  if (decided) {
    // left for staff by an earlier boot (one before staff were offered it: listed for them now)
    await leaveForStaff(journal, transactionId, steps);
    return false;
  }
  // a count absent, unreadable or not a count: where the card went is unknown, staff look
  const before = detailCount(intent, 'captureBin');
  const now = captureBinCount(reader);
  if (before === undefined || now === undefined) {
    await journal.recordStep(transactionId, RECOVERY_OLD_CARD, 'event', { where: 'unknown' });
    await leaveForStaff(journal, transactionId, steps);
    return false;
  }
  const where = now > before ? 'captured' : 'givenBack';
  await journal.recordStep(transactionId, RECOVERY_OLD_CARD, 'event', {
    where,
    captureBin: now,
    cardPosition: reader.cardPosition(),
  });
  return true;
}

/**
 * The old card left `unknown` for field staff (`recovery.needsStaff`, once): listed on the
 * supervisor's screen and settled by their verdict (`old-card-staff-settlement.ts`).
 */
async function leaveForStaff(
  journal: JournalService,
  transactionId: string,
  steps: Awaited<ReturnType<JournalService['stepsOf']>>,
): Promise<void> {
  if (steps.some((s) => s.step === 'recovery.needsStaff' && detailText(s, 'reason') === OLD_CARD_UNKNOWN))
    return;
  await journal.recordStep(transactionId, 'recovery.needsStaff', 'event', { reason: OLD_CARD_UNKNOWN });
}

/**
 * Where a card at the slot that no session waits for is journaled (`slot-card-recovery.ts`): the
 * journeys of the transactions of its own, the steps that put a card at the slot or move it, and
 * how each kind of hand-back is written.
 */
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { type JournaledStep, stepDetail } from '../journal/step-detail.js';

/**
 * journaled when the card was not taken and the reader cannot capture it (a motorless presence
 * reader), by the session or by boot recovery after a restart: it is left in the slot, its removal
 * journaled later (cardLeftAtSlot, slot-card-recovery)
 */
export const CARD_LEFT_IN_SLOT = 'card.leftInSlot';
/** the journey of a transaction recovery opens for a card at the slot nobody's journal claims */
export const RECOVERY_JOURNEY = 'recovery';
/** journaled when the card is found at the slot and when it is taken */
export const SLOT_CARD_STEP = 'recovery.slotCard';
/** the journey of the small transaction a stray card's return is journaled in */
export const STRAY_CARD_JOURNEY = 'strayCard';
/**
 * the journeys of a card no resident's session left in the reader (a stray card's return, a card
 * found at boot that no transaction claimed): in a reader that cannot capture it is handed back and
 * waited for, the card journeys not held back for it, before a restart as after (ADR 0002)
 */
export const STRAY_JOURNEYS: readonly string[] = [STRAY_CARD_JOURNEY, RECOVERY_JOURNEY];
/** the journey of the transaction the wait for a card a session left at the slot is journaled in */
export const LEFT_AT_SLOT_JOURNEY = 'cardLeftAtSlot';
/**
 * the steps that leave a card at the slot (and a wait of this kind cut short by a restart), and that
 * say it is left in the slot of a reader that cannot capture it (boot recovery's, after a restart)
 */
export const HAND_BACK_STEPS: readonly string[] = [
  'card.eject',
  'oldCard.return',
  SLOT_CARD_STEP,
  CARD_LEFT_IN_SLOT,
];
/** the steps that move a card in or out of the reader, or say where it was left */
export const CARD_STEP =
  /^(card\.(eject|retract|leftInSlot)|oldCard\.(return|capture)|recovery\.(card\.retract|slotCard))$/;

/**
 * Whether the transaction's last card step left its card at the slot: a hand-back, or a wait for it
 * not ended (a wait's end, the card taken or moved, is journaled with where it went).
 */
export function leftCardAtSlot(steps: readonly JournaledStep[]): boolean {
  const last = [...steps].reverse().find((s) => CARD_STEP.test(s.step));
  if (last === undefined || !HAND_BACK_STEPS.includes(last.step)) return false;
  return last.step !== SLOT_CARD_STEP || stepDetail(last).where === 'atSlot';
}

/** How a card no session waits for is handed back, and journaled. */
export interface HandBack {
  /** the journey of the transaction of its own */
  readonly journey: string;
  /** the retract's step name */
  readonly retract: string;
  /** said in the eject's steps */
  readonly detail: StepDetail;
}

/** a card inserted with no session waiting for it */
export const STRAY_HAND_BACK: HandBack = {
  journey: STRAY_CARD_JOURNEY,
  retract: 'card.retract',
  detail: { stray: true },
};
/** a card inside the reader at boot that no open transaction claims */
export const BOOT_HAND_BACK: HandBack = {
  journey: RECOVERY_JOURNEY,
  retract: 'recovery.card.retract',
  detail: { found: 'inReader' },
};

/** A card at the slot being waited for, and where its wait is journaled. */
export interface SlotWait {
  readonly transactionId: string;
  /** the transaction is this wait's own, closed with its end */
  readonly owned: boolean;
  /** the card's next move, or 'timeout' */
  readonly moved: Promise<string>;
  /** a session runs: a card at the slot is not retracted then */
  readonly busy: () => boolean;
  /** the retract's step name */
  readonly retract: string;
}

/** The open transaction whose last card step left the card at the slot, newest first. */
export async function slotCardOwner(
  journal: Pick<JournalService, 'stepsOf'>,
  openIds: readonly string[],
): Promise<string | undefined> {
  for (const id of [...openIds].reverse()) {
    if (leftCardAtSlot(await journal.stepsOf(id))) return id;
  }
  return undefined;
}

/**
 * How long a step that asks the card reader to move a card waits past the reader's own bound of
 * the move (`devices.cardReader.moveTimeoutMs`) before it stops waiting (ADR 0016): the session's
 * card steps (ejecting, retracting) and the damaged-card hand-in's capture. Kept apart from both
 * machines, which each use it.
 */

/**
 * What the card steps allow past the reader's own bound of a card move before they stop waiting:
 * the journal's intent written before the act, and the answer's way back.
 */
export const CARD_MOVE_MARGIN_MS = 10_000;

/**
 * The card steps' backstop: the reader's bound of a move plus the margin. The step ends on the
 * reader's answer or its coded fault, which come within the bound; this fires only for a reader
 * that broke it, and then the card is accounted for (`accountForCard`), never moved again.
 */
export function cardMoveBackstopMs(cardMoveMs: number): number {
  return cardMoveMs + CARD_MOVE_MARGIN_MS;
}

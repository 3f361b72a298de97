/**
 * A card move of a motorised reader (eject to the slot, retract into the capture bin) within its
 * bound: the reader's own answer, or its coded fault, always comes within `timeoutMs` of the
 * command, whatever the mechanism does.
 */
import { DEFAULT_CARD_MOVE_TIMEOUT_MS, ErrorCode, KioskError } from '@kiosk/domain';
import type { CardMechanism } from './card-mechanism.port.js';
import type { ChipSession } from './chip-session.js';
import { withinBound } from './deadline.js';

/** the bound of a card move when none is configured (`devices.cardReader.moveTimeoutMs`, ADR 0016) */
export { DEFAULT_CARD_MOVE_TIMEOUT_MS };

export type CardMove = 'eject' | 'retract';

/**
 * Waits for the reader's word on the card when it has none (`untilKnown`: a presence reader lost,
 * pcscd restarting), then for the chip command in progress, then moves the card, all within
 * `timeoutMs` of the command: past it the move's signal aborts (the mechanism stops, the next
 * command is not held behind it; a move still queued behind a chip command is not made at all) and
 * it fails DEVICE_TIMEOUT with where the mechanism says the card is then. The caller's abort stops
 * it too.
 */
export function boundedCardMove(
  act: CardMove,
  mechanism: Pick<CardMechanism, CardMove | 'position'>,
  chip: Pick<ChipSession, 'exclusive'>,
  timeoutMs: number,
  signal?: AbortSignal,
  untilKnown?: (bounded: AbortSignal) => Promise<void> | undefined,
): Promise<void> {
  const late = () =>
    new KioskError(ErrorCode.DEVICE_TIMEOUT, `The card reader did not finish the card's ${act} in time.`, {
      act,
      timeoutMs,
      position: mechanism.position(),
    });
  const move = async (bounded: AbortSignal) => {
    await untilKnown?.(bounded);
    return chip.exclusive(() => {
      bounded.throwIfAborted();
      return mechanism[act](bounded);
    });
  };
  return withinBound(move, timeoutMs, late, signal);
}

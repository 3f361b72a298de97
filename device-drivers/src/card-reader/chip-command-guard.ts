/**
 * Every chip command of a motorised card reader goes through here: refused while the reader is
 * down or holds no card, and its failure read against the mechanism, which knows where the card
 * is better than the link: a card that left the reader meanwhile was pulled out (CARD_REMOVED),
 * and a card held while the contacts find none is in the wrong way round (CARD_UNREADABLE). A reader
 * that has not said where the card is (a presence reader gone, or back and not reported yet) is a
 * device fault (DEVICE_OFFLINE), before the command or during it: no card was pulled out.
 */
import { type DeviceState, ErrorCode, KioskError } from '@kiosk/domain';
import type { CardMechanism } from './card-mechanism.port.js';

/** Runs `work` on the chip of the card in the reader, its errors coded as above. */
export async function onChipGuarded<T>(
  state: DeviceState,
  mechanism: Pick<CardMechanism, 'position'>,
  work: () => Promise<T>,
): Promise<T> {
  if (state === 'offline' || state === 'noDevice') {
    throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card reader is offline.');
  }
  const position = mechanism.position();
  if (position === 'unknown') throw readerNotReported();
  if (position !== 'inReader') {
    throw new KioskError(
      ErrorCode.CARD_REMOVED,
      position === 'atSlot' ? 'The card is at the slot.' : 'There is no card in the reader.',
    );
  }
  try {
    return await work();
  } catch (e) {
    // The reader went meanwhile (pcscd lost, unplugged): a device fault, no card pulled out.
    if (mechanism.position() === 'unknown') throw readerNotReported(e);
    // Whatever the link said, a card the mechanism no longer holds was pulled out.
    if (mechanism.position() !== 'inReader' && !KioskError.is(e, ErrorCode.CARD_REMOVED)) {
      throw new KioskError(
        ErrorCode.CARD_REMOVED,
        'The card left the reader during the transaction.',
        {},
        {
          cause: e,
        },
      );
    }
    // The mechanism holds a card yet the contacts find none: it is in the wrong way round.
    if (KioskError.is(e, ErrorCode.CARD_REMOVED) && mechanism.position() === 'inReader') {
      throw new KioskError(
        ErrorCode.CARD_UNREADABLE,
        'The chip cannot be reached; insert the card chip first, face up.',
        {},
        { cause: e },
      );
    }
    throw e;
  }
}

/** The reader has not said where the card is (gone, or back and not yet reported): DEVICE_OFFLINE. */
function readerNotReported(cause?: unknown): KioskError {
  const message = 'The card reader is not reporting; where the card is is not known.';
  return new KioskError(ErrorCode.DEVICE_OFFLINE, message, {}, cause === undefined ? undefined : { cause });
}

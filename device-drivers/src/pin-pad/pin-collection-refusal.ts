/**
 * Why a PIN pad refuses to start a collection, the same for every pad (the in-memory emulator and
 * the serial driver): a length out of range, the pad offline, or a collection already running.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { PIN_LENGTH_MAX, PIN_LENGTH_MIN } from './pin-pad.port.js';

/** The coded refusal of a collection, or null when it may start. */
export function pinCollectionRefusal(pad: {
  readonly length: number;
  readonly offline: boolean;
  readonly collecting: boolean;
}): KioskError | null {
  const { length } = pad;
  if (!Number.isInteger(length) || length < PIN_LENGTH_MIN || length > PIN_LENGTH_MAX) {
    return new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'A PIN length is between four and twelve digits.');
  }
  if (pad.offline) return new KioskError(ErrorCode.DEVICE_OFFLINE, 'The PIN pad is offline.');
  if (pad.collecting)
    return new KioskError(ErrorCode.DEVICE_BUSY, 'The PIN pad is already collecting a PIN.');
  return null;
}

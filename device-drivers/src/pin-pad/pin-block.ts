/**
 * ISO 9564-1 format 0 (ISO-0, ANSI X9.8) PIN block: the PIN field `0 N P P P P (P/F)...` XOR the
 * PAN field `0000` + the 12 rightmost PAN digits excluding the check digit. What the host gets
 * instead of a PIN; the clear block is encrypted under the PIN key by the pad (or the HSM).
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { SecurePin } from '../common/secure-pin.js';
import { PIN_LENGTH_MAX, PIN_LENGTH_MIN } from './pin-pad.port.js';

function nibblesToBytes(nibbles: readonly number[]): Buffer {
  const out = Buffer.alloc(nibbles.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = ((nibbles[2 * i] ?? 0) << 4) | (nibbles[2 * i + 1] ?? 0);
  return out;
}

function panField(pan: string): Buffer {
  if (!/^\d{13,19}$/.test(pan)) {
    throw new KioskError(
      ErrorCode.PIN_BLOCK_PAN_INVALID,
      'A PIN block needs a card number (PAN) of thirteen to nineteen decimal digits.',
    );
  }
  const twelve = pan.slice(-13, -1);
  return nibblesToBytes([0, 0, 0, 0, ...Array.from(twelve, Number)]);
}

/** The clear ISO 9564 format 0 PIN block (8 bytes) for `pin` and the card's `pan`. */
export function pinBlockIso9564Format0(pin: SecurePin, pan: string): Buffer {
  const panBlock = panField(pan);
  const pinField = pin.useDigits((digits) => {
    if (digits.length < PIN_LENGTH_MIN || digits.length > PIN_LENGTH_MAX) {
      throw new KioskError(
        ErrorCode.DEVICE_PROTOCOL_ERROR,
        'A PIN block holds a PIN of four to twelve digits.',
      );
    }
    const nibbles = new Array<number>(16).fill(0xf);
    nibbles[0] = 0;
    nibbles[1] = digits.length;
    digits.forEach((d, i) => (nibbles[2 + i] = d));
    const field = nibblesToBytes(nibbles);
    nibbles.fill(0);
    return field;
  });
  for (let i = 0; i < 8; i += 1) pinField[i] = (pinField[i] ?? 0) ^ (panBlock[i] ?? 0);
  return pinField;
}

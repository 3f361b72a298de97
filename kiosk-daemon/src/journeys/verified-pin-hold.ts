import type { SecurePin } from '@kiosk/device-drivers';
import { ScopeKey } from './session-scope.js';

/**
 * The current PIN, verified on the card for a PIN change, held on the PIN-pad path until the
 * card's CHANGE REFERENCE DATA (which needs the old PIN with the new) takes it. One at a time;
 * wiped when replaced, taken or dropped (the card leaves or another card is read). Never
 * serialised: `SecurePin` renders as `[pin]`.
 */
export class VerifiedPinHold {
  private pin: SecurePin | null = null;

  keep(pin: SecurePin): void {
    this.drop();
    this.pin = pin;
  }

  /** The held PIN, now the caller's to wipe; null when none is held. */
  take(): SecurePin | null {
    const pin = this.pin;
    this.pin = null;
    return pin;
  }

  drop(): void {
    this.pin?.wipe();
    this.pin = null;
  }
}

/** The session's hold of its verified PIN: dropped (wiped) when the session ends. */
export const HELD_PIN = new ScopeKey(
  'heldPin',
  () => new VerifiedPinHold(),
  (hold) => hold.drop(),
);

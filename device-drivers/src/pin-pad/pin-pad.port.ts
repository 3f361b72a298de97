/**
 * The encrypting PIN pad as the daemon sees it. Key presses come out as events WITHOUT values
 * (only how many digits are entered); the PIN itself leaves only as a `SecurePin`, which the
 * device layer hands to the card's VERIFY / CHANGE or turns into an ISO 9564 PIN block.
 */
import { PIN_PAD_KEYS } from '@kiosk/domain';
import type { DevicePort, Unsubscribe } from '../common/device-port.js';
import type { SecurePin } from '../common/secure-pin.js';

/** A physical key of the pad: the keys the gateway contract names (one list, in domain). */
export type PinPadKey = (typeof PIN_PAD_KEYS)[number];
export { PIN_PAD_KEYS };

/** What a key press looks like outside the pad: its kind and the count of digits entered, never a value. */
export interface PinPadKeyEvent {
  readonly kind: 'digit' | 'clear' | 'cancel' | 'enter';
  readonly entered: number;
}

export interface CollectPinOptions {
  /** Digits the PIN has (6 for the social-security card); 'enter' before that is ignored. */
  readonly length: number;
  /** Aborting resolves the collection as `cancelled`. */
  readonly signal?: AbortSignal;
  /** Resolves as `timeout` after this long without a key press (the timer restarts on each key). */
  readonly timeoutMs?: number;
}

export type CollectPinResult =
  | { readonly result: 'entered'; readonly pin: SecurePin }
  | { readonly result: 'cancelled' }
  | { readonly result: 'timeout' };

/** Shortest and longest PIN a pad collects (ISO 9564). */
export const PIN_LENGTH_MIN = 4;
export const PIN_LENGTH_MAX = 12;

export interface PinPadPort extends DevicePort {
  readonly kind: 'pinPad';
  /**
   * Collects one PIN. Only one collection runs at a time (a second one is refused with
   * DEVICE_BUSY); an offline pad refuses with DEVICE_OFFLINE. Errors never carry a digit.
   */
  collectPin(options: CollectPinOptions): Promise<CollectPinResult>;
  /** Key presses while a PIN is being collected, without their values. */
  onKey(listener: (event: PinPadKeyEvent) => void): Unsubscribe;
}

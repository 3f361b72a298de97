/**
 * A PIN as it travels inside the device layer, from the PIN pad to the card's VERIFY / CHANGE
 * REFERENCE DATA or to an ISO 9564 PIN block. It cannot be printed, logged, serialised or
 * spread into an object: every such path yields "[pin]". Only device-layer code that is handed
 * the object calls `useDigits`, and `wipe()` clears it once used.
 */
import { inspect } from 'node:util';

const REDACTED = '[pin]';

export class SecurePin {
  #digits: Uint8Array | null;

  private constructor(digits: Uint8Array) {
    this.#digits = digits;
  }

  /** Built only by the PIN pad path (driver or emulator) from the keys it collected. */
  static fromKeys(keys: readonly number[]): SecurePin {
    if (!keys.every((k) => Number.isInteger(k) && k >= 0 && k <= 9)) {
      throw new RangeError('A PIN is made of decimal digits.');
    }
    return new SecurePin(Uint8Array.from(keys));
  }

  get length(): number {
    return this.#digits?.length ?? 0;
  }

  get wiped(): boolean {
    return this.#digits === null;
  }

  /** Lends the digits (0..9 values) to a device-layer consumer for the duration of `use`. */
  useDigits<T>(use: (digits: Readonly<Uint8Array>) => T): T {
    if (this.#digits === null) throw new Error('The PIN was already used and wiped.');
    return use(this.#digits);
  }

  /** Overwrites the digits; the object is useless afterwards. */
  wipe(): void {
    this.#digits?.fill(0);
    this.#digits = null;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

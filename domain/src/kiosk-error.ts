/**
 * One coded error for the whole kiosk. The `code` is what the UI translates, the journal records
 * and the fleet counts; the message says what happened and what to do. Never put a PIN, a full ID
 * number or a key into a message or into `details`.
 */
import { ErrorCode } from './error-code.js';

export { ErrorCode } from './error-code.js';

export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export class KioskError extends Error {
  override readonly name = 'KioskError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** A plain object safe to log, journal, send to the UI or publish to the fleet. */
  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }

  static is(value: unknown, code?: ErrorCode): value is KioskError {
    return value instanceof KioskError && (code === undefined || value.code === code);
  }

  /** Wraps anything thrown into a KioskError without leaking its message to residents. */
  static from(value: unknown, fallback: ErrorCode = ErrorCode.INTERNAL): KioskError {
    if (value instanceof KioskError) return value;
    return new KioskError(
      fallback,
      'An unexpected fault occurred; the kiosk stays in a safe state.',
      {},
      {
        cause: value,
      },
    );
  }
}

/**
 * What a machine keeps of a failure: a code the UI translates and a message safe to show. Actors
 * reject with a `KioskError` (or anything shaped `{ code, message }`); whatever else they throw
 * becomes INTERNAL so that no stack, no raw driver text and no personal data reaches a snapshot.
 */
import { ErrorCode, maskIdNumbersInText } from '@kiosk/domain';

export interface CodedError {
  readonly code: ErrorCode;
  readonly message: string;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

const INTERNAL_MESSAGE = 'An unexpected fault occurred; the kiosk stays in a safe state.';

/** Keeps `{ code, message }` of a coded error; anything else becomes INTERNAL. */
export function toCodedError(value: unknown): CodedError {
  if (typeof value === 'object' && value !== null) {
    const { code, message } = value as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      const text = typeof message === 'string' && message.length > 0 ? message : code;
      return { code: code as ErrorCode, message: maskIdNumbersInText(text).slice(0, 300) };
    }
  }
  return { code: ErrorCode.INTERNAL, message: INTERNAL_MESSAGE };
}

export function codedError(code: ErrorCode, message: string): CodedError {
  return { code, message };
}

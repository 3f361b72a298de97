/**
 * The border checks every socket.io server of the project makes on an inbound payload (the
 * kiosk's gateway, the fleet dashboard's): binary refused, a payload that does not serialise
 * refused, a size limit, then the event's schema. Each refusal is a coded KioskError that never
 * echoes the payload back (it may hold anything).
 */
import type { z } from 'zod';
import { ErrorCode, KioskError } from './kiosk-error.js';

/** Binary, unreadable or too large: refused before any schema looks at it. */
export function checkInboundPayload(
  event: string,
  payload: unknown,
  limitBytes: number,
  tooLarge = 'The message is larger than accepted.',
): void {
  if (payload instanceof Uint8Array || payload instanceof ArrayBuffer) {
    throw new KioskError(ErrorCode.GATEWAY_MALFORMED_MESSAGE, 'Binary messages are not accepted.', { event });
  }
  let bytes: number;
  try {
    bytes = new TextEncoder().encode(JSON.stringify(payload ?? null)).length;
  } catch {
    throw new KioskError(ErrorCode.GATEWAY_MALFORMED_MESSAGE, 'The message could not be read.', { event });
  }
  if (bytes > limitBytes) {
    throw new KioskError(ErrorCode.GATEWAY_MESSAGE_TOO_LARGE, tooLarge, { event, bytes, limit: limitBytes });
  }
}

/** The payload by its event's schema; the first problem's path and kind in the refusal. */
export function parseInboundPayload<S extends z.ZodType>(
  schema: S,
  event: string,
  payload: unknown,
): z.infer<S> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new KioskError(ErrorCode.GATEWAY_MALFORMED_MESSAGE, 'The message does not have the expected form.', {
    event,
    path: issue ? issue.path.join('.') : '',
    problem: issue ? issue.code : 'invalid',
  });
}

import { ErrorCode, InboundSchemas, KioskError, type InboundEvent, type InboundPayload } from '@kiosk/domain';

export type ValidatedMessage = {
  [E in InboundEvent]: { readonly event: E; readonly payload: InboundPayload<E> };
}[InboundEvent];

/** Every `demo.*` message drives an emulator's control surface: the demo profile only. */
export function isDemoEvent(event: string): boolean {
  return event.startsWith('demo.');
}

function isInboundEvent(event: unknown): event is InboundEvent {
  return typeof event === 'string' && Object.hasOwn(InboundSchemas, event);
}

/**
 * Checks one inbound socket.io message at the border: a known event name, a payload no larger
 * than the limit, and a payload that matches its schema. Throws a coded KioskError otherwise;
 * the error never echoes the payload back (it may hold anything).
 */
export function validateInbound(event: unknown, payload: unknown, maxPayloadBytes: number): ValidatedMessage {
  if (!isInboundEvent(event)) {
    throw new KioskError(ErrorCode.GATEWAY_UNKNOWN_EVENT, 'This message is not one the kiosk understands.', {
      event: typeof event === 'string' ? event.slice(0, 40) : typeof event,
    });
  }
  let size: number;
  try {
    size = Buffer.byteLength(JSON.stringify(payload ?? null), 'utf8');
  } catch {
    throw new KioskError(ErrorCode.GATEWAY_MALFORMED_MESSAGE, 'The message could not be read.', { event });
  }
  if (size > maxPayloadBytes) {
    throw new KioskError(
      ErrorCode.GATEWAY_MESSAGE_TOO_LARGE,
      'The message is larger than the kiosk accepts.',
      {
        event,
        bytes: size,
        limit: maxPayloadBytes,
      },
    );
  }
  if (payload instanceof Uint8Array || payload instanceof ArrayBuffer) {
    throw new KioskError(ErrorCode.GATEWAY_MALFORMED_MESSAGE, 'Binary messages are not accepted.', { event });
  }
  const parsed = InboundSchemas[event].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KioskError(
      ErrorCode.GATEWAY_MALFORMED_MESSAGE,
      'The message does not have the expected form.',
      {
        event,
        path: issue ? issue.path.join('.') : '',
        problem: issue ? issue.code : 'invalid',
      },
    );
  }
  return { event, payload: parsed.data } as ValidatedMessage;
}

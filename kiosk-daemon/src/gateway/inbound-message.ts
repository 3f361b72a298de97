import {
  checkInboundPayload,
  ErrorCode,
  InboundSchemas,
  KioskError,
  parseInboundPayload,
  type InboundEvent,
  type InboundPayload,
} from '@kiosk/domain';

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
  checkInboundPayload(event, payload, maxPayloadBytes, 'The message is larger than the kiosk accepts.');
  return { event, payload: parseInboundPayload(InboundSchemas[event], event, payload) } as ValidatedMessage;
}

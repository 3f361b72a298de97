/**
 * Checks one inbound dashboard message at the border: a known event, a payload no larger than the
 * limit, a payload of the expected form, and the role it needs. Throws a coded KioskError
 * otherwise; the error never echoes the payload back.
 */
import { checkInboundPayload, ErrorCode, KioskError, parseInboundPayload } from '@kiosk/domain';
import type { OperatorRole } from '../credentials/credential-files.js';
import {
  DASHBOARD_MAX_PAYLOAD_BYTES,
  DashboardInboundSchemas,
  OPERATOR_ONLY_EVENTS,
  type DashboardInboundEvent,
  type DashboardInboundPayload,
} from './dashboard.contract.js';

export type DashboardMessage = {
  [E in DashboardInboundEvent]: { readonly event: E; readonly payload: DashboardInboundPayload<E> };
}[DashboardInboundEvent];

function isDashboardEvent(event: unknown): event is DashboardInboundEvent {
  return typeof event === 'string' && Object.hasOwn(DashboardInboundSchemas, event);
}

export function validateDashboardMessage(
  event: unknown,
  payload: unknown,
  role: OperatorRole,
): DashboardMessage {
  if (!isDashboardEvent(event))
    throw new KioskError(ErrorCode.GATEWAY_UNKNOWN_EVENT, 'The fleet monitor does not know this message.', {
      event: typeof event === 'string' ? event.slice(0, 40) : typeof event,
    });
  checkInboundPayload(
    event,
    payload,
    DASHBOARD_MAX_PAYLOAD_BYTES,
    'The message is larger than the monitor accepts.',
  );
  if (role !== 'operator' && OPERATOR_ONLY_EVENTS.includes(event))
    throw new KioskError(ErrorCode.GATEWAY_NOT_ALLOWED, 'Only an operator may do this; a viewer may look.', {
      event,
      role,
    });
  return {
    event,
    payload: parseInboundPayload(DashboardInboundSchemas[event], event, payload),
  } as DashboardMessage;
}

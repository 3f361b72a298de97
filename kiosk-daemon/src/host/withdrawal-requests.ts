import {
  WithdrawalLimits,
  WithdrawalList,
  WithdrawalView,
  type WithdrawalReversal,
} from '@kiosk/host-simulator/contract';
import type { HostRequest } from './host-http.client.js';

/** What the kiosk asks to withdraw: the idempotency key is the kiosk id and the journal serial. */
export interface WithdrawalAsked {
  readonly cardNumber: string;
  readonly idNumber: string;
  readonly amountFen: number;
  readonly transactionSerial: string;
}

/**
 * What the kiosk sends the back office for a withdrawal, call by call: the path, the body, the
 * schema its answer is read by, and on every act that holds, pays or gives back money the
 * idempotency key (the kiosk id, the journal serial and the act), so a replay after a lost answer
 * does the act once. The host service (`host.service.ts`) sends them and counts them.
 */
export const withdrawalRequests = {
  limits: (
    cardNumber: string,
    idNumber: string,
    signal?: AbortSignal,
  ): HostRequest<typeof WithdrawalLimits> => ({
    method: 'POST',
    path: '/v1/withdrawals/limits',
    body: { cardNumber, idNumber },
    schema: WithdrawalLimits,
    signal,
  }),

  authorise: (
    kioskId: string,
    asked: WithdrawalAsked,
    signal?: AbortSignal,
  ): HostRequest<typeof WithdrawalView> => ({
    method: 'POST',
    path: '/v1/withdrawals/authorise',
    body: asked,
    idempotencyKey: `${kioskId}:${asked.transactionSerial}`,
    schema: WithdrawalView,
    signal,
  }),

  confirm: (
    kioskId: string,
    authorisationId: string,
    transactionSerial: string,
    signal?: AbortSignal,
  ): HostRequest<typeof WithdrawalView> => ({
    method: 'POST',
    path: `/v1/withdrawals/${encodeURIComponent(authorisationId)}/confirm`,
    body: {},
    idempotencyKey: `${kioskId}:${transactionSerial}:confirm`,
    schema: WithdrawalView,
    signal,
  }),

  /** the withdrawals the host lists under the kiosk's serial (its idempotency key) */
  ofSerial: (transactionSerial: string, signal?: AbortSignal): HostRequest<typeof WithdrawalList> => ({
    method: 'GET',
    path: `/v1/withdrawals?transactionSerial=${encodeURIComponent(transactionSerial)}`,
    schema: WithdrawalList,
    signal,
  }),

  /** this kiosk's withdrawals the host still holds money for */
  authorised: (signal?: AbortSignal): HostRequest<typeof WithdrawalList> => ({
    method: 'GET',
    path: '/v1/withdrawals?status=authorised&limit=500',
    schema: WithdrawalList,
    signal,
  }),

  /** `act` names the give-back in its idempotency key (one of its own: a counted taken's `reverse-taken`) */
  reverse: (
    kioskId: string,
    authorisationId: string,
    transactionSerial: string,
    reversal: WithdrawalReversal,
    act: string,
    signal?: AbortSignal,
  ): HostRequest<typeof WithdrawalView> => ({
    method: 'POST',
    path: `/v1/withdrawals/${encodeURIComponent(authorisationId)}/reverse`,
    body: reversal,
    idempotencyKey: `${kioskId}:${transactionSerial}:${act}:${reversal.amountFen ?? 'all'}`,
    schema: WithdrawalView,
    signal,
  }),

  /** gives back what the host holds under the serial, its authorisation id never read */
  release: (
    kioskId: string,
    transactionSerial: string,
    reason: 'cancelled' | 'timeout',
    signal?: AbortSignal,
  ): HostRequest<typeof WithdrawalList> => ({
    method: 'POST',
    path: '/v1/withdrawals/release',
    body: { transactionSerial, reason },
    idempotencyKey: `${kioskId}:${transactionSerial}:release`,
    schema: WithdrawalList,
    signal,
  }),
};

/** The withdrawal machine's setup: types, stand-in actors, delays, guards and actions. */
import { assign, setup } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { codedError, toCodedError } from '../../coded-error.js';
import type { CodedError } from '../../coded-error.js';
import { unprovidedActors } from '../../promise-actors.js';
import { deviceDeadline, stepDeadline } from '../journey.types.js';
import { WITHDRAWAL_REFUSAL_MESSAGES } from './withdrawal-rules.js';
import { CASH_NOT_PAYABLE_MESSAGE, amountRefusal } from './withdrawal-cash-rules.js';
import { FAULT } from './withdrawal-faults.js';
import { WITHDRAWAL_ACTOR_NAMES } from './withdrawal.types.js';
import type {
  DispenserBounds,
  WithdrawalActorContracts as C,
  WithdrawalContext,
  WithdrawalEvent,
  WithdrawalInput,
  WithdrawalOutput,
} from './withdrawal.types.js';

/** Authorisation answers after which the host may have held the money: reverse to be safe. */
export const UNCERTAIN: ReadonlySet<string> = new Set([
  ErrorCode.HOST_TIMEOUT,
  ErrorCode.HOST_BAD_RESPONSE,
  // the host answered with a status the kiosk does not know: neither held nor not held (ADR 0013)
  ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS,
  ErrorCode.INTERNAL,
]);

/**
 * What the dispenser steps allow past the dispenser's own bounds before they stop waiting: the
 * journal's writes around the act and the answer's way back, generously.
 */
export const CASH_ACT_MARGIN_MS = 30_000;

/**
 * The backstop of the dispensing, presenting and retracting steps, from the dispenser's bounds:
 * the longest of its acts by them (a dispense of unknown outcome, then a retract that waits up to
 * the dispense timeout for the count and has its answer time), plus the margin. The steps end on
 * the dispenser's answer, which comes within those bounds; this fires only for a driver that broke
 * them, and the notes are then taken as unknown (retracted, counted and reversed), never as unpaid.
 */
export function cashActBackstopMs(bounds: DispenserBounds): number {
  return 2 * (bounds.dispenseTimeoutMs + bounds.responseTimeoutMs) + CASH_ACT_MARGIN_MS;
}

export function tx(context: WithdrawalContext): { sessionId: string; transactionId: string } {
  if (!context.transactionId) throw new Error('no transaction id in withdrawal context');
  return { sessionId: context.sessionId, transactionId: context.transactionId };
}

export function account(context: WithdrawalContext) {
  return { sessionId: context.sessionId, cardNumber: context.cardNumber, idNumber: context.idNumber };
}

export const withdrawalSetup = setup({
  types: {
    context: {} as WithdrawalContext,
    events: {} as WithdrawalEvent,
    input: {} as WithdrawalInput,
    output: {} as WithdrawalOutput,
  },
  actors: unprovidedActors<C>(WITHDRAWAL_ACTOR_NAMES),
  delays: {
    stepTimeout: ({ context }) => context.timeouts.stepMs,
    cashTakeTimeout: ({ context }) => context.cashTakeMs,
    cashActBackstop: ({ context }) => cashActBackstopMs(context.dispenserBounds),
  },
  guards: {
    amountAcceptable: ({ context, event }) =>
      event.type === 'AMOUNT_CHOSEN' &&
      context.quota !== undefined &&
      amountRefusal(event.amountFen, context.quota, context.rules, context.cash ?? []) === null,
    receiptAvailable: ({ context }) => context.receiptAvailable,
  },
  actions: {
    markStep: assign({ deadline: ({ context }) => stepDeadline(context) }),
    markDevice: assign({ deadline: ({ context }) => deviceDeadline(context) }),
    /** the journey fails with this coded error */
    fail: assign((_, error: CodedError) => ({ outcome: 'failed' as const, error })),
    /** the journey fails with what the invoked actor rejected with (an `xstate.error.actor` event) */
    failWithActorError: assign(({ event }) => ({
      outcome: 'failed' as const,
      error: toCodedError((event as unknown as { error?: unknown }).error),
    })),
    refuseAmount: assign({
      error: ({ context, event }) => {
        const refusal =
          event.type === 'AMOUNT_CHOSEN' && context.quota
            ? amountRefusal(event.amountFen, context.quota, context.rules, context.cash ?? [])
            : null;
        if (refusal === ErrorCode.CASH_AMOUNT_NOT_PAYABLE)
          return codedError(refusal, CASH_NOT_PAYABLE_MESSAGE);
        return refusal ? codedError(refusal, WITHDRAWAL_REFUSAL_MESSAGES[refusal]) : FAULT.amountInvalid;
      },
    }),
  },
});

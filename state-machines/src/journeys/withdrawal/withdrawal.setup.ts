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

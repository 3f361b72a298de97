/** The card-issuance journey's setup: its faults, actors, delays, guards and actions. */
import { assign, setup } from 'xstate';
import { DEFAULT_CARD_MOVE_TIMEOUT_MS, ErrorCode } from '@kiosk/domain';
import { codedError, toCodedError } from '../../coded-error.js';
import type { CodedError } from '../../coded-error.js';
import { cardMoveBackstopMs } from '../../card-move-backstop.js';
import { unprovidedActors } from '../../promise-actors.js';
import type { SessionDeadline } from '../../session/session.types.js';
import { deviceDeadline, stepDeadline } from '../journey.types.js';
import { ISSUE_CARD_ACTOR_NAMES } from './issue-card.types.js';
import type {
  IssueCardActorContracts as C,
  IssueCardContext,
  IssueCardEvent,
  IssueCardInput,
  IssueCardOutput,
} from './issue-card.types.js';

/**
 * How long the damaged-card hand-in waits for the reader (ADR 0016): the chip read, bounded by its
 * own APDU deadlines, within the step's time as before, then the capture (or the return of someone
 * else's card), a card move the reader bounds itself, with the card steps' backstop past it. It
 * fires only for a reader that broke its bounds: the card is then accounted for, never moved again.
 * Without a bound from the session, the reader's default one (`DEFAULT_CARD_MOVE_TIMEOUT_MS`).
 */
export function handInBackstopMs(stepMs: number, cardMoveMs = DEFAULT_CARD_MOVE_TIMEOUT_MS): number {
  return stepMs + cardMoveBackstopMs(cardMoveMs);
}

export const FAULT = {
  hostTimeout: codedError(
    ErrorCode.HOST_TIMEOUT,
    'The back office did not answer in time; nothing was made.',
  ),
  paymentTimeout: codedError(ErrorCode.FEE_NOT_PAID, 'The fee was not paid in time; please try again.'),
  orderExpiredOnArrival: codedError(
    ErrorCode.FEE_NOT_PAID,
    'The back office answered too late: the payment code had already expired, nothing was charged. Please try again.',
  ),
  makingTimeout: codedError(ErrorCode.DEVICE_TIMEOUT, 'The card printer did not finish in time.'),
  makingFailed: codedError(
    ErrorCode.CARD_MAKING_FAILED,
    'Your card could not be made at this kiosk; please go to a service counter, your application is kept.',
  ),
  notTaken: codedError(
    ErrorCode.CARD_NOT_TAKEN_RETRACTED,
    'The new card was not taken and was kept by the kiosk; please ask staff at the counter.',
  ),
  deviceTimeout: codedError(
    ErrorCode.DEVICE_TIMEOUT,
    'The card printer did not answer in time; staff are told.',
  ),
  timedOut: codedError(ErrorCode.SESSION_TIMED_OUT, 'No answer in time; nothing was made.'),
  idCardRemoved: codedError(
    ErrorCode.ID_CARD_REMOVED,
    'The ID card was taken off the reader, so the payment was stopped; nothing was made or charged.',
  ),
  oldCardNotInserted: codedError(
    ErrorCode.SESSION_TIMED_OUT,
    'Your old card was not put in the card reader in time; nothing was made or charged.',
  ),
  oldCardReaderTimeout: codedError(
    ErrorCode.DEVICE_TIMEOUT,
    'The card reader did not answer in time; nothing was made or charged, staff are told.',
  ),
  feeMethodNotOffered: codedError(
    ErrorCode.JOURNEY_NOT_OFFERED,
    'This way of paying is not offered at this kiosk; please choose another.',
  ),
};

export function applicationId(context: IssueCardContext): string {
  if (!context.application) throw new Error('no application in issuance context');
  return context.application.applicationId;
}

export function cardNumber(context: IssueCardContext): string {
  if (!context.cardNumber) throw new Error('no card number in issuance context');
  return context.cardNumber;
}

/**
 * The fee screen's deadline ending `at` (the order's expiry once known): "need more time?" as long
 * before the end as on any step, never before now.
 */
export function feeDeadline(context: IssueCardContext, at: number): SessionDeadline {
  const lead = context.timeouts.stepMs - context.timeouts.warnMs;
  return { at, warnAt: Math.max(context.now(), at - lead) };
}

export const issueCardSetup = setup({
  types: {
    context: {} as IssueCardContext,
    events: {} as IssueCardEvent,
    input: {} as IssueCardInput,
    output: {} as IssueCardOutput,
  },
  actors: unprovidedActors<C>(ISSUE_CARD_ACTOR_NAMES),
  delays: {
    stepTimeout: ({ context }) => context.timeouts.stepMs,
    paymentTimeout: ({ context }) => context.paymentMs,
    // the QR order's expiry, as the deadline was set from it when its code was shown
    orderExpiry: ({ context }) => Math.max(0, (context.deadline?.at ?? context.now()) - context.now()),
    makeCardTimeout: ({ context }) => context.makeCardMs,
    cardTakeTimeout: ({ context }) => context.cardTakeMs,
    handInBackstop: ({ context }) => handInBackstopMs(context.timeouts.stepMs, context.cardMoveMs),
  },
  guards: {
    retriesLeft: ({ context }) => context.attempt <= context.maxRetries,
    /** the fee being paid may be stopped: a QR order is closed (refunded if paid), and the account's
     * payment until it is sent (waiting for an earlier order's close); once sent, its one host call
     * takes the fee and is waited for */
    feeStoppable: ({ context }) => context.feeMethod !== 'account' || context.feeAccountSent !== true,
  },
  actions: {
    markStep: assign({ deadline: ({ context }) => stepDeadline(context) }),
    markDevice: assign({ deadline: ({ context }) => deviceDeadline(context) }),
    fail: assign((_, error: CodedError) => ({ outcome: 'failed' as const, error })),
    failWithActorError: assign(({ event }) => ({
      outcome: 'failed' as const,
      error: toCodedError((event as unknown as { error?: unknown }).error),
    })),
    noteActorError: assign(({ event }) => ({
      error: toCodedError((event as unknown as { error?: unknown }).error),
    })),
    cancel: assign({ outcome: 'cancelled' }),
  },
});

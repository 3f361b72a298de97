/**
 * A social-security card made on the spot (即办即取, RULES.md "Issuing a card on the spot"), new
 * or replacing a lost or damaged one. The session has identified the resident by ID card + face.
 *
 *   checkingApplication → (fee due) confirmFee → paying → making ⟲ rejecting (≤ 2 retries)
 *   → presenting → takeNewCard → reporting → done
 *                      └─(30 s)→ retractingNewCard → reporting → done
 *
 * CANCEL is honoured until the first blank leaves the hopper; from then on every blank ends
 * issued, retracted or in the reject bin, and the host is told which. The resident's ID card is
 * their proof while the fee is asked: taken off the reader at the fee (confirmFee, paying), the
 * journey ends as if abandoned (ID_CARD_REMOVED), and a QR order left open is closed like a
 * timed-out one (refunded if paid just before). Once the card is being made it is too late. The daemon journals each
 * act of making a card before it acts (inside `makeCard`).
 */
import { assign, setup } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { codedError, toCodedError } from '../../coded-error.js';
import type { CodedError } from '../../coded-error.js';
import { unprovidedActors } from '../../promise-actors.js';
import { deviceDeadline, stepDeadline } from '../journey.types.js';
import { FEE_METHODS, ISSUE_CARD_ACTOR_NAMES } from './issue-card.types.js';
import type {
  IssueCardActorContracts as C,
  IssueCardContext,
  IssueCardEvent,
  IssueCardInput,
  IssueCardOutput,
} from './issue-card.types.js';

const FAULT = {
  hostTimeout: codedError(
    ErrorCode.HOST_TIMEOUT,
    'The back office did not answer in time; nothing was made.',
  ),
  paymentTimeout: codedError(ErrorCode.FEE_NOT_PAID, 'The fee was not paid in time; please try again.'),
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
  feeMethodNotOffered: codedError(
    ErrorCode.JOURNEY_NOT_OFFERED,
    'This way of paying is not offered at this kiosk; please choose another.',
  ),
};

function applicationId(context: IssueCardContext): string {
  if (!context.application) throw new Error('no application in issuance context');
  return context.application.applicationId;
}

function cardNumber(context: IssueCardContext): string {
  if (!context.cardNumber) throw new Error('no card number in issuance context');
  return context.cardNumber;
}

export const issueCardMachine = setup({
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
    makeCardTimeout: ({ context }) => context.makeCardMs,
    cardTakeTimeout: ({ context }) => context.cardTakeMs,
  },
  guards: {
    retriesLeft: ({ context }) => context.attempt <= context.maxRetries,
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
}).createMachine({
  id: 'issueCard',
  context: ({ input }) => ({
    ...input,
    maxRetries: input.maxRetries ?? 2,
    makeCardMs: input.makeCardMs ?? 300_000,
    paymentMs: input.paymentMs ?? 120_000,
    feeMethods: input.feeMethods ?? FEE_METHODS,
    feePaid: false,
    attempt: 0,
    blanksRejected: 0,
    reported: false,
  }),
  initial: 'checkingApplication',
  output: ({ context }) => ({
    outcome: context.outcome ?? 'completed',
    error: context.error,
    applicationId: context.application?.applicationId,
    cardNumber: context.cardNumber,
    result: context.result,
    feePaid: context.feePaid,
    blanksRejected: context.blanksRejected,
    reported: context.reported,
  }),
  states: {
    checkingApplication: {
      entry: 'markDevice',
      invoke: {
        id: 'checkApplication',
        src: 'checkApplication',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          idNumber: context.idNumber,
          kind: context.kind,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.feeDueFen > 0,
            target: 'confirmFee',
            actions: assign({ application: ({ event }) => event.output }),
          },
          { target: 'making', actions: assign({ application: ({ event }) => event.output }) },
        ],
        onError: { target: 'done', actions: 'failWithActorError' },
      },
      after: { stepTimeout: { target: 'done', actions: { type: 'fail', params: FAULT.hostTimeout } } },
      on: { CANCEL: { target: 'done', actions: 'cancel' } },
    },

    /** "the replacement fee is 20 yuan: pay by QR code or from your account?" */
    confirmFee: {
      entry: 'markStep',
      on: {
        // only a way the region takes the fee (the screen offers no other)
        PAY_WITH: [
          { guard: ({ context, event }) => context.feeMethods.includes(event.method), target: 'paying' },
          { actions: assign({ error: FAULT.feeMethodNotOffered }) },
        ],
        MORE_TIME: { target: 'confirmFee', reenter: true },
        CANCEL: { target: 'done', actions: 'cancel' },
        ID_CARD_REMOVED: { target: 'done', actions: { type: 'fail', params: FAULT.idCardRemoved } },
      },
      after: { stepTimeout: { target: 'done', actions: { type: 'fail', params: FAULT.timedOut } } },
    },

    /**
     * The QR code on screen until paid, as long as its payment order is payable (one configured
     * value); "need more time?" as long before the end as on any step. More time is a fresh code
     * for the full time again: leaving this state stops `payFee`, whose order the daemon closes at
     * the host (refunded if it was paid just before the close landed), and a new order is made.
     */
    paying: {
      entry: assign({
        deadline: ({ context }) => {
          const at = context.now() + context.paymentMs;
          const lead = context.timeouts.stepMs - context.timeouts.warnMs;
          return { at, warnAt: Math.max(context.now(), at - lead) };
        },
      }),
      invoke: {
        id: 'payFee',
        src: 'payFee',
        input: ({ context, event }) => ({
          sessionId: context.sessionId,
          applicationId: applicationId(context),
          amountFen: context.application?.feeDueFen ?? 0,
          method: event.type === 'PAY_WITH' ? event.method : 'qr',
        }),
        onDone: { target: 'making', actions: assign({ feePaid: true, error: undefined }) },
        // not paid: the resident may try again or another way
        onError: { target: 'confirmFee', actions: 'noteActorError' },
      },
      after: { paymentTimeout: { target: 'confirmFee', actions: assign({ error: FAULT.paymentTimeout }) } },
      on: {
        MORE_TIME: { target: 'paying', reenter: true },
        CANCEL: { target: 'done', actions: 'cancel' },
        // the resident's proof left: abandoned; leaving stops `payFee`, whose order is closed
        ID_CARD_REMOVED: { target: 'done', actions: { type: 'fail', params: FAULT.idCardRemoved } },
      },
    },

    /** one blank through the chip station and the printer (up to 300 s, progress shown) */
    making: {
      entry: [
        assign({ attempt: ({ context }) => context.attempt + 1 }),
        assign({
          deadline: ({ context }) => {
            const at = context.now() + context.makeCardMs;
            return { at, warnAt: at };
          },
        }),
      ],
      invoke: {
        id: 'makeCard',
        src: 'makeCard',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          applicationId: applicationId(context),
          attempt: context.attempt,
        }),
        onDone: {
          target: 'presenting',
          actions: assign({ cardNumber: ({ event }) => event.output.cardNumber, error: undefined }),
        },
        onError: { target: 'rejecting', actions: 'noteActorError' },
      },
      after: { makeCardTimeout: { target: 'rejecting', actions: assign({ error: FAULT.makingTimeout }) } },
    },

    rejecting: {
      entry: 'markDevice',
      invoke: {
        id: 'rejectBlank',
        src: 'rejectBlank',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          applicationId: applicationId(context),
          attempt: context.attempt,
          reason: context.error?.code ?? ErrorCode.INTERNAL,
        }),
        onDone: [
          {
            guard: 'retriesLeft',
            target: 'making',
            actions: assign({ blanksRejected: ({ context }) => context.blanksRejected + 1 }),
          },
          {
            target: 'reporting',
            actions: [
              assign({ blanksRejected: ({ context }) => context.blanksRejected + 1, result: 'failed' }),
              { type: 'fail', params: FAULT.makingFailed },
            ],
          },
        ],
        // a blank stuck in the printer: no further blank, staff must clear it
        onError: { target: 'reporting', actions: [assign({ result: 'failed' }), 'failWithActorError'] },
      },
      after: {
        stepTimeout: {
          target: 'reporting',
          actions: [assign({ result: 'failed' }), { type: 'fail', params: FAULT.deviceTimeout }],
        },
      },
    },

    presenting: {
      entry: 'markDevice',
      invoke: {
        id: 'presentNewCard',
        src: 'presentNewCard',
        input: ({ context }) => ({ sessionId: context.sessionId, cardNumber: cardNumber(context) }),
        onDone: 'takeNewCard',
        onError: { target: 'retractingNewCard', actions: 'failWithActorError' },
      },
      after: {
        stepTimeout: { target: 'retractingNewCard', actions: { type: 'fail', params: FAULT.deviceTimeout } },
      },
    },

    /** "please take your new card" */
    takeNewCard: {
      entry: assign({
        deadline: ({ context }) => {
          const at = context.now() + context.cardTakeMs;
          return { at, warnAt: at };
        },
      }),
      on: { NEW_CARD_TAKEN: { target: 'reporting', actions: assign({ result: 'issued' }) } },
      after: {
        cardTakeTimeout: { target: 'retractingNewCard', actions: { type: 'fail', params: FAULT.notTaken } },
      },
    },

    retractingNewCard: {
      entry: 'markDevice',
      invoke: {
        id: 'retractNewCard',
        src: 'retractNewCard',
        input: ({ context }) => ({ sessionId: context.sessionId, cardNumber: cardNumber(context) }),
        onDone: { target: 'reporting', actions: assign({ result: 'retracted' }) },
        // where the card is, staff must see: reported as retracted with the device's fault
        onError: { target: 'reporting', actions: [assign({ result: 'retracted' }), 'failWithActorError'] },
      },
      on: {
        NEW_CARD_TAKEN: {
          target: 'reporting',
          actions: assign({ result: 'issued', outcome: undefined, error: undefined }),
        },
      },
      after: {
        stepTimeout: {
          target: 'reporting',
          actions: [assign({ result: 'retracted' }), { type: 'fail', params: FAULT.deviceTimeout }],
        },
      },
    },

    reporting: {
      entry: 'markDevice',
      invoke: {
        id: 'reportIssuance',
        src: 'reportIssuance',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          applicationId: applicationId(context),
          result: context.result ?? 'failed',
          ...(context.cardNumber ? { cardNumber: context.cardNumber } : {}),
        }),
        onDone: { target: 'done', actions: assign({ reported: true }) },
        // the journal recovery reports later
        onError: 'done',
      },
      after: { stepTimeout: 'done' },
    },

    done: {
      type: 'final',
      entry: assign({ deadline: undefined }),
    },
  },
});

export type IssueCardMachine = typeof issueCardMachine;

/**
 * One session per resident. Task of this file: the card-and-PIN road every card journey shares,
 * and the balance journey on it (RULES.md "Session and hall"):
 *
 *   chooseJourney → insertCard → cardIn.readingCard → cardIn.enterPin → cardIn.queryingBalance
 *   → cardIn.showBalance → ejectingCard → takeCard → ended
 *                                            └─(not taken)→ retractingCard → ended
 *
 * Before the card is in, CANCEL / a timeout end the session; once it is in, they eject it. Every
 * state that waits for a person has the step timeout (30 s) and accepts MORE_TIME; every state
 * that waits for a device or the host has the same timeout as a safety net to a safe state.
 *
 * Pure: devices and host are the actors of `SessionActorContracts`, provided by the daemon.
 * Delays come from the input; the deadline shown to the UI is stamped with `input.now()`.
 */
import { assign, fromPromise, setup } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import type { Journey } from '@kiosk/domain';
import { codedError, toCodedError } from '../coded-error.js';
import type {
  Balance,
  CardSummary,
  PinVerdict,
  SessionActorContracts,
  SessionContext,
  SessionEvent,
  SessionInput,
  SessionOutput,
} from './session.types.js';

/** Journeys this machine can carry today; others are refused as not offered. */
export const SESSION_JOURNEYS: readonly Journey[] = ['balance'];

function notProvided<K extends keyof SessionActorContracts>(name: K) {
  return fromPromise<SessionActorContracts[K]['output'], SessionActorContracts[K]['input']>(() =>
    Promise.reject(codedError(ErrorCode.INTERNAL, `The ${name} actor was not provided.`)),
  );
}

function cardOf(context: SessionContext): CardSummary {
  if (!context.card) throw new Error('no card in session context');
  return context.card;
}

const timedOut = codedError(
  ErrorCode.SESSION_TIMED_OUT,
  'No answer in time; the session ended for your safety.',
);

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
    output: {} as SessionOutput,
  },
  actors: {
    readCard: notProvided('readCard'),
    verifyPin: notProvided('verifyPin'),
    queryBalance: notProvided('queryBalance'),
    ejectCard: notProvided('ejectCard'),
    retractCard: notProvided('retractCard'),
  },
  delays: {
    stepTimeout: ({ context }) => context.timeouts.stepMs,
    cardTakeTimeout: ({ context }) => context.timeouts.cardTakeMs,
  },
  guards: {
    journeyAvailable: ({ context, event }) =>
      event.type === 'SELECT_JOURNEY' &&
      context.journeysOffered.includes(event.journey) &&
      SESSION_JOURNEYS.includes(event.journey),
  },
  actions: {
    /** a waiting step starts: stamp when it times out and when to offer more time */
    markStep: assign({
      deadline: ({ context }) => {
        const start = context.now();
        return { at: start + context.timeouts.stepMs, warnAt: start + context.timeouts.warnMs };
      },
    }),
    markCardTake: assign({
      deadline: ({ context }) => {
        const at = context.now() + context.timeouts.cardTakeMs;
        return { at, warnAt: at };
      },
    }),
    clearDeadline: assign({ deadline: undefined }),
    markTimedOut: assign({ outcome: 'timedOut', error: timedOut }),
    markCancelled: assign({ outcome: 'cancelled' }),
    markAborted: assign(({ event }) =>
      event.type === 'ABORT'
        ? { outcome: 'failed' as const, error: toCodedError(event) }
        : { outcome: 'failed' as const },
    ),
    refuseJourney: assign({
      error: codedError(ErrorCode.JOURNEY_NOT_OFFERED, 'This service is not available at this kiosk now.'),
    }),
    markCardRemoved: assign({
      outcome: 'failed',
      error: codedError(ErrorCode.CARD_REMOVED, 'The card was taken out too early; please start again.'),
    }),
    markCardNotTaken: assign({
      error: codedError(
        ErrorCode.CARD_NOT_TAKEN_RETRACTED,
        'The card was not taken and was kept by the kiosk; please ask staff at the counter.',
      ),
    }),
    /** the session is over: nothing personal stays in the snapshot */
    finish: assign(({ context }) => ({
      outcome: context.outcome ?? 'completed',
      card: undefined,
      balance: undefined,
      pin: { entered: 0 },
      deadline: undefined,
    })),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({
    sessionId: input.sessionId,
    timeouts: input.timeouts,
    pinLength: input.pinLength,
    journeysOffered: input.journeysOffered,
    now: input.now,
    journey: null,
    pin: { entered: 0 },
  }),
  initial: 'chooseJourney',
  output: ({ context }) => ({
    sessionId: context.sessionId,
    journey: context.journey,
    outcome: context.outcome ?? 'completed',
    error: context.error,
  }),
  states: {
    chooseJourney: {
      entry: 'markStep',
      on: {
        SELECT_JOURNEY: [
          {
            guard: 'journeyAvailable',
            target: 'insertCard',
            actions: assign({ journey: ({ event }) => event.journey, error: undefined }),
          },
          { actions: 'refuseJourney' },
        ],
        MORE_TIME: { target: 'chooseJourney', reenter: true },
        CANCEL: { target: 'ended', actions: 'markCancelled' },
        ABORT: { target: 'ended', actions: 'markAborted' },
      },
      after: { stepTimeout: { target: 'ended', actions: 'markTimedOut' } },
    },

    insertCard: {
      entry: 'markStep',
      on: {
        CARD_INSERTED: 'cardIn',
        MORE_TIME: { target: 'insertCard', reenter: true },
        CANCEL: { target: 'ended', actions: 'markCancelled' },
        ABORT: { target: 'ended', actions: 'markAborted' },
      },
      after: { stepTimeout: { target: 'ended', actions: 'markTimedOut' } },
    },

    /** the card is in the reader: every way out goes through ejectingCard */
    cardIn: {
      initial: 'readingCard',
      on: {
        CANCEL: { target: 'ejectingCard', actions: 'markCancelled' },
        ABORT: { target: 'ejectingCard', actions: 'markAborted' },
        CARD_REMOVED: { target: 'ended', actions: 'markCardRemoved' },
      },
      states: {
        readingCard: {
          entry: 'clearDeadline',
          invoke: {
            id: 'readCard',
            src: 'readCard',
            input: ({ context }) => ({ sessionId: context.sessionId }),
            onDone: {
              target: 'enterPin',
              actions: assign({ card: ({ event }) => event.output }),
            },
            onError: {
              target: '#session.ejectingCard',
              actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
            },
          },
          after: {
            stepTimeout: {
              target: '#session.ejectingCard',
              actions: assign({
                outcome: 'failed',
                error: codedError(ErrorCode.DEVICE_TIMEOUT, 'The card reader did not answer in time.'),
              }),
            },
          },
        },

        enterPin: {
          entry: assign({ pin: ({ context }) => ({ entered: 0, attemptsLeft: context.pin.attemptsLeft }) }),
          invoke: {
            id: 'verifyPin',
            src: 'verifyPin',
            input: ({ context }) => ({ sessionId: context.sessionId, length: context.pinLength }),
            onDone: [
              {
                guard: ({ event }) => event.output.result === 'ok',
                target: 'afterPin',
                actions: assign({ error: undefined, pin: ({ context }) => ({ entered: context.pinLength }) }),
              },
              {
                guard: ({ event }) => isWrongWithAttemptsLeft(event.output),
                target: 'enterPin',
                reenter: true,
                actions: assign({
                  pin: ({ event }) => ({ entered: 0, attemptsLeft: attemptsLeftOf(event.output) }),
                  error: codedError(ErrorCode.PIN_WRONG, 'Wrong PIN; please try again.'),
                }),
              },
              {
                guard: ({ event }) => event.output.result !== 'cancelled',
                target: '#session.ejectingCard',
                actions: assign({
                  outcome: 'failed',
                  pin: { entered: 0, attemptsLeft: 0 },
                  error: codedError(
                    ErrorCode.PIN_BLOCKED,
                    'The PIN is locked after too many wrong tries; unlock it with your ID card.',
                  ),
                }),
              },
              { target: '#session.ejectingCard', actions: 'markCancelled' },
            ],
            onError: {
              target: '#session.ejectingCard',
              actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
            },
          },
          initial: 'waiting',
          states: {
            /** restarted by every key: 30 s without a key ejects the card */
            waiting: {
              entry: 'markStep',
              after: { stepTimeout: { target: '#session.ejectingCard', actions: 'markTimedOut' } },
            },
          },
          on: {
            // internal: `waiting` (and its timer) starts again, verifyPin keeps running
            PIN_KEY: {
              target: '.waiting',
              actions: assign({
                pin: ({ context, event }) => ({
                  entered: Math.max(0, Math.min(context.pinLength, Math.trunc(event.entered))),
                  attemptsLeft: context.pin.attemptsLeft,
                }),
              }),
            },
            MORE_TIME: { target: '.waiting' },
          },
        },

        /** PIN verified: on to the journey chosen */
        afterPin: {
          always: [{ guard: ({ context }) => context.journey === 'balance', target: 'queryingBalance' }],
        },

        queryingBalance: {
          entry: 'clearDeadline',
          invoke: {
            id: 'queryBalance',
            src: 'queryBalance',
            input: ({ context }) => ({
              sessionId: context.sessionId,
              cardNumber: cardOf(context).cardNumber,
              idNumber: cardOf(context).idNumber,
            }),
            onDone: { target: 'showBalance', actions: assign({ balance: ({ event }) => event.output }) },
            onError: {
              target: '#session.ejectingCard',
              actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
            },
          },
          after: {
            stepTimeout: {
              target: '#session.ejectingCard',
              actions: assign({
                outcome: 'failed',
                error: codedError(ErrorCode.HOST_TIMEOUT, 'The back office did not answer in time.'),
              }),
            },
          },
        },

        showBalance: {
          entry: 'markStep',
          on: {
            FINISH: '#session.ejectingCard',
            MORE_TIME: { target: 'showBalance', reenter: true },
          },
          after: { stepTimeout: { target: '#session.ejectingCard', actions: 'markTimedOut' } },
        },
      },
    },

    ejectingCard: {
      entry: 'clearDeadline',
      invoke: {
        id: 'ejectCard',
        src: 'ejectCard',
        input: ({ context }) => ({ sessionId: context.sessionId }),
        onDone: 'takeCard',
        onError: {
          target: 'retractingCard',
          actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
        },
      },
      on: { CARD_TAKEN: 'ended', CARD_REMOVED: 'ended' },
      after: {
        stepTimeout: {
          target: 'retractingCard',
          actions: assign({
            outcome: 'failed',
            error: codedError(ErrorCode.DEVICE_TIMEOUT, 'The card reader did not return the card in time.'),
          }),
        },
      },
    },

    takeCard: {
      entry: 'markCardTake',
      on: { CARD_TAKEN: 'ended', CARD_REMOVED: 'ended' },
      after: { cardTakeTimeout: { target: 'retractingCard', actions: 'markCardNotTaken' } },
    },

    retractingCard: {
      entry: 'clearDeadline',
      invoke: {
        id: 'retractCard',
        src: 'retractCard',
        input: ({ context }) => ({ sessionId: context.sessionId }),
        onDone: { target: 'ended', actions: assign({ outcome: 'cardRetracted' }) },
        onError: {
          target: 'ended',
          actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
        },
      },
      after: {
        stepTimeout: {
          target: 'ended',
          actions: assign({
            outcome: 'failed',
            error: codedError(ErrorCode.DEVICE_TIMEOUT, 'The card reader did not retract the card in time.'),
          }),
        },
      },
    },

    ended: {
      type: 'final',
      entry: 'finish',
    },
  },
});

function isWrongWithAttemptsLeft(verdict: PinVerdict): boolean {
  return verdict.result === 'wrong' && verdict.attemptsLeft > 0;
}

function attemptsLeftOf(verdict: PinVerdict): number | undefined {
  return verdict.result === 'wrong' ? verdict.attemptsLeft : undefined;
}

export type SessionMachine = typeof sessionMachine;
export type { Balance };

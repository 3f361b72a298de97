/**
 * One session per resident: the card-and-PIN road every card journey shares, the balance
 * journey on it, and the other journeys as child machines (RULES.md "Session and hall"):
 *
 *   chooseJourney → insertCard → cardIn.readingCard → cardIn.enterPin → cardIn.queryingBalance
 *   → cardIn.showBalance → ejectingCard → takeCard → ended
 *                                            └─(not taken)→ retractingCard → ended
 *                                               (a reader that cannot capture: leavingCardInSlot)
 *
 *   Every end passes `leaving`: an ID card read in the session and still on its reader is asked
 *   to be taken first (takeIdCard, session-id-card-out.states).
 *
 *   cardIn.routing sends each card journey through what it still needs (PIN, ID card + face,
 *   each once per session) to its machine (records, withdrawal, activatePin); after a journey
 *   completes, cardIn.journeyDone offers another one until the card leaves. reportLoss runs
 *   without a card: noCard.identifying → noCard.reportingLoss → ended. A card whose PIN the chip
 *   says is locked goes back from readingCard for a journey that needs it (session-card-read.states).
 *
 * Before the card is in, CANCEL / a timeout end the session; once it is in, they eject it. Every
 * state that waits for a person has the step timeout (30 s) and accepts MORE_TIME; every state
 * that waits for a device or the host has the same timeout as a safety net to a safe state, but
 * the card moves (session-card-out.states): they end on the card reader's own bounded answer.
 *
 * Pure: devices and host are the actors of `SessionActorContracts`, provided by the daemon.
 * Delays come from the input; the deadline shown to the UI is stamped with `input.now()`.
 */
import { assign } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { codedError, toCodedError } from '../coded-error.js';
import {
  attemptsLeftOf,
  cardOf,
  HOST_SILENT,
  isWrongWithAttemptsLeft,
  sessionSetup,
} from './session.setup.js';
import {
  routing,
  identifyingHolder,
  records,
  withdrawing,
  newPin,
  journeyDone,
} from './session-card-journeys.states.js';
import { noCard } from './session-no-card.states.js';
import { checkingCard, readingCard } from './session-card-read.states.js';
import {
  accountingForCard,
  ejectingCard,
  leavingCardInSlot,
  retractingCard,
  takeCard,
} from './session-card-out.states.js';
import { leaving, takeIdCard } from './session-id-card-out.states.js';

export { SESSION_JOURNEYS_BUILT } from './session-journeys.js';

export const sessionMachine = sessionSetup.createMachine({
  id: 'session',
  context: ({ input }) => ({
    sessionId: input.sessionId,
    timeouts: input.timeouts,
    pinLength: input.pinLength,
    journeysOffered: input.journeysOffered,
    now: input.now,
    ...(input.idCardLeft ? { idCardLeft: input.idCardLeft } : {}),
    ...(input.readerCaptures ? { readerCaptures: input.readerCaptures } : {}),
    journeyOptions: input.journeyOptions ?? {},
    journey: null,
    pin: { entered: 0 },
    pinVerified: false,
    identified: false,
    cardRemoved: false,
    aborted: false,
    results: [],
  }),
  initial: 'chooseJourney',
  output: ({ context }) => ({
    sessionId: context.sessionId,
    journey: context.journey,
    outcome: context.outcome ?? 'completed',
    error: context.error,
    results: context.results,
    ...(context.cardUnaccounted ? { cardUnaccounted: context.cardUnaccounted } : {}),
    ...(context.idCardNotTaken ? { idCardNotTaken: true as const } : {}),
    ...(context.cardLeftInSlot ? { cardLeftInSlot: true as const } : {}),
    ...(context.pinLocked ? { pinLocked: true as const } : {}),
  }),
  states: {
    chooseJourney: {
      entry: 'markStep',
      on: {
        SELECT_JOURNEY: [
          { guard: 'cardJourneyAvailable', target: 'insertCard', actions: 'chooseJourney' },
          { guard: 'journeyAvailable', target: 'noCard', actions: 'chooseJourney' },
          { actions: 'refuseJourney' },
        ],
        MORE_TIME: { target: 'chooseJourney', reenter: true },
        CANCEL: { target: 'leaving', actions: 'markCancelled' },
        ABORT: { target: 'leaving', actions: 'markAborted' },
      },
      after: { stepTimeout: { target: 'leaving', actions: 'markTimedOut' } },
    },

    insertCard: {
      entry: 'markStep',
      on: {
        CARD_INSERTED: 'cardIn',
        MORE_TIME: { target: 'insertCard', reenter: true },
        CANCEL: { target: 'leaving', actions: 'markCancelled' },
        ABORT: { target: 'leaving', actions: 'markAborted' },
      },
      after: { stepTimeout: { target: 'leaving', actions: 'markTimedOut' } },
    },

    /** the card is in the reader: every way out goes through ejectingCard */
    cardIn: {
      initial: 'readingCard',
      on: {
        CANCEL: { target: 'ejectingCard', actions: 'markCancelled' },
        ABORT: { target: 'ejectingCard', actions: 'markAborted' },
        CARD_REMOVED: { target: 'leaving', actions: 'markCardRemoved' },
      },
      states: {
        readingCard,

        enterPin: {
          entry: assign({ pin: ({ context }) => ({ entered: 0, attemptsLeft: context.pin.attemptsLeft }) }),
          invoke: {
            id: 'verifyPin',
            src: 'verifyPin',
            input: ({ context }) => ({
              sessionId: context.sessionId,
              length: context.pinLength,
              ...(context.journey === 'changePin' ? { journey: context.journey } : {}),
            }),
            onDone: [
              {
                guard: ({ event }) => event.output.result === 'ok',
                target: 'routing',
                actions: assign({
                  error: undefined,
                  pinVerified: true,
                  pin: ({ context }) => ({ entered: context.pinLength }),
                }),
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
                  pinLocked: true as const,
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
                pin: ({ context, event }) => {
                  const entered = Math.max(0, Math.min(context.pinLength, Math.trunc(event.entered)));
                  return {
                    entered,
                    attemptsLeft: context.pin.attemptsLeft,
                    // Enter on a whole PIN: the card checks it now (not merely the last digit typed)
                    ...(event.submitted === true && entered >= context.pinLength ? { submitted: true } : {}),
                  };
                },
              }),
            },
            MORE_TIME: { target: '.waiting' },
          },
        },

        checkingCard,
        routing,
        identifyingHolder,
        records,
        withdrawing,
        newPin,
        journeyDone,

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
              actions: { type: 'markFailed', params: HOST_SILENT },
            },
          },
        },

        showBalance: {
          entry: 'markStep',
          on: {
            FINISH: '#session.ejectingCard',
            MORE_TIME: { target: 'showBalance', reenter: true },
            SELECT_JOURNEY: [
              {
                guard: 'cardJourneyAvailable',
                target: 'checkingCard',
                actions: ['chooseJourney', assign({ balance: undefined })],
              },
              { actions: 'refuseJourney' },
            ],
          },
          after: { stepTimeout: { target: '#session.ejectingCard', actions: 'markTimedOut' } },
        },
      },
    },

    noCard,

    ejectingCard,
    takeCard,
    retractingCard,
    leavingCardInSlot,
    accountingForCard,

    leaving,
    takeIdCard,

    ended: {
      type: 'final',
      entry: 'finish',
    },
  },
});

export type SessionMachine = typeof sessionMachine;
export type { Balance } from './session.types.js';

/** The session machine's setup: its types, actors (device and host promises, journey machines),
 * delays, guards and actions, shared by the files that hold its states. */
import { assign, forwardTo, fromPromise, sendTo, setup } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { codedError, toCodedError, type CodedError } from '../coded-error.js';
import { cardMoveBackstopMs } from '../card-move-backstop.js';
import { newPinMachine } from '../journeys/new-pin/new-pin.machine.js';
import { identifyMachine } from '../journeys/identify/identify.machine.js';
import { recordsMachine } from '../journeys/records/records.machine.js';
import { reportLossMachine } from '../journeys/report-loss/report-loss.machine.js';
import { issueCardMachine } from '../journeys/issue-card/issue-card.machine.js';
import { withdrawalMachine } from '../journeys/withdrawal/withdrawal.machine.js';
import type { JourneyOutputBase } from '../journeys/journey.types.js';
import type { IdentifyOutput } from '../journeys/identify/identify.machine.js';
import { isCardJourney, journeyAvailable, needsIdAndFace, needsPin, outcomeOf } from './session-journeys.js';
import type {
  CardMove,
  CardSummary,
  PinVerdict,
  JourneyResult,
  SessionActorContracts,
  SessionContext,
  SessionEvent,
  SessionInput,
  SessionOutput,
} from './session.types.js';

function notProvided<K extends keyof SessionActorContracts>(name: K) {
  return fromPromise<SessionActorContracts[K]['output'], SessionActorContracts[K]['input']>(() =>
    Promise.reject(codedError(ErrorCode.INTERNAL, `The ${name} actor was not provided.`)),
  );
}

export function cardOf(context: SessionContext): CardSummary {
  if (!context.card) throw new Error('no card in session context');
  return context.card;
}

/** The session's record of a journey machine's end: its result, and its outcome unless completed. */
export function afterJourney(context: SessionContext, result: JourneyResult): Partial<SessionContext> {
  const output: JourneyOutputBase = result.output;
  // an ABORT already set the session's failure; the journey only reports it was cancelled
  const kept = context.outcome === 'failed' && output.outcome === 'cancelled';
  return { results: [...context.results, result], ...(kept ? {} : outcomeOf(output)) };
}

/** Events the resident or the daemon sends that a running journey machine answers. */
const FORWARDED = [
  'MORE_TIME',
  'FINISH',
  'RETRY',
  'CONFIRM',
  'PRINT',
  'AMOUNT_CHOSEN',
  'SPECIAL_WITHDRAWAL',
  'CASH_TAKEN',
  'CASH_GONE_UNSEEN',
  'PIN_KEY',
  'PIN_STAGE',
  'PAY_WITH',
  'REPLACEMENT_REASON',
  'NEW_CARD_TAKEN',
  'ID_CARD_REMOVED',
  'PRINTER_CHANGED',
  'CANCEL',
] as const;
export const forwardToJourney = Object.fromEntries(
  FORWARDED.map((type) => [
    type,
    // the printer came or went: kept by the session too, for "anything else?" and the next records
    { actions: type === 'PRINTER_CHANGED' ? [forwardTo('journey'), 'notePrinter'] : forwardTo('journey') },
  ]),
);

/** the host did not answer within the step (a card check, a balance) */
export const HOST_SILENT = codedError(ErrorCode.HOST_TIMEOUT, 'The back office did not answer in time.');

const timedOut = codedError(
  ErrorCode.SESSION_TIMED_OUT,
  'No answer in time; the session ended for your safety.',
);

export const sessionSetup = setup({
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
    checkCard: notProvided('checkCard'),
    ejectCard: notProvided('ejectCard'),
    retractCard: notProvided('retractCard'),
    leaveCardInSlot: notProvided('leaveCardInSlot'),
    accountForCard: notProvided('accountForCard'),
    identifyJourney: identifyMachine,
    recordsJourney: recordsMachine,
    withdrawalJourney: withdrawalMachine,
    newPinJourney: newPinMachine,
    reportLossJourney: reportLossMachine,
    issueCardJourney: issueCardMachine,
  },
  delays: {
    stepTimeout: ({ context }) => context.timeouts.stepMs,
    cardTakeTimeout: ({ context }) => context.timeouts.cardTakeMs,
    cardMoveBackstop: ({ context }) => cardMoveBackstopMs(context.timeouts.cardMoveMs),
  },
  guards: {
    journeyAvailable: ({ context, event }) =>
      event.type === 'SELECT_JOURNEY' && journeyAvailable(context, event.journey),
    cardJourneyAvailable: ({ context, event }) =>
      event.type === 'SELECT_JOURNEY' &&
      journeyAvailable(context, event.journey) &&
      isCardJourney(event.journey),
    needsPin: ({ context }) => needsPin(context.journey) && !context.pinVerified,
    needsIdAndFace: ({ context }) => needsIdAndFace(context.journey) && !context.identified,
    cardRemoved: ({ context }) => context.cardRemoved,
    aborted: ({ context }) => context.aborted,
    /** a reader without a capture bin (a motorless presence reader): a card not taken stays in its slot */
    readerCannotCapture: ({ context }) => context.readerCaptures?.() === false,
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
    /** the receipt printer can print now or not (PRINTER_CHANGED), for the records journeys to come */
    notePrinter: assign(({ context, event }) =>
      event.type === 'PRINTER_CHANGED'
        ? {
            journeyOptions: {
              ...context.journeyOptions,
              records: { ...context.journeyOptions.records, printAvailable: event.printAvailable },
            },
          }
        : {},
    ),
    markTimedOut: assign({ outcome: 'timedOut', error: timedOut }),
    /** a device or the host did not answer within the step: the session fails with `error` */
    markFailed: assign((_, error: CodedError) => ({ outcome: 'failed' as const, error })),
    markCancelled: assign({ outcome: 'cancelled' }),
    /** changing the PIN asks for the current one again, even after another journey verified it:
     * the card's CHANGE REFERENCE DATA needs it */
    chooseJourney: assign(({ event }) => {
      if (event.type !== 'SELECT_JOURNEY') return {};
      return event.journey === 'changePin'
        ? { journey: event.journey, error: undefined, pinVerified: false }
        : { journey: event.journey, error: undefined };
    }),
    /** the kiosk must stop: the running journey machine is asked to end safely */
    abortJourney: sendTo('journey', { type: 'CANCEL' }),
    markAborted: assign(({ event }) =>
      event.type === 'ABORT'
        ? { aborted: true, outcome: 'failed' as const, error: toCodedError(event) }
        : { aborted: true, outcome: 'failed' as const },
    ),
    refuseJourney: assign({
      error: codedError(ErrorCode.JOURNEY_NOT_OFFERED, 'This service is not available at this kiosk now.'),
    }),
    markCardRemoved: assign({
      outcome: 'failed',
      error: codedError(ErrorCode.CARD_REMOVED, 'The card was taken out too early; please start again.'),
    }),
    /** the reader never answered the card move: the card's whereabouts are left for field staff */
    markCardUnaccounted: assign((_, act: CardMove) => ({
      outcome: 'failed' as const,
      cardUnaccounted: act,
      error: codedError(
        ErrorCode.DEVICE_TIMEOUT,
        'The card reader did not answer; your card stays in the kiosk for staff. Please ask at the counter.',
      ),
    })),
    markCardNotTaken: assign({
      error: codedError(
        ErrorCode.CARD_NOT_TAKEN_RETRACTED,
        'The card was not taken and was kept by the kiosk; please ask staff at the counter.',
      ),
    }),
    /** not taken, and the reader cannot capture it: the card stays in the slot, the resident told to take it */
    markCardLeftInSlot: assign({
      outcome: 'failed',
      cardLeftInSlot: true as const,
      error: codedError(ErrorCode.CARD_LEFT_IN_SLOT, 'Your card is still in the slot; please take it now.'),
    }),
    /** the session is over: nothing personal stays in the snapshot */
    finish: assign(({ context }) => ({
      outcome: context.outcome ?? 'completed',
      card: undefined,
      resident: undefined,
      balance: undefined,
      pin: { entered: 0 },
      deadline: undefined,
    })),
  },
});

// the card steps' backstop (the damaged-card hand-in's capture uses it too)
export { CARD_MOVE_MARGIN_MS, cardMoveBackstopMs } from '../card-move-backstop.js';

export function isWrongWithAttemptsLeft(verdict: PinVerdict): boolean {
  return verdict.result === 'wrong' && verdict.attemptsLeft > 0;
}

export function attemptsLeftOf(verdict: PinVerdict): number | undefined {
  return verdict.result === 'wrong' ? verdict.attemptsLeft : undefined;
}

export function identifyResult(output: IdentifyOutput): JourneyResult {
  const { resident: _resident, ...rest } = output;
  return { journey: 'identify', output: rest };
}

export function withdrawalOptionsOf(context: SessionContext) {
  const options = context.journeyOptions.withdrawal;
  if (!options) throw new Error('withdrawal options missing');
  return options;
}

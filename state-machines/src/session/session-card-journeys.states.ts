/** The session's states that run journey machines while the card is in, and the routing to them. */
import { assign } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { codedError } from '../coded-error.js';
import { isPrintRequired } from '../journeys/records/records-rule.js';
import {
  newPinJourneyOf,
  newPinPurposeOf,
  recordsPrintElsewhere,
  recordsPrintPending,
} from './session-journeys.js';
import {
  afterJourney,
  cardOf,
  forwardToJourney,
  identifyResult,
  sessionSetup,
  withdrawalOptionsOf,
} from './session.setup.js';

const activationUnfinished = codedError(
  ErrorCode.ACTIVATION_UNFINISHED,
  'The card was taken out while its new PIN was written: choose “Reset PIN” with your ID card to finish the activation.',
);
const printRequired = codedError(
  ErrorCode.CARD_RECORDS_PRINT_REQUIRED,
  'Your card holds too many unprinted records; print them here to keep using the card.',
);
const printElsewhere = codedError(
  ErrorCode.CARD_RECORDS_PRINT_REQUIRED,
  'Your card holds too many unprinted records and this kiosk cannot print now; print them at another kiosk to keep using the card.',
);

/** transient: what the chosen journey still needs, then the journey itself */
export const routing = sessionSetup.createStateConfig({
  always: [
    {
      // a card made this session, then inserted to activate: it must be the identified resident's
      guard: ({ context }) =>
        context.resident !== undefined && context.card?.idNumber !== context.resident.idNumber,
      target: '#session.ejectingCard',
      actions: assign({
        outcome: 'failed',
        error: codedError(
          ErrorCode.ID_MISMATCH,
          'This card does not belong to the person identified; please take it back.',
        ),
      }),
    },
    { guard: 'needsPin', target: 'enterPin' },
    { guard: 'needsIdAndFace', target: 'identifyingHolder' },
    { guard: ({ context }) => context.journey === 'balance', target: 'queryingBalance' },
    { guard: ({ context }) => context.journey === 'records', target: 'records' },
    { guard: ({ context }) => context.journey === 'withdraw', target: 'withdrawing' },
    { guard: ({ context }) => newPinPurposeOf(context.journey) !== undefined, target: 'newPin' },
    {
      target: '#session.ejectingCard',
      actions: assign({
        outcome: 'failed',
        error: codedError(ErrorCode.JOURNEY_NOT_OFFERED, 'This service is not available at this kiosk now.'),
      }),
    },
  ],
});

/** the resident ID card must be the card holder's, and the face must match it */
export const identifyingHolder = sessionSetup.createStateConfig({
  entry: 'clearDeadline',
  invoke: {
    id: 'journey',
    src: 'identifyJourney',
    input: ({ context }) => ({
      sessionId: context.sessionId,
      timeouts: context.timeouts,
      now: context.now,
      expectedIdNumber: cardOf(context).idNumber,
      ...context.journeyOptions.identify,
    }),
    onDone: [
      {
        guard: ({ event }) => event.output.outcome === 'completed',
        target: 'routing',
        actions: assign(({ context, event }) => ({
          identified: true,
          error: undefined,
          results: [...context.results, identifyResult(event.output)],
        })),
      },
      {
        target: '#session.ejectingCard',
        actions: assign(({ context, event }) => afterJourney(context, identifyResult(event.output))),
      },
    ],
  },
  on: { ...forwardToJourney, ABORT: { actions: ['markAborted', 'abortJourney'] } },
});

export const records = sessionSetup.createStateConfig({
  entry: 'clearDeadline',
  invoke: {
    id: 'journey',
    src: 'recordsJourney',
    input: ({ context }) => ({
      sessionId: context.sessionId,
      timeouts: context.timeouts,
      now: context.now,
      cardNumber: cardOf(context).cardNumber,
      idNumber: cardOf(context).idNumber,
      printAvailable: context.journeyOptions.records?.printAvailable ?? false,
      printLimit: context.journeyOptions.records?.printLimit,
      screenLimit: context.journeyOptions.records?.screenLimit,
    }),
    onDone: [
      {
        // a card at its unprinted limit came to be printed: left unprinted, it goes back with why,
        // and no other journey runs on it (RULES.md: it refuses further use until printed)
        guard: ({ context, event }) =>
          !event.output.printed &&
          isPrintRequired(event.output.unprintedCount, context.journeyOptions.records?.printLimit),
        target: '#session.ejectingCard',
        actions: assign(({ context, event }) => ({
          ...afterJourney(context, { journey: 'records', output: event.output }),
          // finished without printing: the card goes back failed, saying why (a cancel or a
          // timeout keeps its own outcome)
          ...(event.output.outcome === 'completed' && context.outcome !== 'failed'
            ? { outcome: 'failed' as const, error: printRequired }
            : {}),
        })),
      },
      {
        guard: ({ event }) => event.output.outcome === 'completed',
        target: 'journeyDone',
        actions: assign(({ context, event }) =>
          afterJourney(context, { journey: 'records', output: event.output }),
        ),
      },
      {
        target: '#session.ejectingCard',
        actions: assign(({ context, event }) =>
          afterJourney(context, { journey: 'records', output: event.output }),
        ),
      },
    ],
  },
  on: { ...forwardToJourney, ABORT: { actions: ['markAborted', 'abortJourney'] } },
});

/** money in flight: CANCEL and ABORT are the journey's to honour, a pulled card waits */
export const withdrawing = sessionSetup.createStateConfig({
  entry: 'clearDeadline',
  invoke: {
    id: 'journey',
    src: 'withdrawalJourney',
    input: ({ context }) => ({
      sessionId: context.sessionId,
      timeouts: context.timeouts,
      now: context.now,
      cardNumber: cardOf(context).cardNumber,
      idNumber: cardOf(context).idNumber,
      ...withdrawalOptionsOf(context),
    }),
    onDone: [
      {
        guard: 'cardRemoved',
        target: '#session.leaving',
        actions: assign(({ context, event }) =>
          afterJourney(context, { journey: 'withdraw', output: event.output }),
        ),
      },
      {
        guard: ({ event }) => event.output.outcome === 'completed',
        target: 'journeyDone',
        actions: assign(({ context, event }) =>
          afterJourney(context, { journey: 'withdraw', output: event.output }),
        ),
      },
      {
        target: '#session.ejectingCard',
        actions: assign(({ context, event }) =>
          afterJourney(context, { journey: 'withdraw', output: event.output }),
        ),
      },
    ],
  },
  on: {
    ...forwardToJourney,
    ABORT: { actions: ['markAborted', 'abortJourney'] },
    CARD_REMOVED: { actions: assign({ cardRemoved: true }) },
  },
});

/** activate, change or reset the PIN: one machine, the purpose from the journey */
export const newPin = sessionSetup.createStateConfig({
  entry: 'clearDeadline',
  invoke: {
    id: 'journey',
    src: 'newPinJourney',
    input: ({ context }) => ({
      sessionId: context.sessionId,
      timeouts: context.timeouts,
      now: context.now,
      cardNumber: cardOf(context).cardNumber,
      idNumber: cardOf(context).idNumber,
      pinLength: context.pinLength,
      purpose: newPinPurposeOf(context.journey) ?? 'change',
    }),
    onDone: [
      {
        // the new PIN is the card's PIN now: another journey asks for it again, the card's tries
        // full (a reset restores them, a change or an activation verified the PIN before): none kept
        guard: ({ event }) => event.output.outcome === 'completed',
        target: 'journeyDone',
        actions: assign(({ context, event }) => ({
          ...afterJourney(context, { journey: newPinJourneyOf(context), output: event.output }),
          pinVerified: false,
          pin: { entered: 0 },
        })),
      },
      {
        target: '#session.ejectingCard',
        actions: assign(({ context, event }) =>
          afterJourney(context, { journey: newPinJourneyOf(context), output: event.output }),
        ),
      },
    ],
  },
  on: {
    ...forwardToJourney,
    ABORT: { actions: ['markAborted', 'abortJourney'] },
    // pulled while an activation's new PIN was written: the chip may hold a PIN the host never
    // activated, so the resident is sent to the reset road (which sets it and activates the card)
    CARD_REMOVED: {
      target: '#session.leaving',
      actions: [
        'markCardRemoved',
        assign(({ context, self }) =>
          context.journey === 'activatePin' &&
          self.getSnapshot().children.journey?.getSnapshot().value === 'saving'
            ? { error: activationUnfinished }
            : {},
        ),
      ],
    },
  },
});

/** "anything else?": another journey with the same identification, or the card back */
export const journeyDone = sessionSetup.createStateConfig({
  entry: 'markStep',
  // the kiosk is stopping: a journey that had to finish (money in flight) did; the card goes back
  always: { guard: 'aborted', target: '#session.ejectingCard' },
  on: {
    SELECT_JOURNEY: [
      {
        // ... and no printer now: the records would only be shown, then the resident sent elsewhere;
        // every journey refused here at once in the screen's words, the card kept for FINISH
        guard: ({ context }) => recordsPrintElsewhere(context),
        actions: assign({ error: printElsewhere }),
      },
      {
        // the card at its unprinted limit (a withdrawal's record): only printing the records may
        // follow; another journey is refused here, the card kept for that or for FINISH (RULES.md)
        guard: ({ context, event }) => event.journey !== 'records' && recordsPrintPending(context.results),
        actions: assign({ error: printRequired }),
      },
      { guard: 'cardJourneyAvailable', target: 'checkingCard', actions: 'chooseJourney' },
      { actions: 'refuseJourney' },
    ],
    FINISH: '#session.ejectingCard',
    MORE_TIME: { target: 'journeyDone', reenter: true },
    PRINTER_CHANGED: { actions: 'notePrinter' },
  },
  after: { stepTimeout: '#session.ejectingCard' },
});

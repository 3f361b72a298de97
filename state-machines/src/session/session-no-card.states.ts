/**
 * The session's journeys without a card in the reader, after the ID card and the face: a lost
 * card reported, or a card made on the spot (new or replacement), then "activate it now?".
 */
import { assign } from 'xstate';
import { afterJourney, forwardToJourney, identifyResult, sessionSetup } from './session.setup.js';
import type { SessionContext } from './session.types.js';

function issuanceJourneyOf(context: SessionContext): 'issueCard' | 'replaceCard' {
  return context.journey === 'replaceCard' ? 'replaceCard' : 'issueCard';
}

/** journeys without the card in the reader */
export const noCard = sessionSetup.createStateConfig({
  initial: 'identifying',
  on: { ABORT: { actions: ['markAborted', 'abortJourney'] } },
  states: {
    identifying: {
      invoke: {
        id: 'journey',
        src: 'identifyJourney',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          timeouts: context.timeouts,
          now: context.now,
          ...context.journeyOptions.identify,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.outcome === 'completed' && event.output.resident !== undefined,
            target: 'afterIdentifying',
            actions: assign(({ context, event }) => ({
              identified: true,
              resident: event.output.resident
                ? { idNumber: event.output.resident.idNumber, name: event.output.resident.name }
                : undefined,
              results: [...context.results, identifyResult(event.output)],
            })),
          },
          {
            target: '#session.leaving',
            actions: assign(({ context, event }) => afterJourney(context, identifyResult(event.output))),
          },
        ],
      },
      on: forwardToJourney,
    },
    /** transient: on to the journey chosen */
    afterIdentifying: {
      always: [
        { guard: ({ context }) => context.journey === 'reportLoss', target: 'reportingLoss' },
        { target: 'issuing' },
      ],
    },
    issuing: {
      invoke: {
        id: 'journey',
        src: 'issueCardJourney',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          timeouts: context.timeouts,
          now: context.now,
          kind: context.journey === 'replaceCard' ? ('replacement' as const) : ('new' as const),
          idNumber: context.resident?.idNumber ?? '',
          cardTakeMs: context.timeouts.cardTakeMs,
          cardMoveMs: context.timeouts.cardMoveMs,
          ...context.journeyOptions.issue,
        }),
        onDone: [
          {
            // the damaged card's hand-in failed with the card neither captured nor given back: it
            // is accounted for after the move that failed (the capture, or someone else's card's eject)
            guard: ({ event }) => event.output.oldCardUnaccounted !== undefined,
            target: '#session.accountingForCard',
            actions: assign(({ context, event }) => ({
              ...afterJourney(context, { journey: issuanceJourneyOf(context), output: event.output }),
              cardUnaccounted: event.output.oldCardUnaccounted,
            })),
          },
          {
            guard: ({ event }) => event.output.outcome === 'completed',
            target: 'issued',
            actions: assign(({ context, event }) =>
              afterJourney(context, { journey: issuanceJourneyOf(context), output: event.output }),
            ),
          },
          {
            // someone else's card refused at the hand-in lies at the slot: taken, or retracted
            // after the take timeout like the resident's own card (never left in a public hall)
            guard: ({ event }) => event.output.oldCardAtSlot === true,
            target: '#session.takeCard',
            actions: assign(({ context, event }) =>
              afterJourney(context, { journey: issuanceJourneyOf(context), output: event.output }),
            ),
          },
          {
            target: '#session.leaving',
            actions: assign(({ context, event }) =>
              afterJourney(context, { journey: issuanceJourneyOf(context), output: event.output }),
            ),
          },
        ],
      },
      on: forwardToJourney,
    },
    /** "your new card: activate it now?" (the card goes into the reader) */
    issued: {
      entry: 'markStep',
      on: {
        SELECT_JOURNEY: [
          { guard: 'cardJourneyAvailable', target: '#session.insertCard', actions: 'chooseJourney' },
          { actions: 'refuseJourney' },
        ],
        FINISH: '#session.leaving',
        CANCEL: '#session.leaving',
        MORE_TIME: { target: 'issued', reenter: true },
      },
      after: { stepTimeout: '#session.leaving' },
    },
    reportingLoss: {
      invoke: {
        id: 'journey',
        src: 'reportLossJourney',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          timeouts: context.timeouts,
          now: context.now,
          idNumber: context.resident?.idNumber ?? '',
          allowUnfreeze: context.journeyOptions.reportLoss?.allowUnfreeze ?? false,
        }),
        onDone: {
          target: '#session.leaving',
          actions: assign(({ context, event }) =>
            afterJourney(context, { journey: 'reportLoss', output: event.output }),
          ),
        },
      },
      on: forwardToJourney,
    },
  },
});

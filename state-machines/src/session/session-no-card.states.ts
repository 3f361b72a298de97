/** The session's journey without a card in the reader: a lost card reported by ID card + face. */
import { assign } from 'xstate';
import { afterJourney, forwardToJourney, identifyResult, sessionSetup } from './session.setup.js';

/** a journey without the card in the reader: the lost-card report */
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
            target: 'reportingLoss',
            actions: assign(({ context, event }) => ({
              identified: true,
              resident: event.output.resident
                ? { idNumber: event.output.resident.idNumber, name: event.output.resident.name }
                : undefined,
              results: [...context.results, identifyResult(event.output)],
            })),
          },
          {
            target: '#session.ended',
            actions: assign(({ context, event }) => afterJourney(context, identifyResult(event.output))),
          },
        ],
      },
      on: forwardToJourney,
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
        }),
        onDone: {
          target: '#session.ended',
          actions: assign(({ context, event }) =>
            afterJourney(context, { journey: 'reportLoss', output: event.output }),
          ),
        },
      },
      on: forwardToJourney,
    },
  },
});

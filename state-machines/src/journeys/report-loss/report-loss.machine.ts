/**
 * Temporary loss report (临时挂失, RULES.md "The social-security card"): the card is lost, so the
 * resident is identified by the resident ID card and a face match (the session's identify
 * journey) and the host freezes the card; the freeze lapses after 15 days unless confirmed.
 * With `allowUnfreeze`, a card found again is unfrozen (解挂) on the same road.
 *
 *   loadingCards → confirmLoss → (CONFIRM) reporting → reported → done
 *               └→ confirmUnfreeze → (CONFIRM) unfreezing → unfrozen → done
 */
import { assign, setup } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { codedError, toCodedError } from '../../coded-error.js';
import type { CodedError } from '../../coded-error.js';
import { unprovidedActors } from '../../promise-actors.js';
import type { SessionDeadline } from '../../session/session.types.js';
import { deviceDeadline, stepDeadline } from '../journey.types.js';
import type { JourneyInputBase, JourneyOutcome, JourneyOutputBase } from '../journey.types.js';

export type CardState = 'made' | 'active' | 'temporarilyLost' | 'lost' | 'cancelled' | 'expired';

export interface ResidentCard {
  readonly cardNumber: string;
  readonly state: CardState;
}

export interface ReportLossInput extends JourneyInputBase {
  /** from the identify journey: the resident's own ID number */
  readonly idNumber: string;
  /** offer to unfreeze a temporarily lost card (needs the `unfreezeCard` actor) */
  readonly allowUnfreeze?: boolean;
}

export interface ReportLossContext extends ReportLossInput {
  readonly card?: ResidentCard;
  /** YYYY-MM-DD: the day the temporary loss lapses back to active */
  readonly lapsesOn?: string;
  readonly action?: 'reported' | 'unfrozen';
  readonly error?: CodedError;
  readonly outcome?: JourneyOutcome;
  readonly deadline?: SessionDeadline;
}

export type ReportLossEvent =
  | { readonly type: 'CONFIRM' }
  | { readonly type: 'FINISH' }
  | { readonly type: 'MORE_TIME' }
  | { readonly type: 'CANCEL' };

export interface ReportLossOutput extends JourneyOutputBase {
  /** what was done, when completed */
  readonly action?: 'reported' | 'unfrozen';
  readonly cardNumber?: string;
  readonly lapsesOn?: string;
}

export interface ReportLossActorContracts {
  /** the resident's cards and their states, from the host */
  /** lift a temporary loss report at the host (only when `allowUnfreeze`) */
  readonly unfreezeCard: {
    readonly input: { readonly sessionId: string; readonly idNumber: string; readonly cardNumber: string };
    readonly output: void;
  };
  readonly listResidentCards: {
    readonly input: { readonly sessionId: string; readonly idNumber: string };
    readonly output: { readonly cards: readonly ResidentCard[] };
  };
  /** freeze the card at the host (idempotent by the daemon's key); the lapse day when the host gave one */
  readonly reportTemporaryLoss: {
    readonly input: { readonly sessionId: string; readonly idNumber: string; readonly cardNumber: string };
    readonly output: { readonly lapsesOn?: string };
  };
}

export const REPORT_LOSS_ACTOR_NAMES = [
  'unfreezeCard',
  'listResidentCards',
  'reportTemporaryLoss',
] as const satisfies readonly (keyof ReportLossActorContracts)[];

const FAULT = {
  noCard: codedError(
    ErrorCode.CARD_NOT_FOUND,
    'No card in use was found for you; please ask at a service counter.',
  ),
  alreadyReported: codedError(
    ErrorCode.CARD_STATE_CONFLICT,
    'Your card is already reported lost; to confirm or undo it, please go to a service counter.',
  ),
  hostTimeout: codedError(
    ErrorCode.HOST_TIMEOUT,
    'The back office did not answer in time; nothing was changed.',
  ),
  timedOut: codedError(ErrorCode.SESSION_TIMED_OUT, 'No answer in time; the card was not reported lost.'),
};

const REPORTED_ALREADY: readonly CardState[] = ['temporarilyLost', 'lost'];

export const reportLossMachine = setup({
  types: {
    context: {} as ReportLossContext,
    events: {} as ReportLossEvent,
    input: {} as ReportLossInput,
    output: {} as ReportLossOutput,
  },
  actors: unprovidedActors<ReportLossActorContracts>(REPORT_LOSS_ACTOR_NAMES),
  delays: {
    stepTimeout: ({ context }) => context.timeouts.stepMs,
  },
  actions: {
    markStep: assign({ deadline: ({ context }) => stepDeadline(context) }),
    markDevice: assign({ deadline: ({ context }) => deviceDeadline(context) }),
    fail: assign((_, error: CodedError) => ({ outcome: 'failed' as const, error })),
  },
}).createMachine({
  id: 'reportLoss',
  context: ({ input }) => ({ ...input }),
  initial: 'loadingCards',
  output: ({ context }) => ({
    outcome: context.outcome ?? 'completed',
    error: context.error,
    cardNumber: context.card?.cardNumber,
    lapsesOn: context.lapsesOn,
    action: context.action,
  }),
  states: {
    loadingCards: {
      entry: 'markDevice',
      invoke: {
        id: 'listResidentCards',
        src: 'listResidentCards',
        input: ({ context }) => ({ sessionId: context.sessionId, idNumber: context.idNumber }),
        onDone: [
          {
            guard: ({ event }) => event.output.cards.some((c) => c.state === 'active'),
            target: 'confirmLoss',
            actions: assign({ card: ({ event }) => event.output.cards.find((c) => c.state === 'active') }),
          },
          {
            guard: ({ context, event }) =>
              context.allowUnfreeze === true && event.output.cards.some((c) => c.state === 'temporarilyLost'),
            target: 'confirmUnfreeze',
            actions: assign({
              card: ({ event }) => event.output.cards.find((c) => c.state === 'temporarilyLost'),
            }),
          },
          {
            guard: ({ event }) => event.output.cards.some((c) => REPORTED_ALREADY.includes(c.state)),
            target: 'done',
            actions: { type: 'fail', params: FAULT.alreadyReported },
          },
          { target: 'done', actions: { type: 'fail', params: FAULT.noCard } },
        ],
        onError: {
          target: 'done',
          actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
        },
      },
      after: { stepTimeout: { target: 'done', actions: { type: 'fail', params: FAULT.hostTimeout } } },
    },

    /** "report card H41******101 lost?" */
    confirmLoss: {
      entry: 'markStep',
      on: {
        CONFIRM: 'reporting',
        CANCEL: { target: 'done', actions: assign({ outcome: 'cancelled' }) },
        MORE_TIME: { target: 'confirmLoss', reenter: true },
      },
      after: {
        stepTimeout: { target: 'done', actions: assign({ outcome: 'timedOut', error: FAULT.timedOut }) },
      },
    },

    reporting: {
      entry: 'markDevice',
      invoke: {
        id: 'reportTemporaryLoss',
        src: 'reportTemporaryLoss',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          idNumber: context.idNumber,
          cardNumber: context.card?.cardNumber ?? '',
        }),
        onDone: {
          target: 'reported',
          actions: assign({ lapsesOn: ({ event }) => event.output.lapsesOn, action: 'reported' }),
        },
        onError: {
          target: 'done',
          actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
        },
      },
      after: { stepTimeout: { target: 'done', actions: { type: 'fail', params: FAULT.hostTimeout } } },
    },

    /** "your card H41******101 is reported lost: unfreeze it?" */
    confirmUnfreeze: {
      entry: 'markStep',
      on: {
        CONFIRM: 'unfreezing',
        CANCEL: { target: 'done', actions: assign({ outcome: 'cancelled' }) },
        MORE_TIME: { target: 'confirmUnfreeze', reenter: true },
      },
      after: {
        stepTimeout: { target: 'done', actions: assign({ outcome: 'timedOut', error: FAULT.timedOut }) },
      },
    },

    unfreezing: {
      entry: 'markDevice',
      invoke: {
        id: 'unfreezeCard',
        src: 'unfreezeCard',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          idNumber: context.idNumber,
          cardNumber: context.card?.cardNumber ?? '',
        }),
        onDone: { target: 'unfrozen', actions: assign({ action: 'unfrozen' }) },
        onError: {
          target: 'done',
          actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
        },
      },
      after: { stepTimeout: { target: 'done', actions: { type: 'fail', params: FAULT.hostTimeout } } },
    },

    /** "your card works again" */
    unfrozen: {
      entry: 'markStep',
      on: { FINISH: 'done', CANCEL: 'done', MORE_TIME: { target: 'unfrozen', reenter: true } },
      after: { stepTimeout: 'done' },
    },

    /** "reported; the freeze lapses on ..." */
    reported: {
      entry: 'markStep',
      on: { FINISH: 'done', CANCEL: 'done', MORE_TIME: { target: 'reported', reenter: true } },
      after: { stepTimeout: 'done' },
    },

    done: {
      type: 'final',
      entry: assign({ deadline: undefined }),
    },
  },
});

export type ReportLossMachine = typeof reportLossMachine;

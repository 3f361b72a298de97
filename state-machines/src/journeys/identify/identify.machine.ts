/**
 * Identify the resident by the resident ID card and a face match against its photo (RULES.md
 * "People and documents"): accept at a score ≥ 70, at most 3 tries, then send the resident to a
 * counter. When the session already holds a social-security card, the ID card must be the card
 * holder's (`expectedIdNumber`). Card + PIN identification is the session's own road.
 *
 *   placeIdCard → matchingFace ⟲ faceNotMatched (RETRY, tries left) → done
 *
 * The photo and the image never reach this machine: `readIdCard` keeps the photo device-side and
 * `matchFace` compares the camera's capture with it, resolving with a score only.
 */
import { assign, fromPromise, setup } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { codedError, toCodedError } from '../../coded-error.js';
import type { CodedError } from '../../coded-error.js';
import type { SessionDeadline } from '../../session/session.types.js';
import { stepDeadline } from '../journey.types.js';
import type { JourneyInputBase, JourneyOutcome, JourneyOutputBase } from '../journey.types.js';

/** What the resident ID card says (GA 467 base message), without the photo. */
export interface IdCardSummary {
  readonly idNumber: string;
  readonly name: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  /** YYYY-MM-DD, or 'long-term' */
  readonly validTo: string;
}

export interface FaceMatch {
  /** 0–100 */
  readonly score: number;
}

export interface IdentifyInput extends JourneyInputBase {
  /** the ID number of the social-security card in the reader, when there is one */
  readonly expectedIdNumber?: string;
  /** accept at this score or above (70) */
  readonly faceThreshold?: number;
  /** face-match tries per session (3) */
  readonly maxFaceTries?: number;
}

export interface IdentifyContext extends Omit<IdentifyInput, 'faceThreshold' | 'maxFaceTries'> {
  readonly faceThreshold: number;
  readonly maxFaceTries: number;
  readonly faceTries: number;
  readonly faceScore?: number;
  readonly resident?: IdCardSummary;
  readonly error?: CodedError;
  readonly outcome?: JourneyOutcome;
  readonly deadline?: SessionDeadline;
}

export type IdentifyEvent =
  { readonly type: 'RETRY' } | { readonly type: 'MORE_TIME' } | { readonly type: 'CANCEL' };

export interface IdentifyOutput extends JourneyOutputBase {
  /** present when identified */
  readonly resident?: IdCardSummary;
  /** the last face-match score: the only trace of the face the kiosk keeps */
  readonly faceScore?: number;
  readonly faceTries: number;
}

export interface IdInput {
  readonly sessionId: string;
}

export interface IdentifyActorContracts {
  /** waits for an ID card on the reader and reads it; ID_CARD_EXPIRED, ID_CARD_UNREADABLE, ID_NUMBER_* */
  readonly readIdCard: { readonly input: IdInput; readonly output: IdCardSummary };
  /** captures a face and compares it with the ID-card photo; FACE_NOT_DETECTED counts as a try */
  readonly matchFace: { readonly input: IdInput; readonly output: FaceMatch };
}

export const IDENTIFY_ACTOR_NAMES = ['readIdCard', 'matchFace'] as const;

const timedOut = codedError(ErrorCode.SESSION_TIMED_OUT, 'No answer in time; identification stopped.');
const notMatched = codedError(
  ErrorCode.FACE_NOT_MATCHED,
  'Your face could not be matched to your ID card; please go to a service counter.',
);

export const identifyMachine = setup({
  types: {
    context: {} as IdentifyContext,
    events: {} as IdentifyEvent,
    input: {} as IdentifyInput,
    output: {} as IdentifyOutput,
  },
  actors: {
    readIdCard: fromPromise<IdCardSummary, IdInput>(() =>
      Promise.reject(codedError(ErrorCode.INTERNAL, 'The readIdCard actor was not provided.')),
    ),
    matchFace: fromPromise<FaceMatch, IdInput>(() =>
      Promise.reject(codedError(ErrorCode.INTERNAL, 'The matchFace actor was not provided.')),
    ),
  },
  delays: {
    stepTimeout: ({ context }) => context.timeouts.stepMs,
  },
  guards: {
    triesLeft: ({ context }) => context.faceTries < context.maxFaceTries,
  },
  actions: {
    markStep: assign({ deadline: ({ context }) => stepDeadline(context) }),
    markTimedOut: assign({ outcome: 'timedOut', error: timedOut }),
    markCancelled: assign({ outcome: 'cancelled' }),
  },
}).createMachine({
  id: 'identify',
  context: ({ input }) => ({
    sessionId: input.sessionId,
    timeouts: input.timeouts,
    now: input.now,
    expectedIdNumber: input.expectedIdNumber,
    faceThreshold: input.faceThreshold ?? 70,
    maxFaceTries: input.maxFaceTries ?? 3,
    faceTries: 0,
  }),
  initial: 'placeIdCard',
  output: ({ context }) => ({
    outcome: context.outcome ?? 'completed',
    error: context.error,
    resident: context.outcome ? undefined : context.resident,
    faceScore: context.faceScore,
    faceTries: context.faceTries,
  }),
  on: {
    CANCEL: { target: '.done', actions: 'markCancelled' },
  },
  states: {
    /** "place your resident ID card on the reader" */
    placeIdCard: {
      invoke: {
        id: 'readIdCard',
        src: 'readIdCard',
        input: ({ context }) => ({ sessionId: context.sessionId }),
        onDone: [
          {
            guard: ({ context, event }) =>
              context.expectedIdNumber !== undefined && event.output.idNumber !== context.expectedIdNumber,
            target: 'done',
            actions: assign({
              outcome: 'failed',
              error: codedError(
                ErrorCode.ID_MISMATCH,
                'This ID card does not belong to the holder of the card.',
              ),
            }),
          },
          { target: 'matchingFace', actions: assign({ resident: ({ event }) => event.output }) },
        ],
        onError: {
          target: 'done',
          actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
        },
      },
      initial: 'waiting',
      states: {
        waiting: {
          entry: 'markStep',
          after: { stepTimeout: { target: '#identify.done', actions: 'markTimedOut' } },
        },
      },
      on: { MORE_TIME: '.waiting' },
    },

    /** "look at the camera": "more time" starts the step's wait again, the camera's match goes on */
    matchingFace: {
      invoke: {
        id: 'matchFace',
        src: 'matchFace',
        input: ({ context }) => ({ sessionId: context.sessionId }),
        onDone: [
          {
            guard: ({ context, event }) => event.output.score >= context.faceThreshold,
            target: 'done',
            actions: assign({
              faceTries: ({ context }) => context.faceTries + 1,
              faceScore: ({ event }) => event.output.score,
              error: undefined,
            }),
          },
          {
            target: 'faceChecked',
            actions: assign({
              faceTries: ({ context }) => context.faceTries + 1,
              faceScore: ({ event }) => event.output.score,
              error: codedError(ErrorCode.FACE_NOT_MATCHED, 'Your face did not match; please try again.'),
            }),
          },
        ],
        onError: [
          {
            guard: ({ event }) => toCodedError(event.error).code === ErrorCode.FACE_NOT_DETECTED,
            target: 'faceChecked',
            actions: assign({
              faceTries: ({ context }) => context.faceTries + 1,
              error: ({ event }) => toCodedError(event.error),
            }),
          },
          {
            target: 'done',
            actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
          },
        ],
      },
      initial: 'waiting',
      states: {
        waiting: {
          entry: 'markStep',
          after: { stepTimeout: { target: '#identify.done', actions: 'markTimedOut' } },
        },
      },
      on: { MORE_TIME: '.waiting' },
    },

    /** transient: another try, or off to a counter */
    faceChecked: {
      always: [
        { guard: 'triesLeft', target: 'faceNotMatched' },
        { target: 'done', actions: assign({ outcome: 'failed', error: notMatched }) },
      ],
    },

    /** "not matched: try again?" */
    faceNotMatched: {
      entry: 'markStep',
      on: {
        RETRY: 'matchingFace',
        MORE_TIME: { target: 'faceNotMatched', reenter: true },
      },
      after: { stepTimeout: { target: 'done', actions: 'markTimedOut' } },
    },

    done: {
      type: 'final',
      entry: assign({ deadline: undefined }),
    },
  },
});

export type IdentifyMachine = typeof identifyMachine;

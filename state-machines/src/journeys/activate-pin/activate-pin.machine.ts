/**
 * Activate a newly made card (RULES.md "PIN"): the default PIN must be replaced by a new PIN
 * entered twice, weak PINs are refused, then the host enables both the social-security and the
 * bank function. The resident has already been identified (ID card + face) by the session.
 *
 *   enterNewPin ⟲ (weak / mismatch, at most `maxTries`) → activating → activated → done
 *
 * The digits never reach this machine: `enterNewPin` runs on the PIN-pad path, applies
 * `weakPinRule` there and resolves with a verdict; `activateCard` writes the PIN it holds.
 */
import { assign, fromPromise, setup } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { codedError, toCodedError } from '../../coded-error.js';
import type { CodedError } from '../../coded-error.js';
import type { SessionDeadline } from '../../session/session.types.js';
import { stepDeadline, deviceDeadline } from '../journey.types.js';
import type { JourneyInputBase, JourneyOutcome, JourneyOutputBase } from '../journey.types.js';
import type { WeakPinRule } from './weak-pin.js';

export type NewPinVerdict =
  | { readonly result: 'ok' }
  | { readonly result: 'weak'; readonly rule: WeakPinRule }
  | { readonly result: 'mismatch' }
  | { readonly result: 'cancelled' };

export interface ActivatePinInput extends JourneyInputBase {
  readonly cardNumber: string;
  readonly idNumber: string;
  readonly pinLength: number;
  /** new-PIN entries refused (weak or not repeated) before the journey gives up (3) */
  readonly maxTries?: number;
}

export interface ActivatePinContext extends Omit<ActivatePinInput, 'maxTries'> {
  readonly maxTries: number;
  readonly tries: number;
  /** digits entered so far and whether this is the first entry or the confirmation */
  readonly pin: { readonly entered: number; readonly stage: 'first' | 'confirm' };
  readonly error?: CodedError;
  readonly weakRule?: WeakPinRule;
  readonly outcome?: JourneyOutcome;
  readonly deadline?: SessionDeadline;
}

export type ActivatePinEvent =
  | { readonly type: 'PIN_KEY'; readonly entered: number }
  | { readonly type: 'PIN_STAGE'; readonly stage: 'first' | 'confirm' }
  | { readonly type: 'MORE_TIME' }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'FINISH' };

export type ActivatePinOutput = JourneyOutputBase;

export interface IdInput {
  readonly sessionId: string;
}

export interface ActivatePinActorContracts {
  /** collects the new PIN twice on the PIN pad, checks `weakPinRule`, keeps the PIN device-side */
  readonly enterNewPin: {
    readonly input: IdInput & { readonly length: number };
    readonly output: NewPinVerdict;
  };
  /** journal → write the new PIN to the card (verifying the default) → host enables both functions */
  readonly activateCard: {
    readonly input: IdInput & { readonly cardNumber: string; readonly idNumber: string };
    readonly output: void;
  };
}

export const ACTIVATE_PIN_ACTOR_NAMES = ['enterNewPin', 'activateCard'] as const;

const timedOut = codedError(ErrorCode.SESSION_TIMED_OUT, 'No answer in time; the card was not activated.');

export const activatePinMachine = setup({
  types: {
    context: {} as ActivatePinContext,
    events: {} as ActivatePinEvent,
    input: {} as ActivatePinInput,
    output: {} as ActivatePinOutput,
  },
  actors: {
    enterNewPin: fromPromise<NewPinVerdict, IdInput & { length: number }>(() =>
      Promise.reject(codedError(ErrorCode.INTERNAL, 'The enterNewPin actor was not provided.')),
    ),
    activateCard: fromPromise<void, IdInput & { cardNumber: string; idNumber: string }>(() =>
      Promise.reject(codedError(ErrorCode.INTERNAL, 'The activateCard actor was not provided.')),
    ),
  },
  delays: {
    stepTimeout: ({ context }) => context.timeouts.stepMs,
  },
  actions: {
    markStep: assign({ deadline: ({ context }) => stepDeadline(context) }),
    markDevice: assign({ deadline: ({ context }) => deviceDeadline(context) }),
  },
}).createMachine({
  id: 'activatePin',
  context: ({ input }) => ({
    sessionId: input.sessionId,
    timeouts: input.timeouts,
    now: input.now,
    cardNumber: input.cardNumber,
    idNumber: input.idNumber,
    pinLength: input.pinLength,
    maxTries: input.maxTries ?? 3,
    tries: 0,
    pin: { entered: 0, stage: 'first' },
  }),
  initial: 'enterNewPin',
  output: ({ context }) => ({ outcome: context.outcome ?? 'completed', error: context.error }),
  states: {
    enterNewPin: {
      entry: assign({ pin: { entered: 0, stage: 'first' } }),
      invoke: {
        id: 'enterNewPin',
        src: 'enterNewPin',
        input: ({ context }) => ({ sessionId: context.sessionId, length: context.pinLength }),
        onDone: [
          {
            guard: ({ event }) => event.output.result === 'ok',
            target: 'activating',
            actions: assign({ error: undefined, weakRule: undefined }),
          },
          {
            guard: ({ event }) => event.output.result === 'cancelled',
            target: 'done',
            actions: assign({ outcome: 'cancelled' }),
          },
          {
            // refused (weak or not repeated) with tries left: ask again
            guard: ({ context }) => context.tries + 1 < context.maxTries,
            target: 'enterNewPin',
            reenter: true,
            actions: assign(({ context, event }) => refusal(context.tries, event.output)),
          },
          {
            target: 'done',
            actions: assign(({ context, event }) => ({
              ...refusal(context.tries, event.output),
              outcome: 'failed' as const,
            })),
          },
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
          after: {
            stepTimeout: {
              target: '#activatePin.done',
              actions: assign({ outcome: 'timedOut', error: timedOut }),
            },
          },
        },
      },
      on: {
        PIN_KEY: {
          target: '.waiting',
          actions: assign({
            pin: ({ context, event }) => ({
              entered: Math.max(0, Math.min(context.pinLength, Math.trunc(event.entered))),
              stage: context.pin.stage,
            }),
          }),
        },
        PIN_STAGE: {
          target: '.waiting',
          actions: assign({ pin: ({ event }) => ({ entered: 0, stage: event.stage }) }),
        },
        MORE_TIME: { target: '.waiting' },
        CANCEL: { target: 'done', actions: assign({ outcome: 'cancelled' }) },
      },
    },

    activating: {
      entry: 'markDevice',
      invoke: {
        id: 'activateCard',
        src: 'activateCard',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          cardNumber: context.cardNumber,
          idNumber: context.idNumber,
        }),
        onDone: 'activated',
        onError: {
          target: 'done',
          actions: assign({ outcome: 'failed', error: ({ event }) => toCodedError(event.error) }),
        },
      },
      after: {
        stepTimeout: {
          target: 'done',
          actions: assign({
            outcome: 'failed',
            error: codedError(ErrorCode.HOST_TIMEOUT, 'Activation did not finish in time; please ask staff.'),
          }),
        },
      },
    },

    /** "your card is ready to use" */
    activated: {
      entry: 'markStep',
      on: { FINISH: 'done', CANCEL: 'done', MORE_TIME: { target: 'activated', reenter: true } },
      after: { stepTimeout: 'done' },
    },

    done: {
      type: 'final',
      entry: assign({ deadline: undefined }),
    },
  },
});

function refusal(
  tries: number,
  verdict: NewPinVerdict,
): Pick<ActivatePinContext, 'tries' | 'error' | 'weakRule'> {
  if (verdict.result === 'weak') {
    return {
      tries: tries + 1,
      weakRule: verdict.rule,
      error: codedError(ErrorCode.PIN_WEAK, 'This PIN is too easy to guess; please choose another.'),
    };
  }
  return {
    tries: tries + 1,
    weakRule: undefined,
    error: codedError(ErrorCode.PIN_MISMATCH, 'The two PINs were not the same; please enter them again.'),
  };
}

export type ActivatePinMachine = typeof activatePinMachine;

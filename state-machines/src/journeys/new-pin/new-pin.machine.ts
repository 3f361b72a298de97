/**
 * A new PIN, entered twice, weak PINs refused (RULES.md "PIN"), for three purposes:
 * - activate: a newly made card's default PIN is replaced and the host enables both the
 *   social-security and the bank function (the session identified the resident by ID + face);
 * - change: the resident verified the old PIN on the card road;
 * - reset: the PIN is locked; the resident proved identity by ID card + face and the host's key
 *   resets the card's counter while the new PIN is written.
 *
 *   enterNewPin ⟲ (weak / mismatch, at most `maxTries`) → saving → saved → done
 *
 * The digits never reach this machine: `enterNewPin` runs on the PIN-pad path, applies
 * `weakPinRuleOfDigits` (@kiosk/domain) there and resolves with a verdict; `saveNewPin` writes the PIN it holds.
 */
import { assign, fromPromise, setup } from 'xstate';
import { ErrorCode, type WeakPinRule } from '@kiosk/domain';
import { codedError, toCodedError } from '../../coded-error.js';
import type { CodedError } from '../../coded-error.js';
import type { SessionDeadline } from '../../session/session.types.js';
import { stepDeadline, deviceDeadline } from '../journey.types.js';
import type { JourneyInputBase, JourneyOutcome, JourneyOutputBase } from '../journey.types.js';

export type NewPinVerdict =
  | { readonly result: 'ok' }
  | { readonly result: 'weak'; readonly rule: WeakPinRule }
  | { readonly result: 'mismatch' }
  | { readonly result: 'cancelled' };

export type NewPinPurpose = 'activate' | 'change' | 'reset';

export interface NewPinInput extends JourneyInputBase {
  readonly purpose: NewPinPurpose;
  readonly cardNumber: string;
  readonly idNumber: string;
  readonly pinLength: number;
  /** new-PIN entries refused (weak or not repeated) before the journey gives up (3) */
  readonly maxTries?: number;
}

export interface NewPinContext extends Omit<NewPinInput, 'maxTries'> {
  readonly maxTries: number;
  readonly tries: number;
  /** digits entered so far and whether this is the first entry or the confirmation */
  readonly pin: { readonly entered: number; readonly stage: 'first' | 'confirm' };
  readonly error?: CodedError;
  readonly weakRule?: WeakPinRule;
  readonly outcome?: JourneyOutcome;
  readonly deadline?: SessionDeadline;
}

export type NewPinEvent =
  | { readonly type: 'PIN_KEY'; readonly entered: number }
  | { readonly type: 'PIN_STAGE'; readonly stage: 'first' | 'confirm' }
  | { readonly type: 'MORE_TIME' }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'FINISH' };

export type NewPinOutput = JourneyOutputBase;

export interface IdInput {
  readonly sessionId: string;
}

export interface NewPinActorContracts {
  /** collects the new PIN twice on the PIN pad, checks `weakPinRuleOfDigits`, keeps the PIN device-side */
  readonly enterNewPin: {
    readonly input: IdInput & { readonly length: number };
    readonly output: NewPinVerdict;
  };
  /** journal → write the PIN that `enterNewPin` holds to the card → tell the host; for
   * 'activate' the host enables both functions, for 'reset' its key resets the card's counter */
  readonly saveNewPin: {
    readonly input: IdInput & {
      readonly purpose: NewPinPurpose;
      readonly cardNumber: string;
      readonly idNumber: string;
    };
    readonly output: void;
  };
}

export const NEW_PIN_ACTOR_NAMES = ['enterNewPin', 'saveNewPin'] as const;

const timedOut = codedError(ErrorCode.SESSION_TIMED_OUT, 'No answer in time; the PIN was not changed.');

export const newPinMachine = setup({
  types: {
    context: {} as NewPinContext,
    events: {} as NewPinEvent,
    input: {} as NewPinInput,
    output: {} as NewPinOutput,
  },
  actors: {
    enterNewPin: fromPromise<NewPinVerdict, IdInput & { length: number }>(() =>
      Promise.reject(codedError(ErrorCode.INTERNAL, 'The enterNewPin actor was not provided.')),
    ),
    saveNewPin: fromPromise<void, IdInput & { purpose: NewPinPurpose; cardNumber: string; idNumber: string }>(
      () => Promise.reject(codedError(ErrorCode.INTERNAL, 'The saveNewPin actor was not provided.')),
    ),
  },
  delays: {
    stepTimeout: ({ context }) => context.timeouts.stepMs,
  },
  actions: {
    markStep: assign({ deadline: ({ context }) => stepDeadline(context) }),
    markDevice: assign({ deadline: ({ context }) => deviceDeadline(context) }),
    // the resident stopped: a refusal of an earlier try (weak, not repeated) is no longer news,
    // and its "enter it again" would be wrong advice on the screen that ends the session
    cancelled: assign({ outcome: 'cancelled', error: undefined, weakRule: undefined }),
  },
}).createMachine({
  id: 'newPin',
  context: ({ input }) => ({
    sessionId: input.sessionId,
    timeouts: input.timeouts,
    now: input.now,
    purpose: input.purpose,
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
            target: 'saving',
            actions: assign({ error: undefined, weakRule: undefined }),
          },
          {
            guard: ({ event }) => event.output.result === 'cancelled',
            target: 'done',
            actions: 'cancelled',
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
              target: '#newPin.done',
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
        PIN_STAGE: [
          {
            // the first entry passed the weak-PIN rules: a refusal of an earlier try is answered,
            // not shown again over "enter it once more"
            guard: ({ event }) => event.stage === 'confirm',
            target: '.waiting',
            actions: assign({ pin: { entered: 0, stage: 'confirm' }, error: undefined, weakRule: undefined }),
          },
          {
            target: '.waiting',
            actions: assign({ pin: ({ event }) => ({ entered: 0, stage: event.stage }) }),
          },
        ],
        MORE_TIME: { target: '.waiting' },
        CANCEL: { target: 'done', actions: 'cancelled' },
      },
    },

    saving: {
      entry: 'markDevice',
      invoke: {
        id: 'saveNewPin',
        src: 'saveNewPin',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          purpose: context.purpose,
          cardNumber: context.cardNumber,
          idNumber: context.idNumber,
        }),
        onDone: 'saved',
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
            error: codedError(
              ErrorCode.HOST_TIMEOUT,
              'The new PIN could not be saved in time; please ask staff.',
            ),
          }),
        },
      },
    },

    /** "your new PIN is saved" */
    saved: {
      entry: 'markStep',
      on: { FINISH: 'done', CANCEL: 'done', MORE_TIME: { target: 'saved', reenter: true } },
      after: { stepTimeout: 'done' },
    },

    done: {
      type: 'final',
      entry: assign({ deadline: undefined }),
    },
  },
});

function refusal(tries: number, verdict: NewPinVerdict): Pick<NewPinContext, 'tries' | 'error' | 'weakRule'> {
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

export type NewPinMachine = typeof newPinMachine;

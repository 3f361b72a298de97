/**
 * Records of the medical-insurance personal account, on screen and printed (RULES.md "Balance,
 * records and withdrawal"). The card and PIN are already verified by the session.
 *
 *   loading → showRecords → (PRINT) printing → printed → done
 *                       └─ (FINISH / timeout) ──────────→ done
 *
 * When the card has reached the 60-record limit the screen says printing is required
 * (CARD_RECORDS_PRINT_REQUIRED); printing clears the counter. Without paper or printer the
 * records stay viewable and printing is refused; PRINTER_CHANGED offers or withholds it again as
 * the paper comes back or goes mid-session.
 */
import { assign, fromPromise, setup } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import type { Fen, Locale, OtherRecord, RecordDetail, RecordKind } from '@kiosk/domain';
import { codedError, toCodedError } from '../../coded-error.js';
import type { CodedError } from '../../coded-error.js';
import type { SessionDeadline } from '../../session/session.types.js';
import { deviceDeadline, stepDeadline } from '../journey.types.js';
import type { JourneyInputBase, JourneyOutcome, JourneyOutputBase } from '../journey.types.js';
import { RECORDS_ON_SCREEN, RECORDS_PRINT_LIMIT, isPrintRequired } from './records-rule.js';

export interface AccountRecord {
  /** ISO 8601 */
  readonly at: string;
  /** 'other': a kind the host added that this kiosk does not know (shown with `descriptions`) */
  readonly kind: RecordKind | OtherRecord;
  /** signed: negative for spending */
  readonly amountFen: Fen;
  readonly balanceAfterFen: Fen;
  /** where the transaction happened (hospital, pharmacy, kiosk) */
  readonly place?: string;
  /** what a medical payment was for (a code, worded by the screen) */
  readonly detail?: RecordDetail;
  /**
   * the host's words, masked, in each language the kiosk offers (the view shows its language's):
   * only for a kind or a detail this kiosk does not know
   */
  readonly descriptions?: Readonly<Record<Locale, string>>;
}

export interface AccountRecords {
  /** the latest first */
  readonly records: readonly AccountRecord[];
  /** transactions on the card not yet printed */
  readonly unprintedCount: number;
}

export interface RecordsInput extends JourneyInputBase {
  readonly cardNumber: string;
  readonly idNumber: string;
  /** receipt printer online with paper (`journeysOffered` says the same) */
  readonly printAvailable: boolean;
  readonly printLimit?: number;
  /** records on screen, the latest first (20) */
  readonly screenLimit?: number;
}

export interface RecordsContext extends Omit<RecordsInput, 'printLimit' | 'screenLimit'> {
  readonly printLimit: number;
  readonly screenLimit: number;
  readonly records: readonly AccountRecord[];
  readonly unprintedCount: number;
  readonly printed: boolean;
  readonly error?: CodedError;
  readonly outcome?: JourneyOutcome;
  readonly deadline?: SessionDeadline;
}

export type RecordsEvent =
  | { readonly type: 'PRINT' }
  | { readonly type: 'FINISH' }
  | { readonly type: 'MORE_TIME' }
  | { readonly type: 'CANCEL' }
  /** the receipt printer's paper came back or went (or the printer itself) */
  | { readonly type: 'PRINTER_CHANGED'; readonly printAvailable: boolean };

export interface RecordsOutput extends JourneyOutputBase {
  readonly printed: boolean;
  readonly unprintedCount: number;
}

export interface RecordsActorInput {
  readonly sessionId: string;
  readonly cardNumber: string;
  readonly idNumber: string;
}

export interface RecordsActorContracts {
  /** the latest records and the card's unprinted count from the host */
  readonly fetchRecords: { readonly input: RecordsActorInput; readonly output: AccountRecords };
  /** prints the unprinted records on the receipt printer, then resets the counter */
  readonly printRecords: {
    readonly input: RecordsActorInput;
    readonly output: { readonly printedCount: number };
  };
}

export const RECORDS_ACTOR_NAMES = ['fetchRecords', 'printRecords'] as const;

const printRequired = codedError(
  ErrorCode.CARD_RECORDS_PRINT_REQUIRED,
  'Your card holds 60 unprinted records; print them to keep using the card.',
);

export const recordsMachine = setup({
  types: {
    context: {} as RecordsContext,
    events: {} as RecordsEvent,
    input: {} as RecordsInput,
    output: {} as RecordsOutput,
  },
  actors: {
    fetchRecords: fromPromise<AccountRecords, RecordsActorInput>(() =>
      Promise.reject(codedError(ErrorCode.INTERNAL, 'The fetchRecords actor was not provided.')),
    ),
    printRecords: fromPromise<{ printedCount: number }, RecordsActorInput>(() =>
      Promise.reject(codedError(ErrorCode.INTERNAL, 'The printRecords actor was not provided.')),
    ),
  },
  delays: {
    stepTimeout: ({ context }) => context.timeouts.stepMs,
  },
  guards: {
    canPrint: ({ context }) => context.printAvailable && !context.printed,
  },
  actions: {
    markStep: assign({ deadline: ({ context }) => stepDeadline(context) }),
    markDevice: assign({ deadline: ({ context }) => deviceDeadline(context) }),
  },
}).createMachine({
  id: 'records',
  context: ({ input }) => ({
    sessionId: input.sessionId,
    timeouts: input.timeouts,
    now: input.now,
    cardNumber: input.cardNumber,
    idNumber: input.idNumber,
    printAvailable: input.printAvailable,
    printLimit: input.printLimit ?? RECORDS_PRINT_LIMIT,
    screenLimit: input.screenLimit ?? RECORDS_ON_SCREEN,
    records: [],
    unprintedCount: 0,
    printed: false,
  }),
  initial: 'loading',
  output: ({ context }) => ({
    outcome: context.outcome ?? 'completed',
    error: context.error,
    printed: context.printed,
    unprintedCount: context.unprintedCount,
  }),
  on: {
    CANCEL: { target: '.done', actions: assign({ outcome: 'cancelled' }) },
    // read again as the paper comes and goes: the print action follows it, the records stay
    PRINTER_CHANGED: {
      actions: assign(({ context, event }) => ({
        printAvailable: event.printAvailable,
        error:
          event.printAvailable && context.error?.code === ErrorCode.DEVICE_SUPPLY_EMPTY
            ? undefined
            : context.error,
      })),
    },
  },
  states: {
    loading: {
      entry: 'markDevice',
      invoke: {
        id: 'fetchRecords',
        src: 'fetchRecords',
        input: ({ context }) => actorInput(context),
        onDone: {
          target: 'showRecords',
          actions: assign(({ context, event }) => ({
            records: event.output.records.slice(0, context.screenLimit),
            unprintedCount: event.output.unprintedCount,
            error: isPrintRequired(event.output.unprintedCount, context.printLimit)
              ? printRequired
              : undefined,
          })),
        },
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
            error: codedError(ErrorCode.HOST_TIMEOUT, 'The back office did not answer in time.'),
          }),
        },
      },
    },

    showRecords: {
      entry: 'markStep',
      on: {
        PRINT: [
          { guard: 'canPrint', target: 'printing' },
          {
            actions: assign({
              error: codedError(
                ErrorCode.DEVICE_SUPPLY_EMPTY,
                'Printing is not available at this kiosk now.',
              ),
            }),
          },
        ],
        FINISH: 'done',
        MORE_TIME: { target: 'showRecords', reenter: true },
      },
      after: {
        stepTimeout: { target: 'done', actions: assign({ outcome: 'timedOut' }) },
      },
    },

    printing: {
      entry: 'markDevice',
      invoke: {
        id: 'printRecords',
        src: 'printRecords',
        input: ({ context }) => actorInput(context),
        onDone: {
          target: 'printed',
          actions: assign({ printed: true, unprintedCount: 0, error: undefined }),
        },
        onError: {
          // the records stay on screen; printing is off for the rest of the journey
          target: 'showRecords',
          actions: assign({ printAvailable: false, error: ({ event }) => toCodedError(event.error) }),
        },
      },
      after: {
        stepTimeout: {
          target: 'showRecords',
          actions: assign({
            printAvailable: false,
            error: codedError(ErrorCode.DEVICE_TIMEOUT, 'The printer did not finish in time.'),
          }),
        },
      },
    },

    /** "take your printout" */
    printed: {
      entry: 'markStep',
      on: { FINISH: 'done', MORE_TIME: { target: 'printed', reenter: true } },
      after: { stepTimeout: 'done' },
    },

    done: {
      type: 'final',
      entry: assign({ deadline: undefined, records: [] }),
    },
  },
});

function actorInput(context: RecordsContext): RecordsActorInput {
  return { sessionId: context.sessionId, cardNumber: context.cardNumber, idNumber: context.idNumber };
}

export type RecordsMachine = typeof recordsMachine;

/**
 * The kiosk's root machine: booting → selfTest → inService | degraded | outOfService, and
 * maintenance for field staff. Which mode it is in follows `journeysOffered(statuses)`: all
 * journeys → inService, some → degraded, none → outOfService with a reason code.
 *
 * An operator can hold the kiosk out of service from the fleet (OPERATOR_STOP with a reason code)
 * and release it (OPERATOR_RESUME); while held, it stays out of service whatever the devices say,
 * and the hold outlives maintenance and a self test. Field staff ending a visit may release it
 * themselves (MAINTENANCE_RETURN_TO_SERVICE, ADR 0010); a plain MAINTENANCE_EXIT keeps it.
 *
 * Pure: the self test is the actor `selfTest`, provided by the daemon (`kioskMachine.provide`)
 * and by tests with a fake. Sessions are the daemon's concern, and leaving inService or degraded
 * does not end a running one (no ABORT is sent; ADR 0004, "a running session when the kiosk leaves
 * service"): it finishes, its journeys' acts failing on their own when a device they need goes,
 * and only new sessions and further journeys are held to the offer. A late
 * settlement of what waits for the dispenser (LATE_SETTLEMENT_HOLD, ADR 0020) is held only while no
 * session runs: it offers nothing and reads as a self test until LATE_SETTLEMENT_DONE places it.
 */
import { assign, emit, fromPromise, setup } from 'xstate';
import type { DeviceStatus, Journey, KioskMode } from '@kiosk/domain';
import { ErrorCode, JOURNEYS, withOperatorHold } from '@kiosk/domain';
import type { KioskEvent } from './kiosk-events.js';
import { ServiceReason } from './journeys-offered.js';
import { evaluate, placeByOffer, servingState } from './kiosk-placing.js';
import { outOfServiceTransitions } from './kiosk-out-of-service.js';

export interface KioskInput {
  /** how long the self test may take before the kiosk goes out of service (default 60 s) */
  readonly selfTestTimeoutMs?: number;
}

export interface KioskContext {
  readonly selfTestTimeoutMs: number;
  readonly statuses: readonly DeviceStatus[];
  readonly journeysOffered: readonly Journey[];
  /** why the kiosk is degraded or out of service; absent in service */
  readonly reason?: string;
  /**
   * what a failed self test came of, beside SELF_TEST_FAILED: its error's code (recovery's
   * WITHDRAWAL_UNDECIDED, CARD_MAKING_UNDECIDED or CARD_POSITION_UNKNOWN, a device's or the
   * journal's; INTERNAL for one without a code), for the log, the staff screen and the fleet; kept through the staff visit that
   * follows (field staff see what to put right), gone once a self test passes or times out
   */
  readonly cause?: string;
  /** every reason a journey is held back, most important first */
  readonly reasons: readonly string[];
  /** the reason code of an operator's out-of-service hold; absent when not held */
  readonly operatorStop?: string;
  /**
   * the card reader holds a card no session owns (a session ended with its card unaccounted for):
   * the journeys that take a card into it are held back until the card is taken or retracted
   * (CARD_LEFT_CLEARED) or field staff end a visit (maintenance, then the self test)
   */
  readonly cardLeftInReader?: true;
  /**
   * the cash dispenser's presenter holds notes no session owns (a withdrawal's retract that
   * failed): withdrawals are held back until the daemon finds it empty (CASH_LEFT_CLEARED)
   */
  readonly cashLeftInPresenter?: true;
  /** a new card left at the card printer's slot is unsettled: card making held back (NEW_CARD_LEFT_CLEARED) */
  readonly newCardLeftAtSlot?: true;
}

export type { KioskEvent } from './kiosk-events.js';

/**
 * Emitted when the kiosk stops serving residents (out of service, maintenance), for whoever wants
 * to hear it (the machine's specs). The daemon does not listen, by design: a running session
 * finishes (README, fleet commands; ADR 0004), since aborting it could cut a dispense or a chip
 * write mid-act, and each of its steps meets a device dying on its own (an error or a timeout to
 * a safe state); maintenance is refused while a session runs, so none is running then.
 */
export interface KioskServiceStopped {
  readonly type: 'serviceStopped';
  readonly reason: string;
}

/** What the daemon must provide to the kiosk machine. */
export interface KioskActorContracts {
  /** queries every device port; resolves with one status per device kind configured */
  readonly selfTest: { readonly input: void; readonly output: DeviceStatus[] };
}
export const KIOSK_ACTOR_NAMES = ['selfTest'] as const satisfies readonly (keyof KioskActorContracts)[];

const DEFAULT_SELF_TEST_TIMEOUT_MS = 60_000;

/** The code a failed self test's error carries (a KioskError's), or INTERNAL for one without a code. */
export function selfTestCauseOf(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(code) ? code : ErrorCode.INTERNAL;
}

export const kioskMachine = setup({
  types: {
    context: {} as KioskContext,
    events: {} as KioskEvent,
    input: {} as KioskInput,
    emitted: {} as KioskServiceStopped,
  },
  actors: {
    selfTest: fromPromise<DeviceStatus[]>(() =>
      Promise.reject({ code: 'INTERNAL', message: 'selfTest actor not provided' }),
    ),
  },
  delays: {
    selfTestTimeout: ({ context }) => context.selfTestTimeoutMs,
  },
  guards: {
    // everything offered and nothing withheld (no paper withholds record printing only: degraded)
    offersEverything: ({ context }) =>
      context.journeysOffered.length === JOURNEYS.length && context.reasons.length === 0,
    offersSomething: ({ context }) => context.journeysOffered.length > 0,
    heldByOperator: ({ context }) => context.operatorStop !== undefined,
    selfTestFailed: ({ context }) =>
      context.reason === ServiceReason.SELF_TEST_FAILED || context.reason === ServiceReason.SELF_TEST_TIMEOUT,
    /** the self test ended with a failure (recovery left something undecided), not its timeout */
    failedByRecovery: ({ context }) => context.reason === ServiceReason.SELF_TEST_FAILED,
  },
  actions: {
    // heard by no one in the daemon, by design: a running session finishes (KioskServiceStopped)
    announceStop: emit(({ context }) => ({
      type: 'serviceStopped' as const,
      reason: context.reason ?? ServiceReason.MAINTENANCE,
    })),
    recordStatuses: assign(({ context, event }) =>
      event.type === 'DEVICES_CHANGED' ||
      event.type === 'RECOVERY_SETTLED' ||
      event.type === 'LATE_SETTLEMENT_DONE'
        ? evaluate(event.statuses, context)
        : {},
    ),
    recordCardLeft: assign({ cardLeftInReader: true as const }),
    clearCardLeft: assign({ cardLeftInReader: undefined }),
    recordCashLeft: assign({ cashLeftInPresenter: true as const }),
    clearCashLeft: assign({ cashLeftInPresenter: undefined }),
    recordNewCardLeft: assign({ newCardLeftAtSlot: true as const }),
    clearNewCardLeft: assign({ newCardLeftAtSlot: undefined }),
    reevaluate: assign(({ context }) => evaluate(context.statuses, context)),
    recordOperatorStop: assign(({ event }) =>
      event.type === 'OPERATOR_STOP' ? { operatorStop: event.reason } : {},
    ),
    /** the hold offers nothing; the device reasons stay behind the operator's */
    applyOperatorStop: assign(({ context }) => ({
      journeysOffered: [],
      reason: context.operatorStop,
      reasons: withOperatorHold(context.operatorStop!, context.reasons),
    })),
    /** released: what is offered follows the devices again */
    releaseOperatorStop: assign(({ context }) => ({
      ...evaluate(context.statuses, context),
      operatorStop: undefined,
    })),
    /** in maintenance: keep the statuses, offer nothing until the self test runs again */
    recordStatusesOnly: assign(({ event }) =>
      event.type === 'DEVICES_CHANGED' ? { statuses: event.statuses } : {},
    ),
  },
}).createMachine({
  id: 'kiosk',
  context: ({ input }) => ({
    selfTestTimeoutMs: input.selfTestTimeoutMs ?? DEFAULT_SELF_TEST_TIMEOUT_MS,
    statuses: [],
    journeysOffered: [],
    reasons: [],
  }),
  initial: 'booting',
  on: {
    // whatever the mode, the latest statuses are kept so that leaving maintenance starts fresh;
    // booting and in the self test they offer nothing: the self test places the kiosk (a session
    // started meanwhile would run beside its recovery)
    DEVICES_CHANGED: { actions: 'recordStatusesOnly' },
    // booting, self test, maintenance: the hold is kept (or dropped) and applies when the kiosk is placed
    OPERATOR_STOP: { actions: 'recordOperatorStop' },
    OPERATOR_RESUME: { actions: assign({ operatorStop: undefined }) },
    // booting, self test, maintenance: kept, and applied when the kiosk is placed
    CARD_LEFT_IN_READER: { actions: 'recordCardLeft' },
    CARD_LEFT_CLEARED: { actions: 'clearCardLeft' },
    // booting, self test, maintenance, a late settlement: kept, and applied when the kiosk is placed
    CASH_LEFT_IN_PRESENTER: { actions: 'recordCashLeft' },
    CASH_LEFT_CLEARED: { actions: 'clearCashLeft' },
    NEW_CARD_LEFT_AT_SLOT: { actions: 'recordNewCardLeft' },
    NEW_CARD_LEFT_CLEARED: { actions: 'clearNewCardLeft' },
  },
  states: {
    booting: {
      on: { BOOTED: 'selfTest' },
    },
    selfTest: {
      invoke: {
        id: 'selfTest',
        src: 'selfTest',
        onDone: {
          target: 'placing',
          actions: assign(({ context, event }) => evaluate(event.output, context)),
        },
        onError: {
          target: 'outOfService',
          actions: assign(({ event }) => ({
            journeysOffered: [],
            reason: ServiceReason.SELF_TEST_FAILED,
            cause: selfTestCauseOf(event.error),
            reasons: [ServiceReason.SELF_TEST_FAILED],
          })),
        },
      },
      after: {
        selfTestTimeout: {
          target: 'outOfService',
          actions: assign({
            journeysOffered: [],
            reason: ServiceReason.SELF_TEST_TIMEOUT,
            cause: undefined,
            reasons: [ServiceReason.SELF_TEST_TIMEOUT],
          }),
        },
      },
      on: { MAINTENANCE_ENTER: 'maintenance' },
    },
    /** transient: decides the mode from what is offered */
    placing: {
      always: [...placeByOffer],
    },
    inService: servingState,
    degraded: servingState,
    outOfService: {
      entry: 'announceStop',
      on: {
        ...outOfServiceTransitions,
        OPERATOR_RESUME: [
          { guard: 'selfTestFailed', actions: assign({ operatorStop: undefined }) },
          { target: 'placing', actions: 'releaseOperatorStop' },
        ],
      },
    },
    /**
     * the daemon settles what waits for the dispenser (ADR 0020): nothing offered, the devices' and
     * the operator's changes kept for the placing after it; shown as a self test
     */
    lateSettlement: {
      entry: assign({ journeysOffered: [] }),
      on: {
        MAINTENANCE_ENTER: 'maintenance',
        LATE_SETTLEMENT_DONE: { target: 'placing', actions: 'recordStatuses' },
      },
    },
    maintenance: {
      // nothing is offered to residents while field staff work on the kiosk
      entry: [assign({ journeysOffered: [], reason: ServiceReason.MAINTENANCE }), 'announceStop'],
      on: {
        DEVICES_CHANGED: { actions: 'recordStatusesOnly' },
        // field staff ended the visit: a card left in the reader is theirs to have cleared (the self
        // test's recovery hands back a card still inside)
        MAINTENANCE_EXIT: { target: 'selfTest', actions: 'clearCardLeft' },
        MAINTENANCE_RETURN_TO_SERVICE: {
          target: 'selfTest',
          actions: [assign({ operatorStop: undefined }), 'clearCardLeft'],
        },
      },
    },
  },
});

export type KioskMachine = typeof kioskMachine;

/** The mode shown in `KioskView`; the transient `placing` state never settles, a late settlement reads as a self test. */
export function kioskModeOf(snapshot: { value: unknown }): KioskMode {
  const value = snapshot.value;
  if (value === 'placing' || value === 'lateSettlement') return 'selfTest';
  return value as KioskMode;
}

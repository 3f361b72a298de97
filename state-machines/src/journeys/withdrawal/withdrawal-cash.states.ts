/**
 * The withdrawal's cash states, once the host has authorised and the journal holds the
 * transaction: count into the presenter, present at the slot, wait for the take, retract what is
 * left. A fault here reverses what was not paid out, or flags the transaction for staff when the
 * notes may still be at the slot (a retract that failed, after a presentation or after a dispense
 * whose outcome was unknown).
 */
import { assign } from 'xstate';
import { toCodedError } from '../../coded-error.js';
import { FAULT } from './withdrawal-faults.js';
import { tx, withdrawalSetup } from './withdrawal.setup.js';

/**
 * The detail a dispense actor's error carries when it left notes in the presenter for staff: the
 * dispense's outcome was unknown and the retract after it failed (`details.notesLeftInPresenter`).
 */
export const NOTES_LEFT_IN_PRESENTER = 'notesLeftInPresenter';

/** The dispense's error says its notes were left in the presenter (see `NOTES_LEFT_IN_PRESENTER`). */
export function notesLeftInPresenter(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const details = (error as { details?: unknown }).details;
  return (
    typeof details === 'object' &&
    details !== null &&
    (details as Record<string, unknown>)[NOTES_LEFT_IN_PRESENTER] === true
  );
}

/**
 * The dispense has no step timer: the dispenser's answer ends it. The device bounds its
 * dispense itself (the LCDM driver: its dispense timeout, then, when the outcome stays unknown, a
 * retract that may wait for the count up to that timeout again; `devices.cashDispenser` sets
 * both) and answers with what it counted or a coded fault. A step timer shorter than that bound
 * reversed the hold while the notes were still being counted, and the late answer was journaled
 * after the reversal (notes left in the presenter, a retract journaled into whatever transaction
 * the session held by then). No deadline is shown: the resident has nothing to answer.
 */
export const dispensing = withdrawalSetup.createStateConfig({
  entry: assign({ deadline: undefined }),
  invoke: {
    id: 'dispenseCash',
    src: 'dispenseCash',
    input: ({ context }) => ({ ...tx(context), amountFen: context.amountFen ?? 0 }),
    onDone: [
      {
        guard: ({ event }) => event.output.dispensedFen > 0,
        target: 'presenting',
        actions: assign({ dispensedFen: ({ event }) => event.output.dispensedFen }),
      },
      {
        target: 'reversing',
        actions: {
          type: 'fail',
          params: FAULT.nothingCounted,
        },
      },
    ],
    onError: [
      {
        // the retract after a dispense of unknown outcome failed: the notes may still be at the
        // slot and be taken later, so the hold is neither reversed nor confirmed; what the
        // presenter reads later (a retract, recovery) or staff's count settles it
        guard: ({ event }) => notesLeftInPresenter(event.error),
        target: 'done',
        actions: assign({
          outcome: 'failed',
          needsReconciliation: true,
          error: ({ event }) => toCodedError(event.error),
        }),
      },
      { target: 'reversing', actions: 'failWithActorError' },
    ],
  },
  // a driver that broke its own bounds: what it counted is unknown, as after its coded timeout
  // of unknown outcome (retracted, counted, reversed), never taken as nothing paid out
  after: {
    cashActBackstop: {
      target: 'retractingCash',
      actions: { type: 'fail', params: FAULT.dispenserUnanswered },
    },
  },
});

/**
 * Like the dispense, the presentation and the retract wait for the dispenser's answer: both are
 * bounded by the device (the LCDM driver: PRESENT within its answer time; RETRACT within its
 * answer time, after waiting up to its dispense timeout for a dispenser still counting), which
 * answers with the notes or a coded fault. A step timer shorter than that bound (30 s) left a
 * retract that would have answered at 40 s for staff while it went on in the background, and
 * retracted notes a late presentation had just opened the shutter on. Only the resident's step
 * (`takeCash`) keeps a timer. Each of the three dispenser steps has a backstop derived from the
 * dispenser's bounds (`cashActBackstopMs`), for a driver that would break them: its outcome is
 * then unknown and goes the road of a coded timeout of unknown outcome (retract, count, reverse;
 * a retract never answered is left for staff).
 */
export const presenting = withdrawalSetup.createStateConfig({
  entry: assign({ deadline: undefined }),
  invoke: {
    id: 'presentCash',
    src: 'presentCash',
    input: ({ context }) => tx(context),
    onDone: 'takeCash',
    onError: { target: 'retractingCash', actions: 'failWithActorError' },
  },
  // a quick hand: the notes are at the slot before the journal has their presentation
  on: { CASH_TAKEN: { actions: assign({ takenWhilePresenting: true }) } },
  // no answer past the dispenser's bounds: as its presentation fault (retract, then reverse)
  after: {
    cashActBackstop: {
      target: 'retractingCash',
      actions: { type: 'fail', params: FAULT.dispenserUnanswered },
    },
  },
});

/** "please take your cash" */
export const takeCash = withdrawalSetup.createStateConfig({
  entry: assign({
    deadline: ({ context }) => {
      const at = context.now() + context.cashTakeMs;
      return { at, warnAt: at };
    },
  }),
  always: {
    guard: ({ context }) => context.takenWhilePresenting,
    target: 'confirming',
    actions: assign({ paidFen: ({ context }) => context.dispensedFen }),
  },
  on: {
    CASH_TAKEN: {
      target: 'confirming',
      actions: assign({ paidFen: ({ context }) => context.dispensedFen }),
    },
    // gone while the dispenser was out of reach: never taken for paid; the retract asked for them
    // refuses with what the kiosk knows and leaves the withdrawal for staff (`retractingCash`)
    CASH_GONE_UNSEEN: {
      target: 'retractingCash',
      actions: { type: 'fail', params: FAULT.cashGoneUnseen },
    },
  },
  after: {
    cashTakeTimeout: {
      target: 'retractingCash',
      actions: {
        type: 'fail',
        params: FAULT.cashNotTaken,
      },
    },
  },
});

/** no step timer: the retract's answer ends it (see `presenting`); no deadline is shown */
export const retractingCash = withdrawalSetup.createStateConfig({
  entry: assign({ deadline: undefined }),
  invoke: {
    id: 'retractCash',
    src: 'retractCash',
    input: ({ context }) => tx(context),
    onDone: 'reversing',
    // the notes may still be at the slot: neither confirm nor reverse, flag for staff
    onError: {
      target: 'done',
      actions: assign({
        outcome: 'failed',
        needsReconciliation: true,
        error: ({ event }) => toCodedError(event.error),
      }),
    },
  },
  on: {
    CASH_TAKEN: {
      target: 'confirming',
      actions: assign({
        paidFen: ({ context }) => context.dispensedFen,
        error: undefined,
        outcome: undefined,
      }),
    },
  },
  // no answer past the dispenser's bounds: as its retract fault, left for staff
  after: {
    cashActBackstop: {
      target: 'done',
      actions: assign({ outcome: 'failed', needsReconciliation: true, error: FAULT.retractUnanswered }),
    },
  },
});

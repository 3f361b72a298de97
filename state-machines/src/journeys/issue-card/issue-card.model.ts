/**
 * An abstract model of card issuance for model-based testing, written from RULES.md apart from
 * `issueCardMachine`: what the resident, the card printer, the payment and the host can do at
 * each step, and where every blank and the application must end up.
 */
import { assign, setup } from 'xstate';

export type IssueModelEvent = {
  readonly type:
    | 'APP_NEW'
    | 'APP_REPLACEMENT'
    | 'APP_REFUSED'
    | 'APP_HANG'
    | 'CANCEL'
    | 'PAY'
    | 'FEE_TIMEOUT'
    | 'ORDER_OPENED'
    | 'ORDER_LATE'
    | 'PAID'
    | 'PAY_FAILED'
    | 'CODE_EXPIRED'
    | 'MADE'
    | 'MAKE_FAIL'
    | 'MAKE_HANG'
    | 'REJECTED'
    | 'REJECT_FAIL'
    | 'PRESENTED'
    | 'PRESENT_FAIL'
    | 'TAKEN'
    | 'LEFT'
    | 'RETRACTED'
    | 'RETRACT_FAIL'
    | 'TAKEN_LATE'
    | 'REPORT_OK'
    | 'REPORT_FAIL';
};

export interface IssueModelContext {
  /** blanks taken so far */
  readonly attempt: number;
  readonly payFailures: number;
  readonly reported: boolean;
}

/**
 * Faults at the slot and at the host are explored with the first blank only; later blanks are
 * made, presented, taken and reported. The retries themselves are explored in full. This keeps
 * every transition of the model covered while the number of simple paths stays in the hundreds.
 */
export const issueCardModel = setup({
  types: {} as { context: IssueModelContext; events: IssueModelEvent },
  actions: {
    nextBlank: assign({ attempt: ({ context }) => context.attempt + 1 }),
    failPayment: assign({ payFailures: 1 }),
  },
  guards: {
    firstBlank: ({ context }) => context.attempt === 1,
    noFailedPayment: ({ context }) => context.payFailures === 0,
  },
}).createMachine({
  id: 'issueCardModel',
  context: { attempt: 0, payFailures: 0, reported: false },
  initial: 'checking',
  states: {
    checking: {
      on: {
        APP_NEW: { target: 'making', actions: 'nextBlank' },
        APP_REPLACEMENT: 'confirmFee',
        APP_REFUSED: 'refused',
        APP_HANG: 'refused',
        CANCEL: 'cancelled',
      },
    },
    confirmFee: {
      on: { PAY: 'paying', FEE_TIMEOUT: 'timedOut', CANCEL: 'cancelled' },
    },
    /** the QR order asked of the host: no code yet */
    paying: {
      on: {
        ORDER_OPENED: 'showingCode',
        // one failed payment is enough to cover the way back to the question (each kind once)
        PAY_FAILED: {
          guard: 'noFailedPayment',
          target: 'confirmFee',
          actions: 'failPayment',
        },
        // the host's answer came after the order had expired: its code is never shown
        ORDER_LATE: { guard: 'noFailedPayment', target: 'confirmFee', actions: 'failPayment' },
        CANCEL: 'cancelled',
      },
    },
    /** the code on screen until its order's own expiry */
    showingCode: {
      on: {
        PAID: { target: 'making', actions: 'nextBlank' },
        CODE_EXPIRED: { guard: 'noFailedPayment', target: 'confirmFee', actions: 'failPayment' },
        CANCEL: 'cancelled',
      },
    },
    making: {
      on: {
        MADE: 'presenting',
        MAKE_FAIL: 'rejecting',
        MAKE_HANG: { guard: 'firstBlank', target: 'rejecting' },
      },
    },
    rejecting: {
      on: {
        REJECTED: [
          { guard: ({ context }) => context.attempt < 3, target: 'making', actions: 'nextBlank' },
          { target: 'reportingNotMade' },
        ],
        REJECT_FAIL: 'reportingNotMade',
      },
    },
    presenting: {
      on: { PRESENTED: 'takeNewCard', PRESENT_FAIL: { guard: 'firstBlank', target: 'retracting' } },
    },
    takeNewCard: {
      on: { TAKEN: 'reportingIssued', LEFT: { guard: 'firstBlank', target: 'retracting' } },
    },
    retracting: {
      on: {
        RETRACTED: 'reportingRetracted',
        RETRACT_FAIL: 'reportingRetracted',
        TAKEN_LATE: 'reportingIssued',
      },
    },
    reportingIssued: {
      on: {
        REPORT_OK: { target: 'issued', actions: assign({ reported: true }) },
        REPORT_FAIL: { guard: 'firstBlank', target: 'issued' },
      },
    },
    reportingRetracted: {
      on: {
        REPORT_OK: { target: 'retracted', actions: assign({ reported: true }) },
        REPORT_FAIL: 'retracted',
      },
    },
    reportingNotMade: {
      on: {
        REPORT_OK: { target: 'notMade', actions: assign({ reported: true }) },
        REPORT_FAIL: { guard: 'firstBlank', target: 'notMade' },
      },
    },
    cancelled: { type: 'final' },
    timedOut: { type: 'final' },
    refused: { type: 'final' },
    issued: { type: 'final' },
    retracted: { type: 'final' },
    notMade: { type: 'final' },
  },
});

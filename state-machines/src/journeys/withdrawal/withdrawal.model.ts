/**
 * An abstract model of the withdrawal for model-based testing (`createTestModel` from
 * `xstate/graph`): what a resident, the devices, the host and the clock can do at each step, and
 * where the money must end up. It is written apart from `withdrawalMachine` on purpose, from
 * RULES.md, so that the tests compare the machine with an independent reading of the rules.
 * Events name the answers; the spec maps each to an action on the running machine.
 */
import { assign, createMachine } from 'xstate';

export type WithdrawalModelEvent = {
  readonly type:
    | 'QUOTA_OK'
    /** the host allows an amount, but the notes left in the cassettes make none */
    | 'QUOTA_NO_NOTES'
    | 'QUOTA_EXHAUSTED'
    | 'QUOTA_HOST_DOWN'
    | 'QUOTA_HANG'
    | 'AMOUNT_OK'
    | 'AMOUNT_OVER_CAP'
    | 'AMOUNT_SPECIAL'
    | 'CHOICE_TIMEOUT'
    | 'CANCEL'
    | 'AUTH_OK'
    | 'AUTH_REFUSED'
    | 'AUTH_UNCERTAIN'
    | 'AUTH_HANG'
    | 'JOURNAL_OK'
    | 'JOURNAL_FAIL'
    | 'JOURNAL_HANG'
    | 'DISPENSE_FULL'
    | 'DISPENSE_SHORT'
    | 'DISPENSE_NONE'
    | 'DISPENSE_JAM'
    /** the dispenser answers after the step timeout (its own bound is longer): waited for */
    | 'DISPENSE_LATE'
    | 'PRESENT_OK'
    | 'PRESENT_FAIL'
    /** the dispenser opens the shutter after the step timeout (its own bound): waited for */
    | 'PRESENT_LATE'
    | 'CASH_TAKEN'
    /**
     * the notes left the slot while the dispenser's link was down: taken or drawn in, it cannot
     * tell; the retract asked for them refuses, so where the money went is for staff
     */
    | 'CASH_GONE_UNSEEN'
    | 'CASH_LEFT'
    | 'RETRACT_OK'
    | 'RETRACT_FAIL'
    /** the retract answers after the step timeout (it waited for a count): waited for */
    | 'RETRACT_LATE'
    | 'CONFIRM_OK'
    | 'CONFIRM_FAIL'
    | 'RECEIPT_OK'
    | 'RECEIPT_FAIL'
    | 'FINISH'
    | 'WALK_AWAY'
    | 'REVERSE_OK'
    | 'REVERSE_FAIL';
};

export const withdrawalModel = createMachine({
  types: {} as { context: { short: boolean; receiptPrinted: boolean }; events: WithdrawalModelEvent },
  id: 'withdrawalModel',
  context: { short: false, receiptPrinted: false },
  initial: 'loadingQuota',
  states: {
    loadingQuota: {
      on: {
        QUOTA_OK: 'chooseAmount',
        QUOTA_NO_NOTES: 'refusedBeforeMoney',
        QUOTA_EXHAUSTED: 'refusedBeforeMoney',
        QUOTA_HOST_DOWN: 'refusedBeforeMoney',
        QUOTA_HANG: 'refusedBeforeMoney',
        CANCEL: 'cancelled',
      },
    },
    chooseAmount: {
      on: {
        AMOUNT_OK: 'authorising',
        AMOUNT_OVER_CAP: 'amountRefused',
        AMOUNT_SPECIAL: 'amountRefused',
        CHOICE_TIMEOUT: 'timedOut',
        CANCEL: 'cancelled',
      },
    },
    /** the refusal is explained; the resident may choose again */
    amountRefused: {
      on: { AMOUNT_OK: 'authorising', CHOICE_TIMEOUT: 'timedOut', CANCEL: 'cancelled' },
    },
    authorising: {
      on: {
        AUTH_OK: 'journaling',
        AUTH_REFUSED: 'refusedBeforeMoney',
        AUTH_UNCERTAIN: 'reversing',
        AUTH_HANG: 'reversing',
      },
    },
    journaling: {
      on: { JOURNAL_OK: 'dispensing', JOURNAL_FAIL: 'reversing', JOURNAL_HANG: 'reversing' },
    },
    dispensing: {
      on: {
        DISPENSE_FULL: 'presenting',
        DISPENSE_SHORT: { target: 'presenting', actions: assign({ short: true }) },
        DISPENSE_NONE: 'reversing',
        DISPENSE_JAM: 'reversing',
        DISPENSE_LATE: 'presenting',
      },
    },
    presenting: {
      on: { PRESENT_OK: 'takeCash', PRESENT_FAIL: 'retractingCash', PRESENT_LATE: 'takeCash' },
    },
    takeCash: {
      on: { CASH_TAKEN: 'confirming', CASH_GONE_UNSEEN: 'cashUnknown', CASH_LEFT: 'retractingCash' },
    },
    retractingCash: {
      on: {
        RETRACT_OK: 'reversing',
        RETRACT_FAIL: 'cashUnknown',
        RETRACT_LATE: 'reversing',
        CASH_TAKEN: 'confirming',
      },
    },
    confirming: {
      on: { CONFIRM_OK: 'printingReceipt', CONFIRM_FAIL: 'printingReceipt' },
    },
    printingReceipt: {
      // the done screen says take the receipt only when the printer printed it
      on: {
        RECEIPT_OK: { target: 'withdrawn', actions: assign({ receiptPrinted: true }) },
        RECEIPT_FAIL: 'withdrawn',
      },
    },
    withdrawn: {
      on: { FINISH: 'paidOut', WALK_AWAY: 'paidOut' },
    },
    reversing: {
      on: { REVERSE_OK: 'reversed', REVERSE_FAIL: 'reversalPending' },
    },
    // where the money can end up
    cancelled: { type: 'final' },
    timedOut: { type: 'final' },
    refusedBeforeMoney: { type: 'final' },
    paidOut: { type: 'final' },
    reversed: { type: 'final' },
    reversalPending: { type: 'final' },
    cashUnknown: { type: 'final' },
  },
});

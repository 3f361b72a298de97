/**
 * Cash from the medical-insurance personal account, within the caps (RULES.md "Balance, records
 * and withdrawal"). The session has verified the card, the PIN, the ID card and the face.
 *
 *   loadingQuota → countingCash → chooseAmount → authorising → journaling → dispensing → presenting
 *     → takeCash → confirming → printingReceipt → withdrawn → done
 *   countingCash: the notes held now make no amount the rules allow → done (nothing asked of the host)
 *   takeCash ─(30 s)→ retractingCash → reversing → done
 *   any fault after the host may have authorised → reversing (what was not paid out) → done
 *   a retract that fails (after the presentation, or after a dispense of unknown outcome) → done,
 *     neither confirmed nor reversed (`needsReconciliation`): the notes may still be at the slot
 *
 * CANCEL is honoured only before authorisation. After that every path ends confirmed, reversed,
 * or flagged `needsReconciliation` (cash state unknown); a confirm or a reversal the host did not
 * answer here is tried again in the background by the daemon (or finished by its journal recovery
 * after a restart), which never repeats a dispense.
 */
import { assign } from 'xstate';
import { ErrorCode, smallestNoteOf } from '@kiosk/domain';
import { toCodedError } from '../../coded-error.js';
import { FAULT } from './withdrawal-faults.js';
import { largestWithdrawal, rulesWithHostCaps, type WithdrawalQuota } from './withdrawal-rules.js';
import { offeredAmounts } from './withdrawal-cash-rules.js';
import { dispensing, presenting, retractingCash, takeCash } from './withdrawal-cash.states.js';
import { UNCERTAIN, account, tx, withdrawalSetup } from './withdrawal.setup.js';
import type { WithdrawalContext } from './withdrawal.types.js';

/** The host's quota, and the kiosk's rules tightened to the host's caps (never loosened). */
const quotaAndRules = (context: WithdrawalContext, quota: WithdrawalQuota): Partial<WithdrawalContext> => ({
  quota,
  rules: rulesWithHostCaps(context.rules, quota.hostCaps),
});

export const withdrawalMachine = withdrawalSetup.createMachine({
  id: 'withdrawal',
  context: ({ input }) => ({
    ...input,
    dispensedFen: 0,
    paidFen: 0,
    takenWhilePresenting: false,
    confirmed: false,
    reversed: false,
    needsReconciliation: false,
  }),
  initial: 'loadingQuota',
  output: ({ context }) => ({
    outcome: context.outcome ?? 'completed',
    error: context.error,
    amountFen: context.amountFen,
    transactionId: context.transactionId,
    paidFen: context.paidFen,
    confirmed: context.confirmed,
    reversed: context.reversed,
    needsReconciliation: context.needsReconciliation,
    receiptPrinted: context.receiptPrinted === true,
    ...(context.recordsPrintRequired ? { recordsPrintRequired: true as const } : {}),
  }),
  states: {
    loadingQuota: {
      entry: 'markDevice',
      invoke: {
        id: 'fetchWithdrawalQuota',
        src: 'fetchWithdrawalQuota',
        input: ({ context }) => account(context),
        onDone: [
          {
            guard: ({ context, event }) =>
              event.output.withdrawalsToday >=
              rulesWithHostCaps(context.rules, event.output.hostCaps).dailyCountMax,
            target: 'done',
            actions: [
              assign(({ context, event }) => quotaAndRules(context, event.output)),
              {
                type: 'fail',
                params: FAULT.countUsedUp,
              },
            ],
          },
          {
            target: 'countingCash',
            actions: assign(({ context, event }) => quotaAndRules(context, event.output)),
          },
        ],
        onError: { target: 'done', actions: 'failWithActorError' },
      },
      after: {
        stepTimeout: {
          target: 'done',
          actions: {
            type: 'fail',
            params: FAULT.authoriseTimeout,
          },
        },
      },
      on: { CANCEL: { target: 'done', actions: assign({ outcome: 'cancelled' }) } },
    },

    /** transient: the notes held now decide the amounts offered (dispenses and staff change them) */
    countingCash: {
      entry: assign(({ context }) => {
        const cash = context.cashUnits();
        return {
          cash,
          rules: { ...context.rules, noteFen: smallestNoteOf(cash) ?? context.rules.noteFen },
          // the paper too: the warning before the amount says what the printer can do now
          receiptAvailable: context.receiptAvailableNow?.() ?? context.receiptAvailable,
        };
      }),
      always: [
        {
          // the rules allow an amount, but the notes left make none: end before the host holds any
          guard: ({ context }) =>
            context.quota !== undefined &&
            largestWithdrawal(context.quota, context.rules) > 0 &&
            offeredAmounts(context.quota, context.rules, context.cash ?? []).length === 0,
          target: 'done',
          actions: { type: 'fail', params: FAULT.noNotes },
        },
        { target: 'chooseAmount' },
      ],
    },

    chooseAmount: {
      entry: 'markStep',
      on: {
        AMOUNT_CHOSEN: [
          {
            guard: 'amountAcceptable',
            target: 'authorising',
            actions: assign({ amountFen: ({ event }) => event.amountFen, error: undefined }),
          },
          { actions: 'refuseAmount' },
        ],
        SPECIAL_WITHDRAWAL: {
          actions: assign({
            error: FAULT.specialAtCounter,
          }),
        },
        MORE_TIME: { target: 'chooseAmount', reenter: true },
        CANCEL: { target: 'done', actions: assign({ outcome: 'cancelled' }) },
      },
      after: { stepTimeout: { target: 'done', actions: assign({ outcome: 'timedOut' }) } },
    },

    authorising: {
      entry: 'markDevice',
      invoke: {
        id: 'authoriseWithdrawal',
        src: 'authoriseWithdrawal',
        input: ({ context }) => ({ ...account(context), amountFen: context.amountFen ?? 0 }),
        onDone: {
          target: 'journaling',
          actions: assign({ transactionId: ({ event }) => event.output.transactionId }),
        },
        onError: [
          {
            guard: ({ event }) => UNCERTAIN.has(toCodedError(event.error).code),
            target: 'reversing',
            actions: 'failWithActorError',
          },
          { target: 'done', actions: 'failWithActorError' },
        ],
      },
      after: {
        stepTimeout: {
          target: 'reversing',
          actions: {
            type: 'fail',
            params: FAULT.authoriseTimeout,
          },
        },
      },
    },

    journaling: {
      invoke: {
        id: 'journalWithdrawal',
        src: 'journalWithdrawal',
        input: ({ context }) => ({ ...tx(context), amountFen: context.amountFen ?? 0 }),
        onDone: 'dispensing',
        onError: { target: 'reversing', actions: 'failWithActorError' },
      },
      after: {
        stepTimeout: {
          target: 'reversing',
          actions: {
            type: 'fail',
            params: FAULT.journalFailed,
          },
        },
      },
    },

    dispensing,
    presenting,
    takeCash,
    retractingCash,

    confirming: {
      entry: 'markDevice',
      invoke: {
        id: 'confirmWithdrawal',
        src: 'confirmWithdrawal',
        input: ({ context }) => ({ ...tx(context), paidFen: context.paidFen }),
        onDone: {
          target: 'printingReceipt',
          actions: assign({
            // false: the host did not answer; the daemon confirms later (background tries)
            confirmed: ({ event }) => event.output?.confirmed !== false,
            // from the card's count after the record, whether the host answered or not
            recordsPrintRequired: ({ event }) => event.output?.recordsPrintRequired === true,
          }),
        },
        // the cash is paid out: the daemon confirms later (background tries, else recovery); the resident is done
        onError: 'printingReceipt',
      },
      after: { stepTimeout: 'printingReceipt' },
    },

    /** only the printer's answer that it printed the receipt makes `receiptPrinted` */
    printingReceipt: {
      always: {
        guard: ({ context }) => !context.receiptAvailable,
        target: 'withdrawn',
        actions: assign({ receiptPrinted: false }),
      },
      invoke: {
        id: 'printWithdrawalReceipt',
        src: 'printWithdrawalReceipt',
        input: ({ context }) => ({ ...tx(context), paidFen: context.paidFen }),
        onDone: { target: 'withdrawn', actions: assign({ receiptPrinted: true }) },
        // refused (no paper, offline, cover open, head too hot) or never confirmed: no receipt
        onError: { target: 'withdrawn', actions: assign({ receiptPrinted: false }) },
      },
      after: { stepTimeout: { target: 'withdrawn', actions: assign({ receiptPrinted: false }) } },
    },

    /** "count your cash" and "take your receipt", or that none was printed (`receiptPrinted`) */
    withdrawn: {
      entry: 'markStep',
      on: { FINISH: 'done', MORE_TIME: { target: 'withdrawn', reenter: true } },
      after: { stepTimeout: 'done' },
    },

    reversing: {
      entry: 'markDevice',
      invoke: {
        id: 'reverseWithdrawal',
        src: 'reverseWithdrawal',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          transactionId: context.transactionId,
          amountFen: (context.amountFen ?? 0) - context.paidFen,
          reason: context.error?.code ?? ErrorCode.INTERNAL,
        }),
        onDone: { target: 'done', actions: assign({ reversed: true }) },
        // the daemon reverses later (background tries, else the journal recovery)
        onError: 'done',
      },
      after: { stepTimeout: 'done' },
    },

    done: {
      type: 'final',
      entry: assign({ deadline: undefined }),
    },
  },
});

export type WithdrawalMachine = typeof withdrawalMachine;

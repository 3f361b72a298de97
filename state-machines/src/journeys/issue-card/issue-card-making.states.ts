/**
 * The card itself, once the fee is settled: one blank after another through the chip station and
 * the printer (a failed one to the reject bin, at most `maxRetries` retries), presented at the slot,
 * taken or retracted, and the host told which. No CANCEL here: every blank ends accounted for.
 */
import { assign } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { FAULT, applicationId, cardNumber, issueCardSetup } from './issue-card.setup.js';

/** one blank through the chip station and the printer (up to 300 s, progress shown) */
export const making = issueCardSetup.createStateConfig({
  entry: [
    assign({ attempt: ({ context }) => context.attempt + 1 }),
    assign({
      deadline: ({ context }) => {
        const at = context.now() + context.makeCardMs;
        return { at, warnAt: at };
      },
    }),
  ],
  invoke: {
    id: 'makeCard',
    src: 'makeCard',
    input: ({ context }) => ({
      sessionId: context.sessionId,
      applicationId: applicationId(context),
      attempt: context.attempt,
    }),
    onDone: {
      target: 'presenting',
      actions: assign({ cardNumber: ({ event }) => event.output.cardNumber, error: undefined }),
    },
    onError: { target: 'rejecting', actions: 'noteActorError' },
  },
  after: { makeCardTimeout: { target: 'rejecting', actions: assign({ error: FAULT.makingTimeout }) } },
});

export const rejecting = issueCardSetup.createStateConfig({
  entry: 'markDevice',
  invoke: {
    id: 'rejectBlank',
    src: 'rejectBlank',
    input: ({ context }) => ({
      sessionId: context.sessionId,
      applicationId: applicationId(context),
      attempt: context.attempt,
      reason: context.error?.code ?? ErrorCode.INTERNAL,
      feePaid: context.feePaid,
    }),
    onDone: [
      {
        guard: 'retriesLeft',
        target: 'making',
        actions: assign({ blanksRejected: ({ context }) => context.blanksRejected + 1 }),
      },
      {
        target: 'reporting',
        actions: [
          assign({ blanksRejected: ({ context }) => context.blanksRejected + 1, result: 'failed' }),
          { type: 'fail', params: FAULT.makingFailed },
        ],
      },
    ],
    // a blank stuck in the printer: no further blank, staff must clear it
    onError: { target: 'reporting', actions: [assign({ result: 'failed' }), 'failWithActorError'] },
  },
  after: {
    stepTimeout: {
      target: 'reporting',
      actions: [assign({ result: 'failed' }), { type: 'fail', params: FAULT.deviceTimeout }],
    },
  },
});

export const presenting = issueCardSetup.createStateConfig({
  entry: 'markDevice',
  invoke: {
    id: 'presentNewCard',
    src: 'presentNewCard',
    input: ({ context }) => ({ sessionId: context.sessionId, cardNumber: cardNumber(context) }),
    onDone: 'takeNewCard',
    onError: { target: 'retractingNewCard', actions: 'failWithActorError' },
  },
  after: {
    stepTimeout: { target: 'retractingNewCard', actions: { type: 'fail', params: FAULT.deviceTimeout } },
  },
});

/** "please take your new card" */
export const takeNewCard = issueCardSetup.createStateConfig({
  entry: assign({
    deadline: ({ context }) => {
      const at = context.now() + context.cardTakeMs;
      return { at, warnAt: at };
    },
  }),
  on: { NEW_CARD_TAKEN: { target: 'reporting', actions: assign({ result: 'issued' }) } },
  after: {
    cardTakeTimeout: { target: 'retractingNewCard', actions: { type: 'fail', params: FAULT.notTaken } },
  },
});

export const retractingNewCard = issueCardSetup.createStateConfig({
  entry: 'markDevice',
  invoke: {
    id: 'retractNewCard',
    src: 'retractNewCard',
    input: ({ context }) => ({ sessionId: context.sessionId, cardNumber: cardNumber(context) }),
    onDone: [
      {
        // the slot found empty as the retract began: the resident took the card, a take seen
        guard: ({ event }) => takenAtRetract(event.output),
        target: 'reporting',
        actions: assign({ result: 'issued', outcome: undefined, error: undefined }),
      },
      { target: 'reporting', actions: assign({ result: 'retracted' }) },
    ],
    onError: [
      {
        // the printer offline or silent: the card may lie at the slot, journaled for staff; the
        // host is told nothing until the printer says where it is (neither issued nor abandoned)
        guard: ({ event }) => newCardLeftAtSlot(event.error),
        target: 'done',
        actions: 'failWithActorError',
      },
      // where the card is, staff must see: reported as retracted with the device's fault
      { target: 'reporting', actions: [assign({ result: 'retracted' }), 'failWithActorError'] },
    ],
  },
  on: {
    NEW_CARD_TAKEN: {
      target: 'reporting',
      actions: assign({ result: 'issued', outcome: undefined, error: undefined }),
    },
  },
  after: {
    stepTimeout: {
      target: 'reporting',
      actions: [assign({ result: 'retracted' }), { type: 'fail', params: FAULT.deviceTimeout }],
    },
  },
});

/**
 * The detail a failed retract's error carries when the new card was left at the slot for staff:
 * the printer offline or silent could not pull it in, nor say whether it is still there
 * (`details.newCardLeftAtSlot`). Its report to the host waits for the printer's answer.
 */
export const NEW_CARD_LEFT_AT_SLOT = 'newCardLeftAtSlot';

/** The retract's error says the new card was left at the slot (see `NEW_CARD_LEFT_AT_SLOT`). */
export function newCardLeftAtSlot(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const details = (error as { details?: unknown }).details;
  return (
    typeof details === 'object' &&
    details !== null &&
    (details as Record<string, unknown>)[NEW_CARD_LEFT_AT_SLOT] === true
  );
}

/** The retract's answer says the card had left the slot before it (`retractNewCard`'s `taken`). */
function takenAtRetract(output: { readonly taken: true } | void): boolean {
  return typeof output === 'object' && output.taken === true;
}

export const reporting = issueCardSetup.createStateConfig({
  entry: 'markDevice',
  invoke: {
    id: 'reportIssuance',
    src: 'reportIssuance',
    input: ({ context }) => ({
      sessionId: context.sessionId,
      applicationId: applicationId(context),
      result: context.result ?? 'failed',
      ...(context.cardNumber ? { cardNumber: context.cardNumber } : {}),
    }),
    onDone: { target: 'done', actions: assign({ reported: true }) },
    // the journal recovery reports later
    onError: 'done',
  },
  after: { stepTimeout: 'done' },
});

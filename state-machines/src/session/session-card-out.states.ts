/**
 * The session's states that give the card back or keep it, every way out of `cardIn`:
 *
 *   ejectingCard → takeCard → ended
 *        │            ├─(not taken)→ retractingCard → ended
 *        │            └─(not taken, the reader cannot capture)→ leavingCardInSlot → ended
 *        ├─(eject fault, the reader cannot capture)→ leavingCardInSlot
 *        └─(eject fault)→ retractingCard
 *   ejectingCard / retractingCard ─(no answer past the backstop)→ accountingForCard → ended
 *   retractingCard ─(retract fault)→ accountingForCard (after an eject fault: the eject's shown)
 *
 * The card moves end on the reader's own answer: the reader bounds each move itself
 * (`devices.cardReader.moveTimeoutMs`, `timeouts.cardMoveMs` here) and answers with the card
 * moved or a coded fault (DEVICE_TIMEOUT past its bound, the move stopped). A 30 s step timer had
 * sent an eject still running to a retract against the busy reader, and ended a retract still
 * running with the card's whereabouts unsettled. The backstop (`cardMoveBackstopMs`: the bound
 * plus a margin) fires only for a reader that broke its bound; the move asked may still run then,
 * so nothing more is asked of the reader: the card is journaled for field staff.
 */
import { assign } from 'xstate';
import { toCodedError } from '../coded-error.js';
import { sessionSetup } from './session.setup.js';

export const ejectingCard = sessionSetup.createStateConfig({
  entry: 'clearDeadline',
  invoke: {
    id: 'ejectCard',
    src: 'ejectCard',
    input: ({ context }) => ({ sessionId: context.sessionId }),
    onDone: 'takeCard',
    onError: [
      // a reader without a capture bin refuses every retract, and its card sticks out of the slot
      // (the hand-back moves nothing): the card is left there for the resident, never "kept for
      // staff" (the reader lost past its wait for it, pcscd gone; the eject's fault journaled)
      { guard: 'readerCannotCapture', target: 'leavingCardInSlot', actions: 'markCardLeftInSlot' },
      {
        target: 'retractingCard',
        actions: assign({
          outcome: 'failed',
          error: ({ event }) => toCodedError(event.error),
          cardEjectFailed: true as const,
        }),
      },
    ],
  },
  on: { CARD_TAKEN: 'leaving', CARD_REMOVED: 'leaving' },
  // the reader's answer (or its coded fault, DEVICE_TIMEOUT past its own bound) ends this step;
  // without one past the backstop the eject may still run: no retract is asked beside it
  after: {
    cardMoveBackstop: {
      target: 'accountingForCard',
      actions: { type: 'markCardUnaccounted', params: 'eject' },
    },
  },
});

export const takeCard = sessionSetup.createStateConfig({
  entry: 'markCardTake',
  on: { CARD_TAKEN: 'leaving', CARD_REMOVED: 'leaving' },
  after: {
    cardTakeTimeout: [
      // a reader without a capture bin (a motorless presence reader) refuses every retract: none
      // is asked, the card is left in its slot, accounted for there (ADR 0002)
      { guard: 'readerCannotCapture', target: 'leavingCardInSlot', actions: 'markCardLeftInSlot' },
      { target: 'retractingCard', actions: 'markCardNotTaken' },
    ],
  },
});

/**
 * The card was not taken (or its hand-back failed: the reader lost past its wait for it) and the
 * reader cannot capture it: it is journaled as left in the slot
 * (card.leftInSlot), never retracted nor "kept for staff" in a bin; the session ends telling the
 * resident to take it (CARD_LEFT_IN_SLOT). The daemon then holds back the journeys that take a card
 * into the reader until the card is taken (CARD_LEFT_IN_READER), so no next session reads it as its
 * own, and journals its removal.
 */
export const leavingCardInSlot = sessionSetup.createStateConfig({
  entry: 'clearDeadline',
  invoke: {
    id: 'leaveCardInSlot',
    src: 'leaveCardInSlot',
    input: ({ context }) => ({ sessionId: context.sessionId }),
    onDone: 'leaving',
    onError: 'leaving',
  },
  after: { stepTimeout: 'leaving' },
});

export const retractingCard = sessionSetup.createStateConfig({
  entry: 'clearDeadline',
  invoke: {
    id: 'retractCard',
    src: 'retractCard',
    input: ({ context }) => ({ sessionId: context.sessionId }),
    onDone: { target: 'leaving', actions: assign({ outcome: 'cardRetracted' }) },
    // neither taken nor captured (the bin full, the reader's own timeout...): the card is
    // accounted for where the reader says it is, for field staff, with the reader's fault. A
    // retract that is only the fallback of a failed hand-back keeps the eject's fault: that is why
    // the card was not given back (the reader offline), and the retract's refusal may not even
    // apply (a presence reader has no capture bin); the journal keeps both (`card.eject`,
    // `card.retract` failed)
    onError: {
      target: 'accountingForCard',
      actions: assign({
        outcome: 'failed',
        error: ({ context, event }) =>
          context.cardEjectFailed && context.error ? context.error : toCodedError(event.error),
        cardUnaccounted: 'retract' as const,
      }),
    },
  },
  // as ejecting: the reader's answer ends it; past the backstop the card is accounted for
  after: {
    cardMoveBackstop: {
      target: 'accountingForCard',
      actions: { type: 'markCardUnaccounted', params: 'retract' },
    },
  },
});

/**
 * The card is neither taken nor captured: the reader did not answer a card move within the
 * backstop (past its own bound: the move may still be running), or its retract failed. Nothing
 * more is asked of the reader; the card is journaled as not accounted for, where the reader says it
 * is, for field staff, and the session ends failed.
 */
export const accountingForCard = sessionSetup.createStateConfig({
  entry: 'clearDeadline',
  invoke: {
    id: 'accountForCard',
    src: 'accountForCard',
    input: ({ context }) => ({ sessionId: context.sessionId, act: context.cardUnaccounted ?? 'eject' }),
    onDone: 'leaving',
    onError: 'leaving',
  },
  after: { stepTimeout: 'leaving' },
});

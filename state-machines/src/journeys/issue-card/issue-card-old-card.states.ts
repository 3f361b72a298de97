/**
 * A replacement's first question, where the kiosk takes damaged cards in: "lost, or damaged and
 * with you?". Lost: on to the application (the host confirms the loss). Damaged: the old card goes
 * into the card reader, which reads what it can and captures it (`handInOldCard`: someone else's
 * card is given back and refused, and the session retracts it if it is left at the slot); then
 * the application, where the host is told the card was handed in and cancels it. Nothing is made
 * or charged before the application.
 */
import { assign } from 'xstate';
import { ErrorCode } from '@kiosk/domain';
import { toCodedError } from '../../coded-error.js';
import type { CardMove } from '../../session/session.types.js';
import { FAULT, issueCardSetup } from './issue-card.setup.js';

/** transient: a replacement where damaged cards are taken in asks why; everything else goes on */
export const starting = issueCardSetup.createStateConfig({
  always: [
    {
      guard: ({ context }) => context.kind === 'replacement' && context.handInDamaged === true,
      target: 'askingReason',
    },
    { target: 'checkingApplication' },
  ],
});

/** "why do you need a new card: lost, or damaged and with you?" */
export const askingReason = issueCardSetup.createStateConfig({
  entry: 'markStep',
  on: {
    REPLACEMENT_REASON: [
      {
        guard: ({ event }) => event.reason === 'damaged',
        target: 'insertOldCard',
        actions: assign({ replacementReason: 'damaged' }),
      },
      { target: 'checkingApplication', actions: assign({ replacementReason: 'lost' }) },
    ],
    MORE_TIME: { target: 'askingReason', reenter: true },
    CANCEL: { target: 'done', actions: 'cancel' },
  },
  after: { stepTimeout: { target: 'done', actions: { type: 'fail', params: FAULT.timedOut } } },
});

/** "put your old card into the card reader" */
export const insertOldCard = issueCardSetup.createStateConfig({
  entry: 'markStep',
  invoke: {
    id: 'awaitOldCard',
    src: 'awaitOldCard',
    input: ({ context }) => ({ sessionId: context.sessionId }),
    onDone: 'handingInOldCard',
    onError: { target: 'done', actions: 'failWithActorError' },
  },
  on: {
    MORE_TIME: { target: 'insertOldCard', reenter: true },
    CANCEL: { target: 'done', actions: 'cancel' },
  },
  after: {
    stepTimeout: { target: 'done', actions: { type: 'fail', params: FAULT.oldCardNotInserted } },
  },
});

/** hand-in faults after which no card is in the kiosk: pulled out by the resident, or no reader */
const CARD_NOT_KEPT: readonly string[] = [ErrorCode.CARD_REMOVED, ErrorCode.JOURNEY_NOT_OFFERED];

/**
 * The reader reads the old card and captures it: no CANCEL, the card ends captured or given back.
 * The step ends on the hand-in's answer (the card captured, or a coded fault: the reader bounds its
 * moves itself); a step timer had stopped a capture still running with the card's whereabouts
 * unsettled. Past the backstop (the step's time for the read, the reader's bound of a move plus the
 * margin) the reader broke its bound: the card is accounted for by the session (card.unaccounted),
 * as it is after the hand-in's own fault (ADR 0016: a capture refused for a full bin, the reader's
 * own timeout) unless the card left the reader.
 *
 * The backstop names what the reader was asked when it fired (`oldCardStep`): the chip read from
 * this step's start, then the move `handInOldCard` reports before it asks for it (OLD_CARD_MOVING):
 * the eject of someone else's card (at the slot, or still in the reader), or the capture (in the
 * capture bin, or still in the reader). It had named the capture whatever ran, and staff looked
 * for someone else's card in the capture bin.
 *
 * The backstop stops the hand-in after it marked the card unaccounted (`oldCardUnaccounted`), and
 * the hand-in reads that mark (`cardLeftForStaff`): stopped by the backstop it asks the reader
 * nothing more; stopped by the session (its time ran out, the kiosk stops) it gives back a card
 * not yet captured. It could not tell the two apart and, stopped during the chip read, ejected the
 * card that card.unaccounted had just told staff was in the reader.
 */
export const handingInOldCard = issueCardSetup.createStateConfig({
  entry: ['markDevice', assign({ oldCardStep: 'read' as const })],
  invoke: {
    id: 'handInOldCard',
    src: 'handInOldCard',
    input: ({ context, self }) => ({
      sessionId: context.sessionId,
      idNumber: context.idNumber,
      moving: (move: CardMove) => self.send({ type: 'OLD_CARD_MOVING', move }),
      // set by the backstop before it stops the hand-in: the card is the session's to account for
      cardLeftForStaff: () => self.getSnapshot().context.oldCardUnaccounted !== undefined,
    }),
    onDone: {
      target: 'checkingApplication',
      actions: assign({ oldCard: ({ event }) => event.output }),
    },
    onError: [
      {
        // someone else's card, refused: given back at the slot, where it must not be left
        guard: ({ event }) => toCodedError(event.error).code === ErrorCode.ID_MISMATCH,
        target: 'done',
        actions: ['failWithActorError', assign({ oldCardAtSlot: true })],
      },
      {
        // the card left the reader (pulled out) or none was ever taken in (no reader): no card kept
        guard: ({ event }) => CARD_NOT_KEPT.includes(toCodedError(event.error).code),
        target: 'done',
        actions: 'failWithActorError',
      },
      // any other fault (the capture refused for a full bin, the reader's own timeout, someone
      // else's card that could not be given back...): the card is neither captured nor given back,
      // so the session accounts for it after the move that failed: the eject when the hand-in had
      // reported it (OLD_CARD_MOVING), else the capture
      {
        target: 'done',
        actions: [
          'failWithActorError',
          assign({
            oldCardUnaccounted: ({ context }) => (context.oldCardStep === 'eject' ? 'eject' : 'retract'),
          }),
        ],
      },
    ],
  },
  on: { OLD_CARD_MOVING: { actions: assign({ oldCardStep: ({ event }) => event.move }) } },
  after: {
    handInBackstop: {
      target: 'done',
      actions: [
        { type: 'fail', params: FAULT.oldCardReaderTimeout },
        assign({ oldCardUnaccounted: ({ context }) => context.oldCardStep ?? 'read' }),
      ],
    },
  },
});

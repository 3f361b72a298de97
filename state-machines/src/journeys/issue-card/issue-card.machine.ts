/**
 * A social-security card made on the spot (即办即取, RULES.md "Issuing a card on the spot"), new
 * or replacing a lost or damaged one. The session has identified the resident by ID card + face.
 *
 *   (a replacement where damaged cards are taken in) askingReason → (lost) checkingApplication
 *       └─(damaged)→ insertOldCard → handingInOldCard (read, captured) → checkingApplication
 *   checkingApplication → (fee due) confirmFee → paying → making ⟲ rejecting (≤ 2 retries)
 *   → presenting → takeNewCard → reporting → done
 *                      └─(30 s)→ retractingNewCard → reporting → done
 *
 * CANCEL is honoured until the first blank leaves the hopper; from then on every blank ends
 * issued, retracted or in the reject bin, and the host is told which. The resident's ID card is
 * their proof while the fee is asked: taken off the reader at the fee (confirmFee, paying), the
 * journey ends as if abandoned (ID_CARD_REMOVED), and a QR order left open is closed like a
 * timed-out one (refunded if paid just before). Once the card is being made it is too late. The daemon journals each
 * act of making a card before it acts (inside `makeCard`).
 */
import {
  DEFAULT_CARD_MAKING_MS,
  DEFAULT_CARD_MAKING_RETRIES,
  DEFAULT_FEE_PAYMENT_MS,
  FEE_METHODS,
} from '@kiosk/domain';
import { assign } from 'xstate';
import { FAULT, applicationId, feeDeadline, issueCardSetup } from './issue-card.setup.js';
import { askingReason, handingInOldCard, insertOldCard, starting } from './issue-card-old-card.states.js';
import {
  making,
  presenting,
  rejecting,
  reporting,
  retractingNewCard,
  takeNewCard,
} from './issue-card-making.states.js';

export const issueCardMachine = issueCardSetup.createMachine({
  id: 'issueCard',
  context: ({ input }) => ({
    ...input,
    maxRetries: input.maxRetries ?? DEFAULT_CARD_MAKING_RETRIES,
    makeCardMs: input.makeCardMs ?? DEFAULT_CARD_MAKING_MS,
    paymentMs: input.paymentMs ?? DEFAULT_FEE_PAYMENT_MS,
    feeMethods: input.feeMethods ?? FEE_METHODS,
    feePaid: false,
    attempt: 0,
    blanksRejected: 0,
    reported: false,
  }),
  initial: 'starting',
  output: ({ context }) => ({
    outcome: context.outcome ?? 'completed',
    error: context.error,
    applicationId: context.application?.applicationId,
    cardNumber: context.cardNumber,
    result: context.result,
    feePaid: context.feePaid,
    blanksRejected: context.blanksRejected,
    reported: context.reported,
    replacementReason: context.replacementReason,
    oldCard: context.oldCard,
    ...(context.oldCardAtSlot ? { oldCardAtSlot: true } : {}),
    ...(context.oldCardUnaccounted ? { oldCardUnaccounted: context.oldCardUnaccounted } : {}),
  }),
  states: {
    starting,
    askingReason,
    insertOldCard,
    handingInOldCard,

    checkingApplication: {
      entry: 'markDevice',
      invoke: {
        id: 'checkApplication',
        src: 'checkApplication',
        input: ({ context }) => ({
          sessionId: context.sessionId,
          idNumber: context.idNumber,
          kind: context.kind,
          ...(context.replacementReason ? { replacementReason: context.replacementReason } : {}),
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.feeDueFen > 0,
            target: 'confirmFee',
            actions: assign({ application: ({ event }) => event.output }),
          },
          { target: 'making', actions: assign({ application: ({ event }) => event.output }) },
        ],
        onError: { target: 'done', actions: 'failWithActorError' },
      },
      after: { stepTimeout: { target: 'done', actions: { type: 'fail', params: FAULT.hostTimeout } } },
      on: { CANCEL: { target: 'done', actions: 'cancel' } },
    },

    /** "the replacement fee is 20 yuan: pay by QR code or from your account?" */
    confirmFee: {
      entry: 'markStep',
      on: {
        // only a way the region takes the fee (the screen offers no other)
        PAY_WITH: [
          {
            guard: ({ context, event }) => context.feeMethods.includes(event.method),
            target: 'paying',
            actions: assign({ feeMethod: ({ event }) => event.method }),
          },
          { actions: assign({ error: FAULT.feeMethodNotOffered }) },
        ],
        MORE_TIME: { target: 'confirmFee', reenter: true },
        CANCEL: { target: 'done', actions: 'cancel' },
        ID_CARD_REMOVED: { target: 'done', actions: { type: 'fail', params: FAULT.idCardRemoved } },
      },
      after: { stepTimeout: { target: 'done', actions: { type: 'fail', params: FAULT.timedOut } } },
    },

    /**
     * The fee asked of the host (`payFee`): from the account, one host call; by QR, the code on
     * screen until paid. Until the QR order is known (`opening`) no code is shown and the wait is
     * bounded by `paymentMs`. Once the daemon reports the order (`FEE_ORDER_OPENED`, how much
     * longer the host keeps it payable, counted on the kiosk's clock: ADR 0015), the deadline IS
     * the order's expiry (`showingCode`): the code never outlives its order, however long the
     * host took to make it. An order already expired when its answer came is never shown.
     * "Need more time?" comes as long before the end as on any step; more time is a fresh code:
     * leaving this state stops `payFee`, whose order the daemon closes at the host (refunded if it
     * was paid just before the close landed, the last moment included), and a new order is made.
     */
    paying: {
      // a new try: the last one's refusal is no longer what the screen says
      entry: assign({
        deadline: ({ context }) => feeDeadline(context, context.now() + context.paymentMs),
        error: undefined,
        feeAccountSent: false,
        feeStopAsked: undefined,
      }),
      invoke: {
        id: 'payFee',
        src: 'payFee',
        input: ({ context, event, self }) => ({
          sessionId: context.sessionId,
          applicationId: applicationId(context),
          amountFen: context.application?.feeDueFen ?? 0,
          method: event.type === 'PAY_WITH' ? event.method : (context.feeMethod ?? 'qr'),
          orderOpened: (order: { readonly payableForMs: number }) =>
            self.send({ type: 'FEE_ORDER_OPENED', payableForMs: order.payableForMs }),
          accountSent: () => self.send({ type: 'FEE_ACCOUNT_SENT' }),
        }),
        // paid (a Cancel meanwhile included: the fee is taken, so the card is made)
        onDone: {
          target: 'making',
          actions: assign({ feePaid: true, error: undefined, feeStopAsked: undefined }),
        },
        onError: [
          // refused after Cancel or the ID card lifted while the account paid: that stop, now
          {
            guard: ({ context }) => context.feeStopAsked === 'cancel',
            target: 'done',
            actions: 'cancel',
          },
          {
            guard: ({ context }) => context.feeStopAsked === 'idCardRemoved',
            target: 'done',
            actions: { type: 'fail', params: FAULT.idCardRemoved },
          },
          // not paid: the resident may try again or another way
          { target: 'confirmFee', actions: 'noteActorError' },
        ],
      },
      initial: 'opening',
      states: {
        opening: {
          after: {
            paymentTimeout: {
              target: '#issueCard.confirmFee',
              actions: assign({ error: FAULT.paymentTimeout }),
            },
          },
          on: {
            FEE_ORDER_OPENED: [
              {
                // the host's answer came after the order's end: its code is never shown
                guard: ({ event }) => event.payableForMs <= 0,
                target: '#issueCard.confirmFee',
                actions: assign({ error: FAULT.orderExpiredOnArrival }),
              },
              {
                target: 'showingCode',
                actions: assign({
                  deadline: ({ context, event }) => feeDeadline(context, context.now() + event.payableForMs),
                }),
              },
            ],
          },
        },
        showingCode: {
          after: {
            orderExpiry: {
              target: '#issueCard.confirmFee',
              actions: assign({ error: FAULT.paymentTimeout }),
            },
          },
        },
      },
      on: {
        // a fresh try; not once the account's payment is sent: leaving would abort the host call
        // that takes the fee, and its answer is near (its tries fit the fee's wait)
        MORE_TIME: { guard: 'feeStoppable', target: 'paying', reenter: true },
        FEE_ACCOUNT_SENT: { actions: assign({ feeAccountSent: true }) },
        // not once the account's payment is sent (below): the fee taken, the resident would read
        // "cancelled"; before (an earlier QR order still closing) it stops at once, nothing sent
        CANCEL: [
          { guard: 'feeStoppable', target: 'done', actions: 'cancel' },
          { actions: assign({ feeStopAsked: 'cancel' }) },
        ],
        // the resident's proof left: abandoned; leaving stops `payFee`, whose order is closed. Not
        // once the account's payment is sent: that one host call takes the fee, and stopping it
        // would tell "nothing charged" of a fee the host took; its answer is waited for, the screen
        // saying the kiosk is finishing with the office (paid: the card is made; refused: ended)
        ID_CARD_REMOVED: [
          { guard: 'feeStoppable', target: 'done', actions: { type: 'fail', params: FAULT.idCardRemoved } },
          { actions: assign({ feeStopAsked: ({ context }) => context.feeStopAsked ?? 'idCardRemoved' }) },
        ],
      },
    },

    making,
    rejecting,
    presenting,
    takeNewCard,
    retractingNewCard,
    reporting,

    done: {
      type: 'final',
      entry: assign({ deadline: undefined }),
    },
  },
});

export type IssueCardMachine = typeof issueCardMachine;

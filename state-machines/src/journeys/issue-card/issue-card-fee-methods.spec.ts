/**
 * RULES.md: the replacement fee is paid by QR payment or from the personal account, per region.
 * A way the region does not take is refused at the fee, and nothing is paid or made.
 */
import { describe, expect, it } from '@jest/globals';
import { initialTransition, transition } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { issueCardMachine } from './issue-card.machine.js';
import type { FeeMethod, IssueCardEvent } from './issue-card.types.js';
import { issueInput } from '../../testing/issue-card-harness.js';

const done = (id: string, output?: unknown): AnyEventObject => ({ type: `xstate.done.actor.${id}`, output });

function atFee(feeMethods?: readonly FeeMethod[]) {
  let [s] = initialTransition(issueCardMachine, {
    ...issueInput(() => 0, 'replacement'),
    ...(feeMethods ? { feeMethods } : {}),
  });
  [s] = transition(
    issueCardMachine,
    s,
    done('checkApplication', { applicationId: 'app-8', feeDueFen: 2_000 }) as IssueCardEvent,
  );
  expect(s.value).toBe('confirmFee');
  return s;
}

/** the account's payment sent to the host: past stopping */
const sent = (s: ReturnType<typeof atFee>) => transition(issueCardMachine, s, { type: 'FEE_ACCOUNT_SENT' });
const refusedByAccount = {
  type: 'xstate.error.actor.payFee',
  error: { code: 'INSUFFICIENT_BALANCE', message: 'The personal account cannot pay the fee.' },
} as unknown as IssueCardEvent;

describe('issuance: the ways the region takes the fee', () => {
  it('takes both ways by default', () => {
    for (const method of ['qr', 'account'] as const) {
      const [s] = transition(issueCardMachine, atFee(), { type: 'PAY_WITH', method });
      expect(s.matches('paying')).toBe(true);
    }
  });

  it('JOURNEY_NOT_OFFERED: the account refused where the region takes QR payments only; QR goes on', () => {
    const fee = atFee(['qr']);
    const [refused, actions] = transition(issueCardMachine, fee, { type: 'PAY_WITH', method: 'account' });
    expect(refused.value).toBe('confirmFee');
    expect(refused.context.error?.code).toBe('JOURNEY_NOT_OFFERED');
    expect(actions.some((a) => a.type === 'xstate.spawnChild')).toBe(false);
    const [paying] = transition(issueCardMachine, refused, { type: 'PAY_WITH', method: 'qr' });
    expect(paying.matches('paying')).toBe(true);
  });

  describe('fault: id-card-lifted-while-account-pays', () => {
    // the account's payment is one host call that books the fee once sent: the journey ended on the
    // ID card lifted meanwhile told "nothing was made or charged" while the host took the fee
    it('the ID card lifted while the account pays: the payment is waited for, and a paid fee makes the card', () => {
      const [paying] = sent(
        transition(issueCardMachine, atFee(), { type: 'PAY_WITH', method: 'account' })[0],
      );
      const [lifted, actions] = transition(issueCardMachine, paying, { type: 'ID_CARD_REMOVED' });
      expect(lifted.matches('paying')).toBe(true);
      expect(actions).toHaveLength(0); // the payment goes on: nothing stopped, nothing started
      const [paid] = transition(
        issueCardMachine,
        lifted,
        done('payFee', { paymentId: 'account' }) as IssueCardEvent,
      );
      expect(paid.value).toBe('making');
      expect(paid.context.feePaid).toBe(true);
    });
  });

  describe('fault: cancel-while-account-pays', () => {
    // Cancel pressed while the account paid ended the journey "cancelled" and aborted the host call
    // that takes the fee once sent: charged, told nothing was done, no card
    it('Cancel while the account pays: the payment is waited for; refused, Cancel then ends it', () => {
      const [paying] = sent(
        transition(issueCardMachine, atFee(), { type: 'PAY_WITH', method: 'account' })[0],
      );
      const [pressed, actions] = transition(issueCardMachine, paying, { type: 'CANCEL' });
      expect(pressed.matches('paying')).toBe(true);
      expect(actions).toHaveLength(0);
      const [cancelled] = transition(issueCardMachine, pressed, refusedByAccount);
      expect(cancelled.status).toBe('done');
      expect(cancelled.context.outcome).toBe('cancelled');
    });
  });

  describe('fault: more-time-while-account-pays-orders-qr', () => {
    // "need more time?" while the account paid stopped that payment and opened a QR order instead
    it('more time while the account pays asks the account again, never a QR order', () => {
      const [paying] = transition(issueCardMachine, atFee(), { type: 'PAY_WITH', method: 'account' });
      const [again, actions] = transition(issueCardMachine, paying, { type: 'MORE_TIME' });
      expect(again.matches('paying')).toBe(true);
      const spawned = actions.find((a) => a.type === 'xstate.spawnChild') as
        { params?: { input?: { method?: string } } } | undefined;
      expect(spawned?.params?.input?.method).toBe('account');
    });
  });

  describe('the ID card lifted while the QR code shows', () => {
    it('still ends the journey: nothing paid, the order closed', () => {
      const [paying] = transition(issueCardMachine, atFee(), { type: 'PAY_WITH', method: 'qr' });
      const [lifted] = transition(issueCardMachine, paying, { type: 'ID_CARD_REMOVED' });
      expect(lifted.status).toBe('done');
      expect(lifted.context.error?.code).toBe('ID_CARD_REMOVED');
    });
  });

  describe('fault: last-fee-refusal-shown-beside-new-code', () => {
    // the refusal of the last try (a code run out, the account short) stayed in the view while the
    // next try ran: "not paid in time" beside a fresh QR code, and the fee screen, reading an error,
    // showed the buttons again instead of "the code is coming"
    it('paying again clears the last refusal: the step shows the try under way only', () => {
      const [paying] = transition(issueCardMachine, atFee(), { type: 'PAY_WITH', method: 'account' });
      const refused = {
        type: 'xstate.error.actor.payFee',
        error: { code: 'INSUFFICIENT_BALANCE', message: 'The personal account cannot pay the fee.' },
      };
      const [asked] = transition(issueCardMachine, paying, refused as unknown as IssueCardEvent);
      expect(asked.context.error?.code).toBe('INSUFFICIENT_BALANCE');
      const [again] = transition(issueCardMachine, asked, { type: 'PAY_WITH', method: 'qr' });
      expect(again.matches('paying')).toBe(true);
      expect(again.context.error).toBeUndefined();
    });
  });
});

/**
 * Fault: cancel-ignored-while-earlier-order-closes. Cancel and the ID card lifted were ignored on the
 * account road for as long as the close of an earlier QR order took (seconds when the host is
 * slow), though nothing was sent to the account yet. Now, until the account's payment is sent, they
 * stop it at once; once sent, they take effect when the host answers (refused: ended; paid: the
 * card is made), the screen saying meanwhile that the kiosk is finishing with the office.
 */
describe('fault: cancel-ignored-while-earlier-order-closes', () => {
  it('Cancel while the account road waits for the earlier order: ended at once, the payment stopped', () => {
    const [paying] = transition(issueCardMachine, atFee(), { type: 'PAY_WITH', method: 'account' });
    const [cancelled] = transition(issueCardMachine, paying, { type: 'CANCEL' });
    expect(cancelled.status).toBe('done');
    expect(cancelled.context.outcome).toBe('cancelled');
  });

  it('the ID card lifted while the account road waits for the earlier order: ended at once', () => {
    const [paying] = transition(issueCardMachine, atFee(), { type: 'PAY_WITH', method: 'account' });
    const [lifted] = transition(issueCardMachine, paying, { type: 'ID_CARD_REMOVED' });
    expect(lifted.status).toBe('done');
    expect(lifted.context.error?.code).toBe('ID_CARD_REMOVED');
  });

  it('the ID card lifted once the account’s payment is sent: said finishing, ended when refused', () => {
    const [paying] = sent(transition(issueCardMachine, atFee(), { type: 'PAY_WITH', method: 'account' })[0]);
    const [lifted] = transition(issueCardMachine, paying, { type: 'ID_CARD_REMOVED' });
    expect(lifted.matches('paying')).toBe(true);
    expect(lifted.context.feeStopAsked).toBe('idCardRemoved');
    const [ended] = transition(issueCardMachine, lifted, refusedByAccount);
    expect(ended.status).toBe('done');
    expect(ended.context.error?.code).toBe('ID_CARD_REMOVED');
  });

  it('Cancel once the account’s payment is sent, then paid: the card is made for the fee taken', () => {
    const [paying] = sent(transition(issueCardMachine, atFee(), { type: 'PAY_WITH', method: 'account' })[0]);
    const [pressed] = transition(issueCardMachine, paying, { type: 'CANCEL' });
    expect(pressed.context.feeStopAsked).toBe('cancel');
    const [paid] = transition(
      issueCardMachine,
      pressed,
      done('payFee', { paymentId: 'account' }) as IssueCardEvent,
    );
    expect(paid.value).toBe('making');
    expect(paid.context.feeStopAsked).toBeUndefined();
  });
});

/**
 * Fault: more-time-aborts-account-payment-sent. "Need more time?" answered while the account's
 * payment was at the host started the step again, which stops `payFee` and aborts the host call
 * that takes the fee once sent: charged, and asked to pay again. Once sent, more time is not taken.
 */
describe('fault: more-time-aborts-account-payment-sent', () => {
  it('more time once the account’s payment is sent: the payment goes on, nothing stopped', () => {
    const [paying] = sent(transition(issueCardMachine, atFee(), { type: 'PAY_WITH', method: 'account' })[0]);
    const [after, actions] = transition(issueCardMachine, paying, { type: 'MORE_TIME' });
    expect(after.matches('paying')).toBe(true);
    expect(actions).toHaveLength(0);
  });
});

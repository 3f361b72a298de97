import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { initialTransition, transition, waitFor } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { issueCardMachine } from './issue-card.machine.js';
import type { IssueCardEvent } from './issue-card.types.js';
import { PAY_MS, STEP_MS, TAKE_MS, issueInput, startIssue } from '../../testing/issue-card-harness.js';

const done = (id: string, output?: unknown): AnyEventObject => ({ type: `xstate.done.actor.${id}`, output });
const failed = (id: string, code: string): AnyEventObject => ({
  type: `xstate.error.actor.${id}`,
  error: { code, message: code },
});
const after = (delay: string, state: string): AnyEventObject => ({
  type: `xstate.after.${delay}.issueCard.${state}`,
});

function run(events: AnyEventObject[]) {
  let [s] = initialTransition(
    issueCardMachine,
    issueInput(() => 0, 'replacement'),
  );
  for (const e of events) [s] = transition(issueCardMachine, s, e as IssueCardEvent);
  return s;
}

const newApp = done('checkApplication', { applicationId: 'app-1', feeDueFen: 0 });
const feeApp = done('checkApplication', { applicationId: 'app-1', feeDueFen: 2_000 });
const made = done('makeCard', { cardNumber: 'H41080000900' });
const payQr: AnyEventObject = { type: 'PAY_WITH', method: 'qr' };
const idCardRemoved: AnyEventObject = { type: 'ID_CARD_REMOVED' };
const orderOpened = (payableForMs: number): AnyEventObject => ({ type: 'FEE_ORDER_OPENED', payableForMs });

describe('card issuance (pure transitions)', () => {
  it.each<[string, AnyEventObject[], string | object]>([
    ['a new card with no fee goes straight to making', [newApp], 'making'],
    ['a replacement asks for the fee', [feeApp], 'confirmFee'],
    ['a refused application ends', [failed('checkApplication', 'APPLICATION_NOT_FOUND')], 'done'],
    ['a host that never answers ends', [after('stepTimeout', 'checkingApplication')], 'done'],
    ['CANCEL while checking ends', [{ type: 'CANCEL' }], 'done'],
    ['paying by QR waits for the order', [feeApp, payQr], { paying: 'opening' }],
    ['the order made, its code shows', [feeApp, payQr, orderOpened(60_000)], { paying: 'showingCode' }],
    ['no answer on the fee ends', [feeApp, after('stepTimeout', 'confirmFee')], 'done'],
    ['CANCEL on the fee ends', [feeApp, { type: 'CANCEL' }], 'done'],
    ['a paid fee starts the card', [feeApp, payQr, done('payFee', { paymentId: 'p' })], 'making'],
    ['a failed payment asks again', [feeApp, payQr, failed('payFee', 'FEE_NOT_PAID')], 'confirmFee'],
    [
      'a payment that never comes asks again',
      [feeApp, payQr, after('paymentTimeout', 'paying.opening')],
      'confirmFee',
    ],
    [
      'a code not paid by its order’s expiry asks again',
      [feeApp, payQr, orderOpened(60_000), after('orderExpiry', 'paying.showingCode')],
      'confirmFee',
    ],
    ['CANCEL while paying ends', [feeApp, payQr, { type: 'CANCEL' }], 'done'],
    ['CANCEL while making is ignored', [newApp, { type: 'CANCEL' }], 'making'],
    ['a made card is presented', [newApp, made], 'presenting'],
    ['a failed blank is rejected', [newApp, failed('makeCard', 'CARD_DATA_CORRUPT')], 'rejecting'],
    ['a blank that never finishes is rejected', [newApp, after('makeCardTimeout', 'making')], 'rejecting'],
    [
      'a rejected blank is followed by the next',
      [newApp, failed('makeCard', 'CARD_PRINTER_JAM'), done('rejectBlank')],
      'making',
    ],
    [
      'a blank stuck in the printer stops the making',
      [newApp, failed('makeCard', 'CARD_PRINTER_JAM'), failed('rejectBlank', 'CARD_PRINTER_JAM')],
      'reporting',
    ],
    ['a presented card waits to be taken', [newApp, made, done('presentNewCard')], 'takeNewCard'],
    [
      'a card that cannot be presented is retracted',
      [newApp, made, failed('presentNewCard', 'CARD_PRINTER_JAM')],
      'retractingNewCard',
    ],
    [
      'a taken card is reported',
      [newApp, made, done('presentNewCard'), { type: 'NEW_CARD_TAKEN' }],
      'reporting',
    ],
    [
      'a card not taken is retracted',
      [newApp, made, done('presentNewCard'), after('cardTakeTimeout', 'takeNewCard')],
      'retractingNewCard',
    ],
    [
      'a retracted card is reported',
      [newApp, made, done('presentNewCard'), after('cardTakeTimeout', 'takeNewCard'), done('retractNewCard')],
      'reporting',
    ],
    [
      'a report ends the journey',
      [newApp, made, done('presentNewCard'), { type: 'NEW_CARD_TAKEN' }, done('reportIssuance')],
      'done',
    ],
    [
      'a failed report still ends the journey',
      [
        newApp,
        made,
        done('presentNewCard'),
        { type: 'NEW_CARD_TAKEN' },
        failed('reportIssuance', 'HOST_UNREACHABLE'),
      ],
      'done',
    ],
    ['fault: ID card removed at the fee choice: abandoned', [feeApp, idCardRemoved], 'done'],
    ['fault: ID card removed while the QR code shows: abandoned', [feeApp, payQr, idCardRemoved], 'done'],
    ['an ID card removed once the card is being made changes nothing', [newApp, idCardRemoved], 'making'],
  ])('%s', (_, events, value) => {
    expect(run(events).value).toEqual(value);
  });

  it('fault: ID card removed while the QR code shows: ended failed with ID_CARD_REMOVED, no card, no fee', () => {
    const s = run([feeApp, payQr, idCardRemoved]);
    expect(s.status).toBe('done');
    expect(s.output).toMatchObject({
      outcome: 'failed',
      error: { code: 'ID_CARD_REMOVED' },
      feePaid: false,
      blanksRejected: 0,
    });
    expect(s.output?.cardNumber).toBeUndefined();
  });
});

describe('card issuance (actors on a simulated clock)', () => {
  it('makes a new card, hands it over and reports it issued', async () => {
    const h = startIssue('new');
    expect(h.fakes.checkApplication.last.input).toEqual({
      sessionId: 's-1',
      idNumber: '410802198003151310',
      kind: 'new',
    });
    h.fakes.checkApplication.last.resolve({ applicationId: 'app-7', feeDueFen: 0 });
    await waitFor(h.actor, (s) => s.matches('making'));
    expect(h.fakes.makeCard.last.input).toEqual({ sessionId: 's-1', applicationId: 'app-7', attempt: 1 });
    h.fakes.makeCard.last.resolve({ cardNumber: 'H41080000900' });
    await waitFor(h.actor, (s) => s.matches('presenting'));
    h.fakes.presentNewCard.last.resolve();
    await waitFor(h.actor, (s) => s.matches('takeNewCard'));
    h.actor.send({ type: 'NEW_CARD_TAKEN' });
    expect(h.fakes.reportIssuance.last.input).toEqual({
      sessionId: 's-1',
      applicationId: 'app-7',
      result: 'issued',
      cardNumber: 'H41080000900',
    });
    h.fakes.reportIssuance.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toEqual({
      outcome: 'completed',
      error: undefined,
      applicationId: 'app-7',
      cardNumber: 'H41080000900',
      result: 'issued',
      feePaid: false,
      blanksRejected: 0,
      reported: true,
    });
  });

  it('takes the replacement fee from the account after a QR payment fails', async () => {
    const h = startIssue('replacement');
    h.fakes.checkApplication.last.resolve({ applicationId: 'app-8', feeDueFen: 2_000 });
    await waitFor(h.actor, (s) => s.matches('confirmFee'));
    h.actor.send({ type: 'PAY_WITH', method: 'qr' });
    h.fakes.payFee.last.reject(new KioskError('FEE_NOT_PAID', 'The QR payment was not completed.'));
    await waitFor(h.actor, (s) => s.matches('confirmFee'));
    expect(h.actor.getSnapshot().context.error?.code).toBe('FEE_NOT_PAID');
    h.actor.send({ type: 'PAY_WITH', method: 'account' });
    expect(h.fakes.payFee.last.input).toEqual({
      sessionId: 's-1',
      applicationId: 'app-8',
      amountFen: 2_000,
      method: 'account',
      orderOpened: expect.any(Function),
      accountSent: expect.any(Function),
    });
    h.fakes.payFee.last.resolve({ paymentId: 'pay-2' });
    await waitFor(h.actor, (s) => s.matches('making'));
    expect(h.actor.getSnapshot().context.feePaid).toBe(true);
  });

  it('asks "need more time?" before the QR wait ends; more time is a fresh order, the first one stopped', async () => {
    const h = startIssue('replacement');
    h.fakes.checkApplication.last.resolve({ applicationId: 'app-8', feeDueFen: 2_000 });
    await waitFor(h.actor, (s) => s.matches('confirmFee'));
    const start = h.clock.now();
    h.actor.send({ type: 'PAY_WITH', method: 'qr' });
    // the whole wait is the payment order's validity; the prompt comes as long before its end as on any step
    expect(h.actor.getSnapshot().context.deadline).toEqual({
      at: start + PAY_MS,
      warnAt: start + PAY_MS - (STEP_MS - 20_000),
    });
    const first = h.fakes.payFee.last;
    h.clock.increment(PAY_MS - 5_000);
    h.actor.send({ type: 'MORE_TIME' });
    // the first wait is stopped (the daemon closes its order) and a new one starts, the full time again
    expect(first.signal.aborted).toBe(true);
    expect(h.fakes.payFee.calls).toHaveLength(2);
    expect(h.fakes.payFee.last.input).toMatchObject({ applicationId: 'app-8', method: 'qr' });
    expect(h.actor.getSnapshot().context.deadline?.at).toBe(h.clock.now() + PAY_MS);
    h.clock.increment(PAY_MS - 1);
    expect(h.actor.getSnapshot().matches('paying')).toBe(true);
    h.clock.increment(1);
    await waitFor(h.actor, (s) => s.matches('confirmFee'));
    expect(h.fakes.payFee.last.signal.aborted).toBe(true);
    expect(h.actor.getSnapshot().context.error?.code).toBe('FEE_NOT_PAID');
  });

  it('sends the resident to a counter after the third blank fails, every blank in the reject bin', async () => {
    const h = startIssue('new');
    h.fakes.checkApplication.last.resolve({ applicationId: 'app-9', feeDueFen: 0 });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await waitFor(h.actor, () => h.fakes.makeCard.calls.length === attempt);
      h.fakes.makeCard.last.reject(new KioskError('CARD_DATA_CORRUPT', 'The chip did not read back.'));
      await waitFor(h.actor, () => h.fakes.rejectBlank.calls.length === attempt);
      expect(h.fakes.rejectBlank.last.input).toEqual({
        sessionId: 's-1',
        applicationId: 'app-9',
        attempt,
        reason: 'CARD_DATA_CORRUPT',
        feePaid: false,
      });
      h.fakes.rejectBlank.last.resolve();
    }
    await waitFor(h.actor, (s) => s.matches('reporting'));
    expect(h.fakes.reportIssuance.last.input).toEqual({
      sessionId: 's-1',
      applicationId: 'app-9',
      result: 'failed',
    });
    h.fakes.reportIssuance.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'CARD_MAKING_FAILED' },
      blanksRejected: 3,
    });
  });

  it('retracts a new card left at the slot for 30 s and reports it retracted', async () => {
    const h = startIssue('new');
    h.fakes.checkApplication.last.resolve({ applicationId: 'app-10', feeDueFen: 0 });
    await waitFor(h.actor, (s) => s.matches('making'));
    h.fakes.makeCard.last.resolve({ cardNumber: 'H41080000901' });
    await waitFor(h.actor, (s) => s.matches('presenting'));
    h.fakes.presentNewCard.last.resolve();
    await waitFor(h.actor, (s) => s.matches('takeNewCard'));
    h.clock.increment(TAKE_MS);
    expect(h.actor.getSnapshot().value).toBe('retractingNewCard');
    h.fakes.retractNewCard.last.resolve();
    await waitFor(h.actor, (s) => s.matches('reporting'));
    expect(h.fakes.reportIssuance.last.input.result).toBe('retracted');
    h.fakes.reportIssuance.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'CARD_NOT_TAKEN_RETRACTED' },
    });
  });
});

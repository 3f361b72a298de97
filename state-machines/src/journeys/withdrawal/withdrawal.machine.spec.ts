import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { initialTransition, transition, waitFor } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { withdrawalMachine } from './withdrawal.machine.js';
import type { WithdrawalEvent } from './withdrawal.types.js';
import {
  CASH_TAKE_MS,
  QUOTA,
  STEP_MS,
  startWithdrawal,
  withdrawalInput,
} from '../../testing/withdrawal-harness.js';
import type { WithdrawalHarness } from '../../testing/withdrawal-harness.js';
import { AMOUNT, reachDispensing } from './dispenser-waits.spec-support.js';

const done = (id: string, output?: unknown): AnyEventObject => ({ type: `xstate.done.actor.${id}`, output });

function run(events: AnyEventObject[], receiptAvailable = true) {
  let [s, actions] = initialTransition(
    withdrawalMachine,
    withdrawalInput(() => 0, receiptAvailable),
  );
  for (const e of events) [s, actions] = transition(withdrawalMachine, s, e as WithdrawalEvent);
  return { s, actions };
}

/** 30 000 fen asked (AMOUNT) on the hold tx-9, `dispensedFen` counted out, the notes presented */
async function reachTakeCash(h: WithdrawalHarness, dispensedFen = AMOUNT): Promise<void> {
  await reachDispensing(h, 'tx-9');
  h.fakes.dispenseCash.last.resolve({ dispensedFen });
  await waitFor(h.actor, (s) => s.matches('presenting'));
  h.fakes.presentCash.last.resolve();
  await waitFor(h.actor, (s) => s.matches('takeCash'));
}

describe('withdrawal (pure transitions)', () => {
  const toChoose = [done('fetchWithdrawalQuota', QUOTA)];

  it('explains a refused amount and stays on the choice', () => {
    const { s } = run([...toChoose, { type: 'AMOUNT_CHOSEN', amountFen: 15_000 }]);
    expect(s.value).toBe('chooseAmount');
    expect(s.context.error).toEqual({
      code: 'WITHDRAWAL_NOT_NOTE_MULTIPLE',
      message: expect.stringContaining('multiple of the smallest note'),
    });
  });

  it('refuses a special withdrawal with advice to go to a counter', () => {
    const { s } = run([...toChoose, { type: 'SPECIAL_WITHDRAWAL', kind: 'movingRegion' }]);
    expect(s.value).toBe('chooseAmount');
    expect(s.context.error?.code).toBe('WITHDRAWAL_SPECIAL_AT_COUNTER');
  });

  it('asks the host to authorise an acceptable amount, with the card holder', () => {
    const { s, actions } = run([...toChoose, { type: 'AMOUNT_CHOSEN', amountFen: 50_000 }]);
    expect(s.value).toBe('authorising');
    const spawn = actions.find((a) => a.type === 'xstate.spawnChild') as
      { params: { input: unknown } } | undefined;
    expect(spawn?.params.input).toEqual({
      sessionId: 's-1',
      cardNumber: 'H41080000101',
      idNumber: '410802198003151310',
      amountFen: 50_000,
    });
  });

  it('ignores CANCEL once the host is authorising', () => {
    const { s } = run([...toChoose, { type: 'AMOUNT_CHOSEN', amountFen: 30_000 }, { type: 'CANCEL' }]);
    expect(s.value).toBe('authorising');
  });

  it('ends before any choice when today’s withdrawals are used up', () => {
    const { s } = run([done('fetchWithdrawalQuota', { ...QUOTA, withdrawalsToday: 2 })]);
    expect(s.value).toBe('done');
    expect(s.context.error?.code).toBe('WITHDRAWAL_DAILY_COUNT_EXCEEDED');
  });

  it('skips the receipt when there is no paper', () => {
    const events = [
      ...toChoose,
      { type: 'AMOUNT_CHOSEN', amountFen: 30_000 },
      done('authoriseWithdrawal', { transactionId: 'tx' }),
      done('journalWithdrawal'),
      done('dispenseCash', { dispensedFen: 30_000 }),
      done('presentCash'),
      { type: 'CASH_TAKEN' },
      done('confirmWithdrawal'),
    ];
    expect(run(events, false).s.value).toBe('withdrawn');
    expect(run(events, true).s.value).toBe('printingReceipt');
  });
});

describe('withdrawal (actors on a simulated clock)', () => {
  it('pays out, confirms what was paid and prints the receipt', async () => {
    const h = startWithdrawal();
    await reachTakeCash(h);
    h.actor.send({ type: 'CASH_TAKEN' });
    await waitFor(h.actor, (s) => s.matches('confirming'));
    h.fakes.confirmWithdrawal.last.resolve();
    await waitFor(h.actor, (s) => s.matches('printingReceipt'));
    expect(h.fakes.printWithdrawalReceipt.last.input).toEqual({
      sessionId: 's-1',
      transactionId: 'tx-9',
      paidFen: 30_000,
    });
    h.fakes.printWithdrawalReceipt.last.resolve();
    await waitFor(h.actor, (s) => s.matches('withdrawn'));
    h.actor.send({ type: 'FINISH' });
    expect(h.actor.getSnapshot().output).toEqual({
      outcome: 'completed',
      error: undefined,
      amountFen: 30_000,
      transactionId: 'tx-9',
      paidFen: 30_000,
      confirmed: true,
      reversed: false,
      needsReconciliation: false,
      receiptPrinted: true,
    });
  });

  it('confirms the cash taken while its presentation was still being journaled (a quick hand)', async () => {
    const h = startWithdrawal();
    await reachDispensing(h, 'tx-9');
    h.fakes.dispenseCash.last.resolve({ dispensedFen: 30_000 });
    await waitFor(h.actor, (s) => s.matches('presenting'));
    h.actor.send({ type: 'CASH_TAKEN' });
    h.fakes.presentCash.last.resolve();
    await waitFor(h.actor, (s) => s.matches('confirming'));
    expect(h.fakes.confirmWithdrawal.last.input).toMatchObject({ paidFen: 30_000 });
    h.clock.increment(CASH_TAKE_MS);
    expect(h.fakes.retractCash.calls).toHaveLength(0);
  });

  it('retracts the cash and reverses the amount when the resident walks away from the slot', async () => {
    const h = startWithdrawal();
    await reachTakeCash(h);
    h.clock.increment(CASH_TAKE_MS);
    expect(h.actor.getSnapshot().value).toBe('retractingCash');
    h.fakes.retractCash.last.resolve();
    await waitFor(h.actor, (s) => s.matches('reversing'));
    expect(h.fakes.reverseWithdrawal.last.input).toEqual({
      sessionId: 's-1',
      transactionId: 'tx-9',
      amountFen: 30_000,
      reason: 'CASH_NOT_TAKEN',
    });
    h.fakes.reverseWithdrawal.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'failed', reversed: true, paidFen: 0 });
  });

  it('reverses the whole amount when the dispenser jams after authorisation', async () => {
    const h = startWithdrawal();
    await reachDispensing(h, 'tx-9');
    h.fakes.dispenseCash.last.reject(new KioskError('CASH_JAM', 'Notes jammed in the dispenser.'));
    await waitFor(h.actor, (s) => s.matches('reversing'));
    expect(h.fakes.reverseWithdrawal.last.input.amountFen).toBe(30_000);
    expect(h.fakes.presentCash.calls).toHaveLength(0);
  });

  it('never starts the receipt printer when it has no paper', async () => {
    const h = startWithdrawal(false);
    await reachTakeCash(h);
    h.actor.send({ type: 'CASH_TAKEN' });
    h.fakes.confirmWithdrawal.last.resolve();
    await waitFor(h.actor, (s) => s.matches('withdrawn'));
    expect(h.fakes.printWithdrawalReceipt.calls).toHaveLength(0);
  });

  it('confirms only the notes paid when the dispenser counts out less than asked', async () => {
    const h = startWithdrawal();
    await reachTakeCash(h, 20_000);
    h.actor.send({ type: 'CASH_TAKEN' });
    await waitFor(h.actor, (s) => s.matches('confirming'));
    expect(h.fakes.confirmWithdrawal.last.input.paidFen).toBe(20_000);
  });

  it('flags the cash for staff when the retract fails, without confirming or reversing', async () => {
    const h = startWithdrawal();
    await reachTakeCash(h);
    h.clock.increment(CASH_TAKE_MS);
    h.fakes.retractCash.last.reject(new KioskError('CASH_JAM', 'The shutter jammed.'));
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'failed', needsReconciliation: true });
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
    expect(h.fakes.confirmWithdrawal.calls).toHaveLength(0);
  });

  it('reverses by idempotency key when the host times out on authorisation', async () => {
    const h = startWithdrawal();
    h.fakes.fetchWithdrawalQuota.last.resolve(QUOTA);
    await waitFor(h.actor, (s) => s.matches('chooseAmount'));
    h.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: 30_000 });
    h.clock.increment(STEP_MS);
    expect(h.fakes.authoriseWithdrawal.last.signal.aborted).toBe(true);
    expect(h.actor.getSnapshot().value).toBe('reversing');
    expect(h.fakes.reverseWithdrawal.last.input).toEqual({
      sessionId: 's-1',
      transactionId: undefined,
      amountFen: 30_000,
      reason: 'HOST_TIMEOUT',
    });
  });

  it('times out on the amount choice without touching the host', async () => {
    const h = startWithdrawal();
    h.fakes.fetchWithdrawalQuota.last.resolve(QUOTA);
    await waitFor(h.actor, (s) => s.matches('chooseAmount'));
    h.clock.increment(20_000);
    h.actor.send({ type: 'MORE_TIME' });
    h.clock.increment(STEP_MS - 1);
    expect(h.actor.getSnapshot().value).toBe('chooseAmount');
    h.clock.increment(1);
    expect(h.actor.getSnapshot().output?.outcome).toBe('timedOut');
    expect(h.fakes.authoriseWithdrawal.calls).toHaveLength(0);
  });
});

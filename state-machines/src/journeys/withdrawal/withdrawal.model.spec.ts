/**
 * Model-based path coverage of the withdrawal (the third test layer of the XState docs):
 * `createTestModel(withdrawalModel)` yields every simple path to a final state of the abstract
 * model; each path is replayed against a running `withdrawalMachine` whose actors are fakes on a
 * simulated clock, and every state of the path checks the machine and the money.
 */
import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import { createTestModel } from 'xstate/graph';
import type { TestParam } from 'xstate/graph';
import type { SnapshotFrom } from 'xstate';
import { withdrawalModel } from './withdrawal.model.js';
import type { WithdrawalModelEvent } from './withdrawal.model.js';
import { CASH_TAKE_MS, QUOTA, STEP_MS, startWithdrawal } from '../../testing/withdrawal-harness.js';
import type { WithdrawalHarness } from '../../testing/withdrawal-harness.js';
import { settle } from '../../testing/pending-actor.js';

const AMOUNT = 30_000;
const SHORT = 20_000;
const coded = (code: string) => ({ code, message: code });

type ModelSnapshot = SnapshotFrom<typeof withdrawalModel>;
type Exec = (h: WithdrawalHarness, model: ModelSnapshot) => void;

/** How each answer of the model is played on the running machine. */
const EXEC: Record<WithdrawalModelEvent['type'], Exec> = {
  QUOTA_OK: (h) => h.fakes.fetchWithdrawalQuota.last.resolve(QUOTA),
  QUOTA_NO_NOTES: (h) => {
    h.cash.units = [{ denominationFen: 10_000, count: 0 }];
    h.fakes.fetchWithdrawalQuota.last.resolve(QUOTA);
  },
  QUOTA_EXHAUSTED: (h) => h.fakes.fetchWithdrawalQuota.last.resolve({ ...QUOTA, withdrawalsToday: 2 }),
  QUOTA_HOST_DOWN: (h) => h.fakes.fetchWithdrawalQuota.last.reject(coded('HOST_UNREACHABLE')),
  QUOTA_HANG: (h) => h.clock.increment(STEP_MS),
  AMOUNT_OK: (h) => h.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: AMOUNT }),
  AMOUNT_OVER_CAP: (h) => h.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: 60_000 }),
  AMOUNT_SPECIAL: (h) => h.actor.send({ type: 'SPECIAL_WITHDRAWAL', kind: 'leavingJob' }),
  CHOICE_TIMEOUT: (h) => h.clock.increment(STEP_MS),
  CANCEL: (h) => h.actor.send({ type: 'CANCEL' }),
  AUTH_OK: (h) => h.fakes.authoriseWithdrawal.last.resolve({ transactionId: 'tx-1' }),
  AUTH_REFUSED: (h) => h.fakes.authoriseWithdrawal.last.reject(coded('ANOMALY_BLOCKED')),
  AUTH_UNCERTAIN: (h) => h.fakes.authoriseWithdrawal.last.reject(coded('HOST_TIMEOUT')),
  AUTH_HANG: (h) => h.clock.increment(STEP_MS),
  JOURNAL_OK: (h) => h.fakes.journalWithdrawal.last.resolve(),
  JOURNAL_FAIL: (h) => h.fakes.journalWithdrawal.last.reject(coded('JOURNAL_WRITE_FAILED')),
  JOURNAL_HANG: (h) => h.clock.increment(STEP_MS),
  DISPENSE_FULL: (h) => h.fakes.dispenseCash.last.resolve({ dispensedFen: AMOUNT }),
  DISPENSE_SHORT: (h) => h.fakes.dispenseCash.last.resolve({ dispensedFen: SHORT }),
  DISPENSE_NONE: (h) => h.fakes.dispenseCash.last.resolve({ dispensedFen: 0 }),
  DISPENSE_JAM: (h) => h.fakes.dispenseCash.last.reject(coded('CASH_JAM')),
  DISPENSE_LATE: (h) => {
    // the step timeout passes: the dispense goes on, nothing is reversed beside it
    h.clock.increment(STEP_MS * 2);
    if (h.fakes.dispenseCash.last.signal.aborted)
      throw new Error('the dispense was stopped at the step timeout');
    h.fakes.dispenseCash.last.resolve({ dispensedFen: AMOUNT });
  },
  PRESENT_OK: (h) => h.fakes.presentCash.last.resolve(),
  PRESENT_FAIL: (h) => h.fakes.presentCash.last.reject(coded('DEVICE_HARDWARE_ERROR')),
  PRESENT_LATE: (h) => {
    // the step timeout passes: the presentation goes on, nothing is retracted beside it
    h.clock.increment(STEP_MS * 2);
    if (h.fakes.presentCash.last.signal.aborted)
      throw new Error('the presentation was stopped at the step timeout');
    h.fakes.presentCash.last.resolve();
  },
  CASH_TAKEN: (h) => h.actor.send({ type: 'CASH_TAKEN' }),
  CASH_GONE_UNSEEN: (h) => {
    h.actor.send({ type: 'CASH_GONE_UNSEEN' });
    // the driver's retract of notes gone unseen refuses with what it knows, sending nothing
    h.fakes.retractCash.last.reject(coded('DEVICE_OFFLINE'));
  },
  CASH_LEFT: (h) => h.clock.increment(CASH_TAKE_MS),
  RETRACT_OK: (h) => h.fakes.retractCash.last.resolve(),
  RETRACT_FAIL: (h) => h.fakes.retractCash.last.reject(coded('CASH_JAM')),
  RETRACT_LATE: (h) => {
    // the step timeout passes: the retract goes on (the dispenser was counting) and is waited for
    h.clock.increment(STEP_MS * 2);
    if (h.fakes.retractCash.last.signal.aborted)
      throw new Error('the retract was stopped at the step timeout');
    h.fakes.retractCash.last.resolve();
  },
  CONFIRM_OK: (h) => h.fakes.confirmWithdrawal.last.resolve(),
  CONFIRM_FAIL: (h) => h.fakes.confirmWithdrawal.last.reject(coded('HOST_UNREACHABLE')),
  RECEIPT_OK: (h) => h.fakes.printWithdrawalReceipt.last.resolve(),
  RECEIPT_FAIL: (h) => h.fakes.printWithdrawalReceipt.last.reject(coded('DEVICE_SUPPLY_EMPTY')),
  FINISH: (h) => h.actor.send({ type: 'FINISH' }),
  WALK_AWAY: (h) => h.clock.increment(STEP_MS),
  REVERSE_OK: (h) => h.fakes.reverseWithdrawal.last.resolve(),
  REVERSE_FAIL: (h) => h.fakes.reverseWithdrawal.last.reject(coded('HOST_UNREACHABLE')),
};

async function inState(h: WithdrawalHarness, value: string): Promise<void> {
  await settle();
  await waitFor(h.actor, (s) => s.matches(value as never), { timeout: 500 });
}

function output(h: WithdrawalHarness) {
  const out = h.actor.getSnapshot().output;
  if (!out) throw new Error('the withdrawal has not ended');
  return out;
}

/** What each state of the model demands of the machine and of the money. */
function checks(h: WithdrawalHarness): TestParam<ModelSnapshot, WithdrawalModelEvent>['states'] {
  const running = ['loadingQuota', 'chooseAmount', 'authorising', 'journaling', 'dispensing', 'presenting'];
  const more = ['takeCash', 'retractingCash', 'confirming', 'printingReceipt', 'withdrawn', 'reversing'];
  const states: NonNullable<TestParam<ModelSnapshot, WithdrawalModelEvent>['states']> = {};
  for (const value of [...running, ...more]) states[value] = () => inState(h, value);
  states.amountRefused = async () => {
    await inState(h, 'chooseAmount');
    expect(h.actor.getSnapshot().context.error?.code).toMatch(
      /WITHDRAWAL_(SINGLE_CAP_EXCEEDED|SPECIAL_AT_COUNTER)/,
    );
  };
  const nothingMoved = () => {
    expect(output(h)).toMatchObject({
      paidFen: 0,
      confirmed: false,
      reversed: false,
      needsReconciliation: false,
    });
    expect(h.fakes.dispenseCash.calls).toHaveLength(0);
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
  };
  states.cancelled = async () => {
    await inState(h, 'done');
    expect(output(h).outcome).toBe('cancelled');
    expect(h.fakes.authoriseWithdrawal.calls).toHaveLength(0);
    nothingMoved();
  };
  states.timedOut = async () => {
    await inState(h, 'done');
    expect(output(h).outcome).toBe('timedOut');
    expect(h.fakes.authoriseWithdrawal.calls).toHaveLength(0);
    nothingMoved();
  };
  states.refusedBeforeMoney = async () => {
    await inState(h, 'done');
    expect(output(h).outcome).toBe('failed');
    expect(output(h).error).toBeDefined();
    nothingMoved();
  };
  states.paidOut = async (model) => {
    await inState(h, 'done');
    const paid = model.context.short ? SHORT : AMOUNT;
    expect(output(h)).toMatchObject({
      outcome: 'completed',
      paidFen: paid,
      reversed: false,
      needsReconciliation: false,
      receiptPrinted: model.context.receiptPrinted,
    });
    expect(h.fakes.confirmWithdrawal.last.input).toEqual({
      sessionId: 's-1',
      transactionId: 'tx-1',
      paidFen: paid,
    });
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
    expect(h.fakes.dispenseCash.calls).toHaveLength(1);
  };
  const reversedInFull = () => {
    expect(output(h)).toMatchObject({
      outcome: 'failed',
      paidFen: 0,
      confirmed: false,
      needsReconciliation: false,
    });
    expect(h.fakes.reverseWithdrawal.last.input.amountFen).toBe(AMOUNT);
    expect(h.fakes.confirmWithdrawal.calls).toHaveLength(0);
    expect(h.fakes.dispenseCash.calls.length).toBeLessThanOrEqual(1);
  };
  states.reversed = async () => {
    await inState(h, 'done');
    reversedInFull();
    expect(output(h).reversed).toBe(true);
  };
  states.reversalPending = async () => {
    await inState(h, 'done');
    reversedInFull();
    expect(output(h).reversed).toBe(false);
  };
  states.cashUnknown = async () => {
    await inState(h, 'done');
    expect(output(h)).toMatchObject({
      outcome: 'failed',
      needsReconciliation: true,
      confirmed: false,
      reversed: false,
    });
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
  };
  return states;
}

const model = createTestModel(withdrawalModel);
const paths = model.getSimplePaths();

describe('withdrawal: every path of the model (createTestModel)', () => {
  it('reaches every final state of the model', () => {
    const finals = new Set(paths.map((p) => String(p.state.value)));
    expect([...finals].sort()).toEqual(
      [
        'cancelled',
        'cashUnknown',
        'paidOut',
        'refusedBeforeMoney',
        'reversalPending',
        'reversed',
        'timedOut',
      ].sort(),
    );
  });

  it.each(paths.map((p) => [p.description, p] as const))('%s', async (_, path) => {
    const h = startWithdrawal();
    const events = Object.fromEntries(
      Object.entries(EXEC).map(([type, exec]) => [
        type,
        (step: { state: ModelSnapshot }) => exec(h, step.state),
      ]),
    );
    await path.test({ states: checks(h), events });
  });
});

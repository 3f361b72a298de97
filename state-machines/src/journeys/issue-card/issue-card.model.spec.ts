/**
 * Model-based path coverage of card issuance: every simple path of `issueCardModel` to a final
 * state is replayed against a running `issueCardMachine` with fakes on a simulated clock; each
 * state checks the machine, every final state checks where the blanks and the application went.
 */
import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import { createTestModel } from 'xstate/graph';
import type { TestParam } from 'xstate/graph';
import { issueCardModel } from './issue-card.model.js';
import type { IssueModelEvent } from './issue-card.model.js';
import { MAKE_MS, PAY_MS, STEP_MS, TAKE_MS, startIssue } from '../../testing/issue-card-harness.js';
import type { IssueHarness } from '../../testing/issue-card-harness.js';
import { settle } from '../../testing/pending-actor.js';

type ModelSnapshot = SnapshotFrom<typeof issueCardModel>;
const coded = (code: string) => ({ code, message: code });
const APP = { applicationId: 'app-1', feeDueFen: 0 };

const EXEC: Record<IssueModelEvent['type'], (h: IssueHarness, model: ModelSnapshot) => void> = {
  APP_NEW: (h) => h.fakes.checkApplication.last.resolve(APP),
  APP_REPLACEMENT: (h) => h.fakes.checkApplication.last.resolve({ ...APP, feeDueFen: 2_000 }),
  APP_REFUSED: (h) => h.fakes.checkApplication.last.reject(coded('APPLICATION_NOT_FOUND')),
  APP_HANG: (h) => h.clock.increment(STEP_MS),
  CANCEL: (h) => h.actor.send({ type: 'CANCEL' }),
  PAY: (h) => h.actor.send({ type: 'PAY_WITH', method: 'qr' }),
  FEE_TIMEOUT: (h) => h.clock.increment(STEP_MS),
  ORDER_OPENED: (h) => h.fakes.payFee.last.input.orderOpened({ payableForMs: PAY_MS / 2 }),
  ORDER_LATE: (h) => h.fakes.payFee.last.input.orderOpened({ payableForMs: 0 }),
  PAID: (h) => h.fakes.payFee.last.resolve({ paymentId: 'pay-1' }),
  PAY_FAILED: (h) => h.clock.increment(PAY_MS),
  CODE_EXPIRED: (h) => h.clock.increment(PAY_MS / 2),
  MADE: (h, m) => h.fakes.makeCard.last.resolve({ cardNumber: `H4108000090${m.context.attempt}` }),
  MAKE_FAIL: (h) => h.fakes.makeCard.last.reject(coded('CARD_DATA_CORRUPT')),
  MAKE_HANG: (h) => h.clock.increment(MAKE_MS),
  REJECTED: (h) => h.fakes.rejectBlank.last.resolve(),
  REJECT_FAIL: (h) => h.fakes.rejectBlank.last.reject(coded('CARD_PRINTER_JAM')),
  PRESENTED: (h) => h.fakes.presentNewCard.last.resolve(),
  PRESENT_FAIL: (h) => h.fakes.presentNewCard.last.reject(coded('CARD_PRINTER_JAM')),
  TAKEN: (h) => h.actor.send({ type: 'NEW_CARD_TAKEN' }),
  LEFT: (h) => h.clock.increment(TAKE_MS),
  RETRACTED: (h) => h.fakes.retractNewCard.last.resolve(),
  RETRACT_FAIL: (h) => h.fakes.retractNewCard.last.reject(coded('CARD_PRINTER_JAM')),
  TAKEN_LATE: (h) => h.actor.send({ type: 'NEW_CARD_TAKEN' }),
  REPORT_OK: (h) => h.fakes.reportIssuance.last.resolve(),
  REPORT_FAIL: (h) => h.fakes.reportIssuance.last.reject(coded('HOST_UNREACHABLE')),
};

/** Model state → machine state while the journey runs. */
const RUNNING: Record<string, string> = {
  checking: 'checkingApplication',
  confirmFee: 'confirmFee',
  paying: 'paying.opening',
  showingCode: 'paying.showingCode',
  making: 'making',
  rejecting: 'rejecting',
  presenting: 'presenting',
  takeNewCard: 'takeNewCard',
  retracting: 'retractingNewCard',
  reportingIssued: 'reporting',
  reportingRetracted: 'reporting',
  reportingNotMade: 'reporting',
};

function checks(h: IssueHarness): NonNullable<TestParam<ModelSnapshot, IssueModelEvent>['states']> {
  const inState = async (value: string) => {
    await settle();
    await waitFor(h.actor, (s) => s.matches(value as never), { timeout: 500 });
  };
  const output = () => {
    const out = h.actor.getSnapshot().output;
    if (!out) throw new Error('issuance has not ended');
    return out;
  };
  const states: NonNullable<TestParam<ModelSnapshot, IssueModelEvent>['states']> = {};
  for (const [model, machine] of Object.entries(RUNNING)) {
    states[model] = async (m) => {
      await inState(machine);
      if (model === 'making') expect(h.actor.getSnapshot().context.attempt).toBe(m.context.attempt);
    };
  }
  const nothingMade = async () => {
    await inState('done');
    expect(h.fakes.makeCard.calls).toHaveLength(0);
    expect(h.fakes.reportIssuance.calls).toHaveLength(0);
    expect(output().result).toBeUndefined();
  };
  states.cancelled = async () => {
    await nothingMade();
    expect(output().outcome).toBe('cancelled');
  };
  states.timedOut = async () => {
    await nothingMade();
    expect(output().outcome).toBe('failed');
  };
  states.refused = async () => {
    await nothingMade();
    expect(output().outcome).toBe('failed');
  };
  /** every blank taken from the hopper is issued, retracted or rejected, and the host hears the end */
  const everyBlankAccounted = (m: ModelSnapshot) => {
    expect(h.fakes.makeCard.calls).toHaveLength(m.context.attempt);
    expect(h.fakes.makeCard.calls.map((c) => c.input.attempt)).toEqual(
      Array.from({ length: m.context.attempt }, (_, i) => i + 1),
    );
    expect(h.fakes.reportIssuance.calls).toHaveLength(1);
    expect(output().reported).toBe(m.context.reported);
  };
  states.issued = async (m) => {
    await inState('done');
    everyBlankAccounted(m);
    expect(output()).toMatchObject({
      outcome: 'completed',
      result: 'issued',
      blanksRejected: m.context.attempt - 1,
    });
    expect(h.fakes.reportIssuance.last.input).toMatchObject({
      result: 'issued',
      cardNumber: output().cardNumber,
    });
  };
  states.retracted = async (m) => {
    await inState('done');
    everyBlankAccounted(m);
    expect(output()).toMatchObject({ outcome: 'failed', result: 'retracted' });
    expect(h.fakes.retractNewCard.calls).toHaveLength(1);
  };
  states.notMade = async (m) => {
    await inState('done');
    everyBlankAccounted(m);
    expect(output()).toMatchObject({ outcome: 'failed', result: 'failed' });
    expect(h.fakes.rejectBlank.calls).toHaveLength(m.context.attempt);
    expect(h.fakes.presentNewCard.calls).toHaveLength(0);
    expect(h.fakes.makeCard.calls.length).toBeLessThanOrEqual(3);
  };
  return states;
}

// only events the model takes in that state: a guarded-out event is no step of the journey
const paths = createTestModel(issueCardModel).getSimplePaths({
  filterEvents: (state, event) => state.can(event),
});

describe('card issuance: every path of the model (createTestModel)', () => {
  it('reaches every end of the model, including three blanks failing', () => {
    const ends = new Set(paths.map((p) => String(p.state.value)));
    expect([...ends].sort()).toEqual(['cancelled', 'issued', 'notMade', 'refused', 'retracted', 'timedOut']);
    expect(paths.some((p) => p.state.value === 'issued' && p.state.context.attempt === 3)).toBe(true);
  });

  it.each(paths.map((p) => [p.description, p] as const))('%s', async (_, path) => {
    const h = startIssue();
    const events = Object.fromEntries(
      Object.entries(EXEC).map(([type, exec]) => [
        type,
        (step: { state: ModelSnapshot }) => exec(h, step.state),
      ]),
    );
    await path.test({ states: checks(h), events });
  });
});

/**
 * Model-based path coverage of a replacement's old card: every simple path of `oldCardModel` is
 * replayed against a running `issueCardMachine` (damaged cards taken in) with fakes on a simulated
 * clock; every end checks whether the host was asked, with which reason, and what was captured.
 */
import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import { createTestModel } from 'xstate/graph';
import type { TestParam } from 'xstate/graph';
import { oldCardModel } from './issue-card-old-card.model.js';
import type { OldCardModelEvent } from './issue-card-old-card.model.js';
import { STEP_MS, startIssue } from '../../testing/issue-card-harness.js';
import type { IssueHarness } from '../../testing/issue-card-harness.js';
import { handInBackstopMs } from './issue-card.setup.js';
import { settle } from '../../testing/pending-actor.js';

type ModelSnapshot = SnapshotFrom<typeof oldCardModel>;
const coded = (code: string) => ({ code, message: code });

const EXEC: Record<OldCardModelEvent['type'], (h: IssueHarness) => void> = {
  LOST: (h) => h.actor.send({ type: 'REPLACEMENT_REASON', reason: 'lost' }),
  DAMAGED: (h) => h.actor.send({ type: 'REPLACEMENT_REASON', reason: 'damaged' }),
  NO_ANSWER: (h) => h.clock.increment(STEP_MS),
  CANCEL: (h) => h.actor.send({ type: 'CANCEL' }),
  INSERTED: (h) => h.fakes.awaitOldCard.last.resolve(),
  NOT_INSERTED: (h) => h.clock.increment(STEP_MS),
  CAPTURED_READ: (h) => h.fakes.handInOldCard.last.resolve({ chip: 'read' }),
  CAPTURED_UNREADABLE: (h) => h.fakes.handInOldCard.last.resolve({ chip: 'unreadable' }),
  NOT_HOLDERS: (h) => h.fakes.handInOldCard.last.reject(coded('ID_MISMATCH')),
  READER_HANG: (h) => h.clock.increment(handInBackstopMs(STEP_MS)),
};

const RUNNING: Record<string, string> = {
  asking: 'askingReason',
  waitingForCard: 'insertOldCard',
  handingIn: 'handingInOldCard',
};

function checks(h: IssueHarness): NonNullable<TestParam<ModelSnapshot, OldCardModelEvent>['states']> {
  const inState = async (value: string) => {
    await settle();
    await waitFor(h.actor, (s) => s.matches(value as never), { timeout: 500 });
  };
  const output = () => {
    const out = h.actor.getSnapshot().output;
    if (!out) throw new Error('issuance has not ended');
    return out;
  };
  const states: NonNullable<TestParam<ModelSnapshot, OldCardModelEvent>['states']> = {};
  for (const [model, machine] of Object.entries(RUNNING)) states[model] = () => inState(machine);
  /** the host never asked: nothing opened, cancelled or charged */
  const hostNotAsked = async (outcome: string, code?: string) => {
    await inState('done');
    expect(h.fakes.checkApplication.calls).toHaveLength(0);
    expect(output().outcome).toBe(outcome);
    if (code) expect(output().error?.code).toBe(code);
    expect(output().oldCard).toBeUndefined();
  };
  states.cancelled = () => hostNotAsked('cancelled');
  states.timedOut = () => hostNotAsked('failed');
  states.refused = () => hostNotAsked('failed', 'ID_MISMATCH');
  states.readerFailed = () => hostNotAsked('failed', 'DEVICE_TIMEOUT');
  states.applyingLost = async () => {
    await inState('checkingApplication');
    expect(h.fakes.checkApplication.last.input).toMatchObject({ replacementReason: 'lost' });
    expect(h.fakes.handInOldCard.calls).toHaveLength(0);
  };
  states.applyingHandedIn = async () => {
    await inState('checkingApplication');
    // captured before the host is told: the card is in the bin when the host cancels it
    expect(h.fakes.handInOldCard.calls).toHaveLength(1);
    expect(h.actor.getSnapshot().context.oldCard).toBeDefined();
    expect(h.fakes.checkApplication.last.input).toMatchObject({ replacementReason: 'damaged' });
  };
  return states;
}

const paths = createTestModel(oldCardModel).getSimplePaths();

describe('a replacement’s old card: every path of the model (createTestModel)', () => {
  it('reaches every end of the model', () => {
    const ends = new Set(paths.map((p) => String(p.state.value)));
    expect([...ends].sort()).toEqual([
      'applyingHandedIn',
      'applyingLost',
      'cancelled',
      'readerFailed',
      'refused',
      'timedOut',
    ]);
  });

  it.each(paths.map((p) => [p.description, p] as const))('%s', async (_, path) => {
    const h = startIssue('replacement', { handInDamaged: true });
    const events = Object.fromEntries(Object.entries(EXEC).map(([type, exec]) => [type, () => exec(h)]));
    await path.test({ states: checks(h), events });
  });
});

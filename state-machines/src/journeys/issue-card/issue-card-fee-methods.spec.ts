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
});

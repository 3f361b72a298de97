/**
 * RULES.md, "Session and hall": card making may take up to 300 s, with progress shown
 * (`timeouts.cardMakingMs`). The specs so far cut a blank by sending the timeout's event, never on
 * a clock: a blank cut at the 30-s step timeout, or a region's number ignored, passed them. On a
 * simulated clock: the blank's wait is the making time, not the step's; its deadline is the end of
 * that time and asks nothing ("need more time?" is for a person, the printer is working); a region
 * that gives the printer longer is waited for.
 */
import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import { MAKE_MS, STEP_MS, startIssue } from '../../testing/issue-card-harness.js';

async function makingStarted(extra: Parameters<typeof startIssue>[1] = {}) {
  const h = startIssue('new', extra);
  h.fakes.checkApplication.last.resolve({ applicationId: 'app-7', feeDueFen: 0 });
  await waitFor(h.actor, (s) => s.matches('making'));
  return h;
}

describe('card making time', () => {
  it('300 s by default: a blank still at the printer after the 30-s step is waited for, with the end shown and no prompt', async () => {
    const h = await makingStarted();
    expect(MAKE_MS).toBe(300_000);
    expect(h.actor.getSnapshot().context.deadline).toEqual({ at: MAKE_MS, warnAt: MAKE_MS });
    h.clock.increment(STEP_MS);
    expect(h.actor.getSnapshot().matches('making')).toBe(true);
    h.clock.increment(MAKE_MS - STEP_MS - 1_000);
    expect(h.actor.getSnapshot().matches('making')).toBe(true);
    expect(h.fakes.makeCard.last.signal.aborted).toBe(false);
    h.fakes.makeCard.last.resolve({ cardNumber: 'H41080000900' });
    await waitFor(h.actor, (s) => s.matches('presenting'));
    expect(h.fakes.rejectBlank.calls).toHaveLength(0);
  });

  it('past 300 s the blank is stopped and goes to the reject bin with DEVICE_TIMEOUT', async () => {
    const h = await makingStarted();
    h.clock.increment(MAKE_MS);
    await waitFor(h.actor, (s) => s.matches('rejecting'));
    expect(h.fakes.makeCard.last.signal.aborted).toBe(true);
    expect(h.fakes.rejectBlank.last.input).toMatchObject({ attempt: 1, reason: 'DEVICE_TIMEOUT' });
  });

  it('a region’s own making time (400 s) is waited for in full', async () => {
    const h = await makingStarted({ makeCardMs: 400_000 });
    expect(h.actor.getSnapshot().context.deadline).toEqual({ at: 400_000, warnAt: 400_000 });
    h.clock.increment(399_000);
    expect(h.actor.getSnapshot().matches('making')).toBe(true);
    h.clock.increment(1_000);
    await waitFor(h.actor, (s) => s.matches('rejecting'));
  });
});

/**
 * The fault: a dispenser driver that breaks its own bounds (never answers a dispense, a
 * presentation or a retract). The three dispenser steps wait for the dispenser's answer with no
 * step timer; every driver bounds its acts (the LCDM driver by `devices.cashDispenser`'s
 * dispense and response timeouts), but one that forgot would have held the session for ever. Each
 * step has a backstop derived from those bounds plus a margin (`cashActBackstopMs`); when it fires
 * the outcome is unknown, the road of a coded timeout of unknown outcome: what may have been
 * counted is retracted and the hold reversed, and a retract never answered is left for staff.
 * Never "nothing paid out" while the notes may be at the slot.
 */
import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import { settle } from '../../testing/pending-actor.js';
import { DISPENSER_BOUNDS, startWithdrawal } from '../../testing/withdrawal-harness.js';
import type { WithdrawalHarness } from '../../testing/withdrawal-harness.js';
import {
  reachDispensing,
  reachPresenting,
  reachRetracting,
  retractAnsweredThenReversed,
} from './dispenser-waits.spec-support.js';
import { cashActBackstopMs } from './withdrawal.setup.js';

const BACKSTOP_MS = cashActBackstopMs(DISPENSER_BOUNDS);
/** the LCDM driver's longest act by its bounds: a dispense of unknown outcome, then its retract */
const DRIVER_BOUND_MS = 2 * DISPENSER_BOUNDS.dispenseTimeoutMs + DISPENSER_BOUNDS.responseTimeoutMs;

/** Still waiting for the dispenser just before the backstop: its act not stopped. */
async function stillWaiting(h: WithdrawalHarness, step: string, act: { last: { signal: AbortSignal } }) {
  h.clock.increment(BACKSTOP_MS - 1);
  await settle();
  expect(h.actor.getSnapshot().value).toBe(step);
  expect(act.last.signal.aborted).toBe(false);
  h.clock.increment(1);
}

/** The retract answered, then the full hold reversed for the dispenser's fault. */
async function retractedAndReversed(h: WithdrawalHarness): Promise<void> {
  await waitFor(h.actor, (s) => s.matches('retractingCash'), { timeout: 500 });
  await retractAnsweredThenReversed(h, 'tx-9', 'DEVICE_TIMEOUT');
  expect(h.actor.getSnapshot().output).toMatchObject({ error: { code: 'DEVICE_TIMEOUT' } });
}

describe('withdrawal: a dispenser that never answers', () => {
  it('the backstop is derived from the dispenser’s bounds, past its longest act', () => {
    expect(BACKSTOP_MS).toBeGreaterThan(DRIVER_BOUND_MS);
    expect(cashActBackstopMs({ dispenseTimeoutMs: 90_000, responseTimeoutMs: 2_000 })).toBeGreaterThan(
      BACKSTOP_MS,
    );
  });

  it('dispense never answered: taken as of unknown outcome, the notes retracted and counted, the hold reversed', async () => {
    const h = startWithdrawal();
    await reachDispensing(h, 'tx-9');
    await stillWaiting(h, 'dispensing', h.fakes.dispenseCash);
    await waitFor(h.actor, (s) => s.matches('retractingCash'), { timeout: 500 });
    expect(h.fakes.dispenseCash.last.signal.aborted).toBe(true);
    expect(h.fakes.presentCash.calls).toHaveLength(0);
    await retractedAndReversed(h);
  });

  it('presentation never answered: the notes retracted, the hold reversed', async () => {
    const h = startWithdrawal();
    await reachPresenting(h, 'tx-9');
    await stillWaiting(h, 'presenting', h.fakes.presentCash);
    await retractedAndReversed(h);
    expect(h.fakes.confirmWithdrawal.calls).toHaveLength(0);
  });

  it('retract never answered: left for staff, neither confirmed nor reversed', async () => {
    const h = startWithdrawal();
    await reachRetracting(h, 'tx-9');
    await stillWaiting(h, 'retractingCash', h.fakes.retractCash);
    await waitFor(h.actor, (s) => s.matches('done'), { timeout: 500 });
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      paidFen: 0,
      reversed: false,
      confirmed: false,
      needsReconciliation: true,
    });
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
  });

  it('dispense never answered and its retract never answered either: left for staff, not reversed as unpaid', async () => {
    const h = startWithdrawal();
    await reachDispensing(h, 'tx-9');
    h.clock.increment(BACKSTOP_MS);
    await waitFor(h.actor, (s) => s.matches('retractingCash'), { timeout: 500 });
    await stillWaiting(h, 'retractingCash', h.fakes.retractCash);
    await waitFor(h.actor, (s) => s.matches('done'), { timeout: 500 });
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      reversed: false,
      needsReconciliation: true,
    });
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
  });
});

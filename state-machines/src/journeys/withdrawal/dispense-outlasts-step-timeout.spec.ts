/**
 * The fault: the dispensing step timed out after the step timeout (30 s) while the dispenser's
 * own bound is longer (the LCDM driver: 60 s for the answer, then a retract that may wait up to
 * 60 s more for the count). The journey reversed the hold beside a running dispense, and the
 * dispenser's late answer came after the reversal. Now the step waits for the dispenser's answer,
 * whenever it comes, and goes on with it: the clock here runs past the old step timeout and past
 * the driver's default bound before the dispenser answers.
 */
import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { STEP_MS, startWithdrawal } from '../../testing/withdrawal-harness.js';
import type { WithdrawalHarness } from '../../testing/withdrawal-harness.js';
import { settle } from '../../testing/pending-actor.js';
import { AMOUNT, presentedTakenAndConfirmed, reachDispensing } from './dispenser-waits.spec-support.js';

/** the LCDM driver's default dispense timeout and its retract's wait for the count, both 60 s */
const DRIVER_BOUND_MS = 60_000 + 60_000;

/** Nothing but the dispense has happened since the hold: no reversal, no present, no stop. */
function stillDispensing(h: WithdrawalHarness): void {
  const snapshot = h.actor.getSnapshot();
  expect(snapshot.value).toBe('dispensing');
  expect(snapshot.context.deadline).toBeUndefined();
  expect(h.fakes.dispenseCash.calls).toHaveLength(1);
  expect(h.fakes.dispenseCash.last.signal.aborted).toBe(false);
  expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
  expect(h.fakes.presentCash.calls).toHaveLength(0);
}

describe('withdrawal: a dispense that outlasts the step timeout', () => {
  it('waits past the step timeout for the dispenser and presents the notes it answers with, nothing reversed', async () => {
    const h = startWithdrawal();
    await reachDispensing(h, 'tx-7');

    h.clock.increment(STEP_MS + 15_000);
    await settle();
    stillDispensing(h);

    h.fakes.dispenseCash.last.resolve({ dispensedFen: AMOUNT });
    await waitFor(h.actor, (s) => s.matches('presenting'), { timeout: 500 });
    expect(h.actor.getSnapshot().context).toMatchObject({ dispensedFen: AMOUNT, error: undefined });
    await presentedTakenAndConfirmed(h, 'tx-7');
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
  });

  it('reverses only once the dispenser itself gave up (its own timeout, after its retract)', async () => {
    const h = startWithdrawal();
    await reachDispensing(h, 'tx-7');

    h.clock.increment(DRIVER_BOUND_MS + 5_000);
    await settle();
    stillDispensing(h);

    h.fakes.dispenseCash.last.reject(
      new KioskError('DEVICE_TIMEOUT', 'The dispense outcome is unknown.', { outcomeUnknown: true }),
    );
    await waitFor(h.actor, (s) => s.matches('reversing'), { timeout: 500 });
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(1);
    expect(h.fakes.reverseWithdrawal.last.input).toEqual({
      sessionId: 's-1',
      transactionId: 'tx-7',
      amountFen: AMOUNT,
      reason: 'DEVICE_TIMEOUT',
    });
    expect(h.fakes.presentCash.calls).toHaveLength(0);
  });
});

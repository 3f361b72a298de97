/**
 * The fault: the presenting and retracting steps timed out after the step timeout (30 s) while
 * the dispenser's own bound is longer (the LCDM driver: a retract refused busy waits up to the
 * dispense timeout, 60 s, for a count to end, then has its own answer time). A retract that would
 * have answered at 40 s was left for staff (no reversal) and went on in the background after the
 * journey gave up; a presentation answered late was retracted beside the open shutter. Now both
 * steps wait for the dispenser's answer, as the dispensing step does; only the resident's step
 * (taking the cash) keeps its timer. The clock here runs past the old step timeout first.
 */
import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { STEP_MS, startWithdrawal } from '../../testing/withdrawal-harness.js';
import type { WithdrawalHarness } from '../../testing/withdrawal-harness.js';
import { settle } from '../../testing/pending-actor.js';
import {
  presentedTakenAndConfirmed,
  reachPresenting,
  reachRetracting,
  retractAnsweredThenReversed,
} from './dispenser-waits.spec-support.js';

/** past the old step timeout, within the LCDM driver's bound of a retract (60 s + its answer) */
const LATE_MS = STEP_MS + 10_000;

/** The retract still runs past the old step timeout: nothing decided beside it. */
async function stillRetractingAfter(h: WithdrawalHarness, ms: number): Promise<void> {
  h.clock.increment(ms);
  await settle();
  const snapshot = h.actor.getSnapshot();
  expect(snapshot.value).toBe('retractingCash');
  expect(snapshot.context.deadline).toBeUndefined();
  expect(snapshot.context.needsReconciliation).toBe(false);
  expect(h.fakes.retractCash.calls).toHaveLength(1);
  // not aborted: the daemon's retract goes on to journal the notes it counted (cash.retracted)
  expect(h.fakes.retractCash.last.signal.aborted).toBe(false);
  expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
}

describe('withdrawal: presenting and retracting wait for the dispenser past the step timeout', () => {
  it('a retract answered after the old step timeout (the dispenser was still counting): the notes retracted are counted and the hold reversed, not left for staff', async () => {
    const h = startWithdrawal();
    await reachRetracting(h, 'tx-9');
    await stillRetractingAfter(h, LATE_MS);

    await retractAnsweredThenReversed(h, 'tx-9', 'CASH_NOT_TAKEN');
  });

  it('a retract the dispenser itself gave up on (busy past its own bound): left for staff only then, with the dispenser fault', async () => {
    const h = startWithdrawal();
    await reachRetracting(h, 'tx-9');
    // the LCDM driver's default bound of a retract: 60 s for the count, then its 2 s answer time
    await stillRetractingAfter(h, 60_000 + 2_000);

    h.fakes.retractCash.last.reject(
      new KioskError('DEVICE_BUSY', 'The cash dispenser stayed busy; the notes stay in the presenter.'),
    );
    await waitFor(h.actor, (s) => s.matches('done'), { timeout: 500 });
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_BUSY' },
      paidFen: 0,
      reversed: false,
      needsReconciliation: true,
    });
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
  });

  it('a presentation answered after the old step timeout: the open notes are not retracted beside it, the resident takes them and is paid', async () => {
    const h = startWithdrawal();
    await reachPresenting(h, 'tx-9');

    h.clock.increment(LATE_MS);
    await settle();
    const snapshot = h.actor.getSnapshot();
    expect(snapshot.value).toBe('presenting');
    expect(snapshot.context.deadline).toBeUndefined();
    expect(h.fakes.presentCash.last.signal.aborted).toBe(false);
    expect(h.fakes.retractCash.calls).toHaveLength(0);

    await presentedTakenAndConfirmed(h, 'tx-9');
    expect(h.fakes.retractCash.calls).toHaveLength(0);
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
  });
});

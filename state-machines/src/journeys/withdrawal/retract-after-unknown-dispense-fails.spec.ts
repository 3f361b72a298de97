/**
 * Fault: a dispense's outcome is unknown and the retract after it fails too, so the notes it may
 * have counted are left in the presenter (the dispense actor says so: `notesLeftInPresenter`).
 * The journey reversed the hold all the same, so notes still at the slot and taken later were paid
 * without a charge. Now it ends neither reversed nor confirmed, flagged for staff
 * (`needsReconciliation`), the money still held: what the presenter reads later settles it.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { startWithdrawal } from '../../testing/withdrawal-harness.js';
import { reachDispensing } from './dispenser-waits.spec-support.js';
import { NOTES_LEFT_IN_PRESENTER, notesLeftInPresenter } from './withdrawal-cash.states.js';

async function toDispensing() {
  const h = startWithdrawal();
  await reachDispensing(h, 'tx-9');
  return h;
}

describe('fault: the retract after a dispense of unknown outcome fails', () => {
  it('leaves the withdrawal for staff, the hold neither reversed nor confirmed', async () => {
    const h = await toDispensing();
    h.fakes.dispenseCash.last.reject(
      new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The cash dispenser could not take the notes back.', {
        [NOTES_LEFT_IN_PRESENTER]: true,
      }),
    );
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
    expect(h.fakes.confirmWithdrawal.calls).toHaveLength(0);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: ErrorCode.DEVICE_TIMEOUT },
      paidFen: 0,
      confirmed: false,
      reversed: false,
      needsReconciliation: true,
    });
  });

  it('still reverses a dispense fault that left nothing for staff (the retract after it went well)', async () => {
    const h = await toDispensing();
    h.fakes.dispenseCash.last.reject(
      new KioskError(ErrorCode.DEVICE_TIMEOUT, 'No answer.', { outcomeUnknown: true }),
    );
    await waitFor(h.actor, (s) => s.matches('reversing'));
    expect(h.fakes.reverseWithdrawal.last.input).toMatchObject({ transactionId: 'tx-9', amountFen: 30_000 });
  });

  it('reads the mark only where it is set to true', () => {
    expect(notesLeftInPresenter({ details: { [NOTES_LEFT_IN_PRESENTER]: true } })).toBe(true);
    expect(notesLeftInPresenter({ details: { [NOTES_LEFT_IN_PRESENTER]: 'yes' } })).toBe(false);
    expect(notesLeftInPresenter({ details: null })).toBe(false);
    expect(notesLeftInPresenter(null)).toBe(false);
    expect(notesLeftInPresenter('DEVICE_TIMEOUT')).toBe(false);
  });
});

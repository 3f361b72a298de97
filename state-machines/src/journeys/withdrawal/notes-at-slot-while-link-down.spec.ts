/**
 * Fault: the notes at the slot left it while the dispenser's link was down (the resident took them,
 * or the presenter drew them in on its own: the dispenser cannot tell, `CASH_GONE_UNSEEN`). The
 * journey heard of them only as notes taken, and confirmed the hold as paid. Now it goes at once
 * to the retract, which refuses with what the kiosk knows (the daemon journals it for staff), and
 * ends neither confirmed nor reversed, left for staff (`needsReconciliation`).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { startWithdrawal } from '../../testing/withdrawal-harness.js';
import { reachPresenting } from './dispenser-waits.spec-support.js';

describe('fault: notes at the slot while the link is down', () => {
  it('notes-at-slot-while-link-down: gone unseen goes to the retract at once and ends for staff, neither confirmed nor reversed', async () => {
    const h = startWithdrawal();
    await reachPresenting(h, 'tx-7');
    h.fakes.presentCash.last.resolve();
    await waitFor(h.actor, (s) => s.matches('takeCash'));

    h.actor.send({ type: 'CASH_GONE_UNSEEN' });
    await waitFor(h.actor, (s) => s.matches('retractingCash'), { timeout: 500 });
    h.fakes.retractCash.last.reject(
      new KioskError(ErrorCode.DEVICE_OFFLINE, 'The notes left the slot unseen.', { notesGoneUnseen: true }),
    );
    await waitFor(h.actor, (s) => s.status === 'done', { timeout: 500 });
    expect(h.fakes.confirmWithdrawal.calls).toHaveLength(0);
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: ErrorCode.DEVICE_OFFLINE },
      paidFen: 0,
      confirmed: false,
      reversed: false,
      needsReconciliation: true,
    });
  });
});

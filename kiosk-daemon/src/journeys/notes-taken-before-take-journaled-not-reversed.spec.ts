/**
 * Fault: the resident took the notes at the slot in the instant the journey's retract ran (the take
 * timeout just passed): the driver's RETRACT took back none and reported the take, the journey
 * journaled its retract done (and the notes it retracted: none), and the kiosk stopped before the
 * journey journaled `cash.taken`. Recovery read the retract's done as the notes in the retract bin
 * and reversed the hold: the resident kept the cash and got the amount back. Now a retract that took
 * back no notes is no retract: the withdrawal is left for staff (WITHDRAWAL_UNDECIDED), the hold kept.
 *
 * The real journal (SQLite in memory), the embedded host simulator, the dispenser emulator, the
 * journey's own retract (`retractAtSlot`), boot recovery.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { retractAtSlot } from './withdrawal-retract.js';
import { AMOUNT, withdrawalWorld } from './withdrawal-settlement.spec-support.js';

describe('fault: notes taken before the journey journaled the take', () => {
  it('notes-taken-before-take-journaled-not-reversed: a retract of no notes reverses nothing, left for staff', async () => {
    const w = await withdrawalWorld();
    await w.presented();
    // the resident takes the notes just as the journey's retract goes: it takes back none
    expect(w.dispenser.takeCash()).toBe(true);
    await retractAtSlot(w.dispenser, w.tools);
    const steps = await w.steps();
    expect(steps).toContain('cash.retract:done');
    expect(steps).not.toContain('cash.taken:event');

    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
    expect((await w.steps()).at(-1)).toBe('recovery.needsStaff:event');
  });
});

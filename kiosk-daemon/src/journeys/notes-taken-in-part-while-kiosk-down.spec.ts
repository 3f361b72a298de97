/**
 * Fault: notes presented at the slot, the kiosk stopped before the resident took them, and the
 * resident took part of the bundle while it was down. At boot the presenter held fewer notes than
 * were presented; recovery decided "notes in the presenter, not taken: retract them and reverse",
 * its retract took back all the presenter still held (not short of what it read), and the whole
 * hold was reversed: the resident was paid the notes they took twice. Now a presenter found
 * holding less than was presented leaves the withdrawal for staff (undecided, the hold kept);
 * the notes still there are retracted when staff settle it, never reversed whole on their own.
 *
 * The real journal (SQLite in memory), the embedded host simulator, the dispenser emulator and
 * boot recovery; the take is the emulator's own.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { AMOUNT, withdrawalWorld } from './withdrawal-settlement.spec-support.js';

describe('fault: part of the notes presented taken while the kiosk was down', () => {
  it('notes-taken-in-part-while-kiosk-down: nothing reversed, left for staff with the hold kept', async () => {
    const w = await withdrawalWorld();
    await w.presented();
    expect(w.dispenser.presenter()).toMatchObject({ state: 'presented', amountFen: AMOUNT, notes: 3 });
    // the kiosk is down: the resident takes one of the three notes
    expect(w.dispenser.takeSomeCash(1)).toBe(true);

    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.ledger('withdrawalPaid')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
    expect((await w.steps()).at(-1)).toBe('recovery.needsStaff:event');
    // the next boot decides nothing new
    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    expect(w.ledger('withdrawalReversal')).toBe(0);
  });

  it('every note presented still in the presenter: retracted and the whole hold reversed', async () => {
    const w = await withdrawalWorld();
    await w.presented();

    await w.boot();
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ heldFen: 0, reversedFen: AMOUNT });
    expect(w.dispenser.presenter().state).toBe('empty');
  });
});

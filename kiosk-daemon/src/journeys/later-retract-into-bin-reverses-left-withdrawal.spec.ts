/**
 * Fault: a withdrawal left for staff because its notes went from the presenter unseen (its
 * journey's retract failed, `cash.leftInPresenter`, and the notes were gone when recovery read the
 * presenter: taken, or drawn in, the retract bin not up) was decided again at every later boot by
 * the retract bin's count against the one its dispense journaled. The kiosk served on meanwhile;
 * a later resident's notes not taken went into the same bin, and the next boot read the bin up
 * since the dispense as this withdrawal's notes retracted and reversed the whole hold: the
 * resident who took the notes was paid twice. Now the bin's count is no witness once a later
 * withdrawal could have moved it: a withdrawal stays left for staff.
 *
 * The real journal (SQLite in memory), the embedded host simulator, the dispenser emulator (its
 * retract bin counts the notes it takes in) and boot recovery.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { AMOUNT, withdrawalWorld } from './withdrawal-settlement.spec-support.js';

describe('fault: a later withdrawal’s retract read as the notes of one left for staff', () => {
  it('later-retract-into-bin-reverses-left-withdrawal: the hold kept, left for staff', async () => {
    const w = await withdrawalWorld();
    await w.leftInPresenter();
    // the resident takes the notes left at the slot; the next boot cannot tell where they went
    expect(w.dispenser.takeCash()).toBe(true);
    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    expect(w.ledger('withdrawalReversal')).toBe(0);

    // the kiosk serves on: a later resident's notes, not taken, go into the retract bin
    const later = await w.journal.openTransaction('s2', 'withdraw');
    await w.dispenser.dispense(10_000);
    await w.dispenser.present();
    expect(await w.dispenser.retract()).toMatchObject({ notes: 1 });
    await w.journal.closeTransaction(later, 'failed', ErrorCode.CASH_NOT_TAKEN);

    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ heldFen: AMOUNT });
  });
});

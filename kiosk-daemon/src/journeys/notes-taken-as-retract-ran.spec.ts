/**
 * Fault: the resident took the notes at the slot in the instant the journey's retract ran (the take
 * timeout just passed): the LCDM driver's RETRACT took back none and it reported the notes taken, so
 * the journey journaled `cash.retract` done (nothing counted) and `cash.taken`, and went to confirm.
 * The host did not answer the confirm and the kiosk restarted: recovery read the retract's done as
 * the notes in the retract bin before it read the take, and reversed the hold, so the resident kept
 * the cash and got the amount back. Now a take the journey journaled is a take: confirmed.
 *
 * The real journal (SQLite in memory), the embedded host simulator, the dispenser emulator, boot
 * recovery; the journey's steps written as the journey writes them.
 */
import { describe, expect, it } from '@jest/globals';
import { AMOUNT, withdrawalWorld } from './withdrawal-settlement.spec-support.js';

describe('fault: notes taken as the journey’s retract ran', () => {
  it('notes-taken-as-retract-ran: the take journaled after a retract of nothing is confirmed at boot, never reversed', async () => {
    const w = await withdrawalWorld();
    await w.presented();
    expect(w.dispenser.takeCash()).toBe(true);
    // the journey's retract of nothing (its done without counts), then the take the driver reported
    await w.tools.irreversible('cash.retract', () => w.dispenser.retract(), { retractBinBefore: 0 });
    await w.tools.step('cash.taken', { paidFen: AMOUNT });

    await w.boot();
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.ledger('withdrawalPaid')).toBe(1);
    expect(w.balance()).toBe(w.before - AMOUNT);
  });
});

/**
 * Fault: a supervisor's "paid" on a withdrawal whose retract came back short gives back first what
 * the retract took into the bin. Staff's settlement sent it as retracted cash (journaled
 * `retractShort`), but when a restart cut it after the verdict and the sweep of held withdrawals
 * carried the verdict through at boot, the same give-back went to the host as a dispense fault
 * (journaled `partialDispense`): the host's anomaly rules never counted the retracted cash, and the
 * journal named a partial dispense that never happened. One rule now (`verdictActs`): retracted,
 * `retractShort`, whichever carries the verdict out.
 *
 * The real journal (SQLite in memory), the embedded host simulator, the dispenser emulator and
 * boot recovery; the take is the emulator's own, made just before its retract runs.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { stepDetail } from '../journal/step-detail.js';
import { retractAtSlot } from './withdrawal-retract.js';
import { AMOUNT, takeAsRetractRuns, withdrawalWorld } from './withdrawal-settlement.spec-support.js';

describe('fault: boot named a short retract’s give-back a partial dispense', () => {
  it('short-retract-give-back-at-boot-named-partial-dispense: given back as retracted, journaled retractShort, once', async () => {
    const w = await withdrawalWorld();
    await w.presented();
    takeAsRetractRuns(w.dispenser, 1);
    await retractAtSlot(w.dispenser, w.tools, undefined, { atSlotFen: AMOUNT, atSlotNotes: 3 });
    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    // the supervisor's "paid" journaled, then the restart; the session is closed: the sweep finds it
    await w.journal.recordStep(w.tx, 'recovery.staffVerdict', 'event', { verdict: 'paid', staff: 'FS-0002' });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_PARTLY_TAKEN);

    await w.boot();
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({
      heldFen: 0,
      paidFen: 10_000,
      reversedFen: 20_000,
    });
    const steps = await w.journal.stepsOf(w.tx);
    const reverse = steps.filter((s) => s.step === 'recovery.withdrawal.reverse' && s.phase === 'intent');
    expect(reverse.map(stepDetail)).toEqual([{ amountFen: 20_000, reason: 'retractShort' }]);
    const given = w.simulator.state.ledger.transactions().filter((t) => t.kind === 'withdrawalReversal');
    expect(given.map((t) => t.description)).toEqual([expect.stringContaining('(retracted)')]);
  });
});

/**
 * Fault: a withdrawal's notes left open at the slot (the journey's retract failed, the hold kept)
 * are settled by recovery: the presenter read holding them, recovery decided "retract them and
 * reverse", and retracted. The resident took them in the instant between that read and the
 * RETRACT: the dispenser retracted nothing, yet recovery reversed the whole hold, so the resident
 * kept the cash and got the amount back (paid twice). Now a recovery retract that takes back fewer
 * notes than the presenter held reverses nothing: the withdrawal is left for staff (undecided,
 * WITHDRAWAL_UNDECIDED), the hold kept for the supervisor's count.
 *
 * The real journal (SQLite in memory), the embedded host simulator, the dispenser emulator, boot
 * recovery; the take made by the emulator's own control just before its retract runs.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { AMOUNT, withdrawalWorld } from './withdrawal-settlement.spec-support.js';

describe('fault: notes taken between recovery’s presenter read and its retract', () => {
  it('notes-taken-before-recovery-retract: nothing retracted, nothing reversed, left for staff with the hold kept', async () => {
    const w = await withdrawalWorld();
    await w.leftInPresenter();
    expect(w.dispenser.presenter()).toMatchObject({ state: 'presented', amountFen: AMOUNT });
    const retract = w.dispenser.retract.bind(w.dispenser);
    // the resident takes the notes just as the RETRACT goes: it takes back none
    w.dispenser.retract = (signal?: AbortSignal) => {
      expect(w.dispenser.takeCash()).toBe(true);
      return retract(signal);
    };

    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
    const steps = await w.steps();
    expect(steps).toContain('recovery.cash.retract:done');
    expect(steps).not.toContain('recovery.withdrawal.reverse:intent');
    expect(steps.at(-1)).toBe('recovery.needsStaff:event');

    // the next boot reads the retract journaled done: still nothing reversed, still for staff
    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
  });

  it('recovery’s short retract cut by a restart before it was left for staff: the next boot never reverses the whole', async () => {
    const w = await withdrawalWorld();
    await w.leftInPresenter();
    const retract = w.dispenser.retract.bind(w.dispenser);
    // the resident takes one of the three notes just as the RETRACT goes: it takes back two
    w.dispenser.retract = (signal?: AbortSignal) => {
      expect(w.dispenser.takeSomeCash(1)).toBe(true);
      return retract(signal);
    };
    // the kiosk stops right after the retract's done: the step for staff never written
    const record = w.journal.recordStep.bind(w.journal);
    const cut = jest.spyOn(w.journal, 'recordStep').mockImplementation((tx, step, ...rest) => {
      if (step === 'recovery.needsStaff')
        return Promise.reject(new KioskError(ErrorCode.JOURNAL_WRITE_FAILED, 'The journal stopped.'));
      return record(tx, step, ...rest);
    });
    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
    cut.mockRestore();
    expect(await w.steps()).toContain('recovery.cash.retract:done');
    expect(await w.steps()).not.toContain('recovery.needsStaff:event');

    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    expect(w.ledger('withdrawalReversal')).toBe(0);
    expect(w.balance()).toBe(w.before - AMOUNT);
    const left = (await w.journal.stepsOf(w.tx)).at(-1)!;
    expect(JSON.parse(left.detail ?? '{}')).toMatchObject({
      retractStep: 'recovery.cash.retract',
      atSlotFen: AMOUNT,
      atSlotNotes: 3,
      retractedFen: 20_000,
      notesRetracted: 2,
    });
  });
});

/**
 * Fault: a retract took back fewer notes than were at the slot (the resident took the rest as it
 * ran) and the kiosk stopped after the RETRACT moved them but before its `done` was journaled. The
 * retract's done is what tells a short retract (`shortRetractOf`); without it, recovery read the
 * retract bin's count, up since the dispense, as the notes all in the bin and reversed the whole
 * hold: the resident was paid the notes they took twice. Now a retract journaled with what was at
 * the slot and cut before its done, its bin up by fewer notes than that, is a short retract too:
 * left for staff, never reversed. The journey's retract and recovery's alike.
 *
 * The real journal (SQLite in memory), the embedded host simulator, the dispenser emulator (its
 * retract bin counts the notes it takes in) and boot recovery; the take is the emulator's own.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { RECOVERY_RETRACT_STEP } from './recovery-retract-counts.js';
import { dispenserCounts } from './withdrawal-retract.js';
import { AMOUNT, withdrawalWorld } from './withdrawal-settlement.spec-support.js';

describe('fault: a short retract cut by a restart before its done', () => {
  it.each([
    ['the journey’s', 'cash.retract'],
    ['recovery’s', RECOVERY_RETRACT_STEP],
  ])(
    'short-retract-cut-before-its-done (%s retract): left for staff, the hold kept, never reversed',
    async (_who, step) => {
      const w = await withdrawalWorld();
      await w.presented();
      expect(w.dispenser.presenter()).toMatchObject({ state: 'presented', amountFen: AMOUNT, notes: 3 });
      // journal first, as the retract does: what is at the slot goes with its intent; the resident
      // takes one note as the RETRACT runs; the kiosk stops before its done
      await w.retractCutShort(step);

      await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
      expect(w.ledger('withdrawalReversal')).toBe(0);
      expect(w.ledger('withdrawalPaid')).toBe(0);
      expect(w.balance()).toBe(w.before - AMOUNT);
      const left = (await w.journal.stepsOf(w.tx)).at(-1)!;
      expect(`${left.step}:${left.phase}`).toBe('recovery.needsStaff:event');
      expect(JSON.parse(left.detail ?? '{}')).toMatchObject({
        reason: 'the retract took back fewer notes than the presenter held',
        retractStep: step,
        atSlotNotes: 3,
        notesRetracted: 2,
      });
      // and at the next boot too
      await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
      expect(w.ledger('withdrawalReversal')).toBe(0);
    },
  );

  it('a retract cut before its done that took every note back still reverses the whole hold', async () => {
    const w = await withdrawalWorld();
    await w.presented();
    await w.journal.recordStep(w.tx, 'cash.retract', 'intent', {
      retractBinBefore: dispenserCounts(w.dispenser).retractBinBefore,
      atSlotFen: AMOUNT,
      atSlotNotes: 3,
    });
    expect(await w.dispenser.retract()).toMatchObject({ notes: 3 });

    await w.boot();
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ heldFen: 0, reversedFen: AMOUNT });
  });
});

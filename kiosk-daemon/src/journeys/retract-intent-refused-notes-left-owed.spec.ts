/**
 * Fault: the journal refuses the withdrawal journey's retract intent itself (`cash.retract`), then
 * the step that leaves its notes in the presenter for staff (`cash.leftInPresenter`). No retract
 * ran, the notes stayed at the slot, the hold at the host; but nothing in the journal said the
 * withdrawal was left: not the supervisor's list, not the fleet's count (`withdrawalsEndedUndecided`
 * reads the retract's step), so in service nobody was told, the kiosk logged that "recovery reads
 * the retract's intent" (there was none), and once the notes were taken withdrawals were offered
 * again with the hold read only by the next boot's sweep (or given back by its expiry). Now the
 * notes-left step is owed: journaled in the background until the journal takes it, then told as
 * at once (`notesLeft`): listed for staff, counted for the fleet. One a recovery took up meanwhile
 * is not journaled.
 *
 * What is owed is the daemon's: it had been the process's (a module-level set), so of two daemons
 * in one process (as specs run them) one's owed step held back the other's withdrawals too, and
 * outlived its daemon's shutdown.
 *
 * The real journal (SQLite in memory) refusing those writes by name, the embedded host simulator,
 * the dispenser emulator; the owed steps as the sessions module provides them (Nest).
 */
import { describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { JournalService } from '../journal/journal.service.js';
import { stepDetail } from '../journal/step-detail.js';
import {
  withdrawalsCountedLeft,
  withdrawalsLeftForStaff,
} from '../telemetry/fleet/withdrawals-left-to-fleet.js';
import { NotesLeftOwedSteps } from './notes-left-owed.js';
import { CASH_LEFT_IN_PRESENTER, retractNotTaken } from './withdrawal-retract.js';
import { FAST, refusingJournal } from './notes-left-owed.spec-support.js';
import { AMOUNT } from './withdrawal-settlement.spec-support.js';

describe('fault: the journal refuses the withdrawal’s retract intent and its notes left', () => {
  it('retract-intent-refused-notes-left-owed: the notes-left step goes in once the journal takes it, told, listed for staff and counted for the fleet', async () => {
    const w = await refusingJournal();
    await w.presented();
    const told: string[] = [];
    const notesLeftOwed = new NotesLeftOwedSteps(w.journal);
    const deps = { dispenser: w.dispenser, notesLeft: (s: string) => told.push(s), notesLeftOwed };
    await expect(
      retractNotTaken({ ...deps, notesLeftTries: FAST }, w.refusingTools, undefined, {
        atSlotFen: AMOUNT,
        atSlotNotes: 3,
      }),
    ).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
    // no retract ran: the notes wait at the slot, the hold at the host
    expect(w.dispenser.presenter()).toMatchObject({ state: 'presented' });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.JOURNAL_WRITE_FAILED);
    expect(await withdrawalsCountedLeft(w.journal, [])).toEqual([]);
    // owed: a new withdrawal is refused at its start meanwhile
    expect(notesLeftOwed.owed()).toBe(true);

    w.refusal.refusing = false;
    await eventually(async () => told, 'the notes left told', {
      withinMs: 10_000,
      until: (t) => t.length > 0,
    });
    expect(told).toEqual([w.tx]);
    expect(await withdrawalsLeftForStaff(w.journal)).toEqual([w.tx]);
    const left = (await w.journal.stepsOf(w.tx)).filter((s) => s.step === CASH_LEFT_IN_PRESENTER);
    expect(left.map(stepDetail)).toEqual([
      expect.objectContaining({
        forStaff: true,
        code: ErrorCode.JOURNAL_WRITE_FAILED,
        presenter: 'presented',
      }),
    ]);
    expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({ heldFen: AMOUNT });
    expect(notesLeftOwed.owed()).toBe(false);
  });

  it('one a recovery took up meanwhile is not journaled left', async () => {
    const w = await refusingJournal();
    await w.presented();
    const told: string[] = [];
    const owed = new NotesLeftOwedSteps(w.journal).journalLater(
      w.refusingTools,
      CASH_LEFT_IN_PRESENTER,
      { forStaff: true, code: ErrorCode.JOURNAL_WRITE_FAILED },
      () => told.push(w.tx),
      FAST,
    );
    // a self test's sweep decided it (the notes retracted, the hold reversed) while the step was owed
    await w.journal.recordStep(w.tx, 'recovery.withdrawal', 'event', { action: 'reverse' });
    w.refusal.refusing = false;
    await expect(owed).resolves.toBe(false);
    expect(told).toEqual([]);
    expect((await w.journal.stepsOf(w.tx)).filter((s) => s.step === CASH_LEFT_IN_PRESENTER)).toEqual([]);
  });

  it('notes-left-owed-shared-between-daemons: a step one daemon owes holds no other daemon of the process back, and ends at its shutdown', async () => {
    const w = await refusingJournal();
    await w.presented();
    @Module({ providers: [NotesLeftOwedSteps, { provide: JournalService, useValue: w.journal }] })
    class OwedStepsModule {}
    const daemon = () => NestFactory.createApplicationContext(OwedStepsModule, { logger: false });
    const [one, other] = [await daemon(), await daemon()];
    const owedByOne = one.get(NotesLeftOwedSteps);
    const owed = owedByOne.journalLater(
      w.refusingTools,
      CASH_LEFT_IN_PRESENTER,
      { forStaff: true, code: ErrorCode.JOURNAL_WRITE_FAILED },
      () => undefined,
      FAST,
    );
    expect(owedByOne.owed()).toBe(true);
    expect(other.get(NotesLeftOwedSteps).owed()).toBe(false);

    // the daemon that owes it stops: given up (the next boot's sweep finds the hold), tried no more
    await one.close();
    w.refusal.refusing = false;
    await expect(owed).resolves.toBe(false);
    expect(owedByOne.owed()).toBe(false);
    expect((await w.journal.stepsOf(w.tx)).filter((s) => s.step === CASH_LEFT_IN_PRESENTER)).toEqual([]);
    await other.close();
  });
});

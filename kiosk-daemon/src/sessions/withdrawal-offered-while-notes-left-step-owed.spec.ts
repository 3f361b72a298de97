/**
 * Fault: the journal refused a withdrawal's retract intent and then its notes-left step, which is
 * owed since (`notes-left-owed.ts`, tried again in the background), and a new withdrawal is refused
 * at its start meanwhile (DEVICE_BUSY). But the kiosk machine was told only what the presenter held:
 * once the resident took the notes it read empty, withdrawals came back on the menu with no reason
 * named, and a resident who chose one was refused. Now the watch of notes left in the presenter
 * holds withdrawals back while the step is owed (CASH_LEFT_IN_PRESENTER, the other journeys
 * offered), and offers them again once the journal takes the step.
 *
 * The journey's own retract road on the real journal (SQLite in memory) refusing those writes by
 * name, the dispenser emulator, the embedded host simulator, the kiosk's root machine.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, JOURNEYS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { withdrawalsLeftForStaff } from '../telemetry/fleet/withdrawals-left-to-fleet.js';
import { NotesLeftOwedSteps } from '../journeys/notes-left-owed.js';
import { FAST, refusingJournal } from '../journeys/notes-left-owed.spec-support.js';
import { retractNotTaken } from '../journeys/withdrawal-retract.js';
import { AMOUNT } from '../journeys/withdrawal-settlement.spec-support.js';
import { watchCashLeftInPresenter } from './cash-left-in-presenter.js';
import { healthyBut, watchedKiosk } from './kiosk-in-service.spec-support.js';

describe('fault: withdrawal offered while the notes-left step is owed to the journal', () => {
  it('notes-left-step-owed-withdrawal-offered: held back with CASH_LEFT_IN_PRESENTER after the notes are taken, offered again once the journal takes the step', async () => {
    const w = await refusingJournal();
    const owedSteps = new NotesLeftOwedSteps(w.journal);
    const k = await watchedKiosk(
      () => healthyBut(w.dispenser.status()),
      (kiosk, sessionRuns) => watchCashLeftInPresenter(w.dispenser, kiosk, sessionRuns, owedSteps),
    );
    k.setSessionRuns(true);
    await w.presented();
    await expect(
      retractNotTaken(
        { dispenser: w.dispenser, notesLeftOwed: owedSteps, notesLeftTries: FAST },
        w.refusingTools,
        undefined,
        { atSlotFen: AMOUNT, atSlotNotes: 3 },
      ),
    ).rejects.toMatchObject({ code: ErrorCode.JOURNAL_WRITE_FAILED });
    expect(owedSteps.owed()).toBe(true);

    // the resident takes the notes after all; the session ends: the presenter reads empty
    expect(w.dispenser.takeCash()).toBe(true);
    k.setSessionRuns(false);
    k.watch.check();
    const held = k.kiosk.getSnapshot();
    expect(held.value).toBe('degraded');
    expect(held.context.reasons).toEqual(['CASH_LEFT_IN_PRESENTER']);
    expect(k.offered()).toEqual(JOURNEYS.filter((j) => j !== 'withdraw'));

    // the journal takes the step: listed for staff, withdrawals offered again, nothing else read
    w.refusal.refusing = false;
    await eventually(async () => k.kiosk.getSnapshot().value, 'the kiosk in service again', {
      withinMs: 10_000,
      until: (value) => value === 'inService',
    });
    expect(owedSteps.owed()).toBe(false);
    expect(k.offered()).toEqual([...JOURNEYS]);
    expect(await withdrawalsLeftForStaff(w.journal)).toEqual([w.tx]);
    k.watch.stop();
  });
});

/**
 * Fault: notes left in the presenter (a retract after a dispense of unknown outcome failed, the
 * notes left for staff) and a resident starts a withdrawal. The journey asked the host, had the
 * resident choose an amount, had the host hold it, and only then met the dispenser's refusal
 * (DEVICE_BUSY), the hold released again. Now it is refused at its start, before the host is
 * asked or holds anything. The journey as the daemon provides it on the dispenser emulator holding
 * notes behind its shutter, the real journal (SQLite in memory); the host a stand-in counting calls.
 */
import { describe, expect, it } from '@jest/globals';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { createActor, waitFor } from 'xstate';
import type { HostService } from '../host/host.service.js';
import {
  AMOUNT,
  BOUNDS,
  CASH_TAKE_MS,
  STEP_MS,
  withdrawalSession,
} from './withdrawal-daemon-actors.spec-support.js';
import { SessionScope } from './session-scope.js';
import { NotesLeftOwedSteps } from './notes-left-owed.js';
import { provideWithdrawalJourney } from './withdrawal-journey.js';
import { CASH_LEFT_IN_PRESENTER } from './withdrawal-retract.js';

async function withdrawalOn(emulator: CashDispenserEmulator) {
  const { journal, tx, session, scopes, deps } = await withdrawalSession('s-1', emulator);
  const asked: string[] = [];
  const host = {
    limits: async () => {
      asked.push('limits');
      return {
        balanceFen: 356_780,
        usedTodayFen: 0,
        countToday: 0,
        singleCapFen: 50_000,
        dailyCapFen: 100_000,
        dailyCount: 2,
        withdrawalsBlocked: false,
      };
    },
    authoriseWithdrawal: async () => {
      asked.push('authorise');
      throw new Error('not expected');
    },
  } as unknown as HostService;
  // the daemon's owed notes-left steps; an earlier withdrawal's, none in the journal
  const notesLeftOwed = new NotesLeftOwedSteps({ stepsOf: async () => [] });
  const actor = createActor(provideWithdrawalJourney({ ...deps, host, notesLeftOwed }, scopes.of), {
    input: {
      sessionId: 's-1',
      timeouts: { stepMs: STEP_MS, warnMs: 20_000 },
      now: () => Date.now(),
      cardNumber: 'H41080000101',
      idNumber: '410802198003151310',
      rules: { singleMaxFen: 50_000, dailyMaxFen: 100_000, dailyCountMax: 2, noteFen: 10_000 },
      receiptAvailable: false,
      cashTakeMs: CASH_TAKE_MS,
      cashUnits: () => emulator.cassettes(),
      dispenserBounds: BOUNDS,
    },
  });
  scopes.bind(actor.system, new SessionScope(journal, session));
  return {
    actor,
    asked,
    notesLeftOwed,
    steps: async () => (await journal.stepsOf(tx)).map((s) => s.step),
  };
}

describe('fault: a withdrawal started while notes are left in the presenter', () => {
  it('is refused at its start, before the host is asked or holds anything', async () => {
    const emulator = new CashDispenserEmulator();
    await emulator.open();
    await emulator.dispense(AMOUNT); // the notes a failed retract left behind the shutter
    const w = await withdrawalOn(emulator);
    w.actor.start();
    // ended there, not at the amount's choice after the host's limits
    const done = await waitFor(w.actor, (s) => s.status === 'done' || s.matches('chooseAmount'));
    expect(done.status).toBe('done');
    expect(done.output).toMatchObject({
      outcome: 'failed',
      error: { code: ErrorCode.DEVICE_BUSY },
      reversed: false,
    });
    expect(w.asked).toEqual([]);
    expect(await w.steps()).toEqual([]);
    expect(emulator.presenter()).toMatchObject({ state: 'staged', notes: 3 });
  });

  it("retract-intent-refused-notes-left-owed: refused at its start while an earlier one's notes left are owed to the journal", async () => {
    const emulator = new CashDispenserEmulator();
    await emulator.open();
    const w = await withdrawalOn(emulator);
    // the journal refuses an earlier withdrawal's notes-left step: owed until it takes it
    let refusing = true;
    const owed = w.notesLeftOwed.journalLater(
      {
        transactionId: 'JZ-0001-000009',
        step: async () => {
          if (refusing) throw new KioskError(ErrorCode.JOURNAL_WRITE_FAILED, 'The journal refused.');
        },
      },
      CASH_LEFT_IN_PRESENTER,
      {},
      () => undefined,
      { firstMs: 5, maxMs: 5, tries: 1_000 },
    );
    w.actor.start();
    const done = await waitFor(w.actor, (s) => s.status === 'done' || s.matches('chooseAmount'));
    expect(done.output).toMatchObject({ outcome: 'failed', error: { code: ErrorCode.DEVICE_BUSY } });
    expect(w.asked).toEqual([]);
    refusing = false;
    await expect(owed).resolves.toBe(true);
    expect(w.notesLeftOwed.owed()).toBe(false);
  });

  it('with the presenter empty, the withdrawal goes on to the host and the amount', async () => {
    const emulator = new CashDispenserEmulator();
    await emulator.open();
    const w = await withdrawalOn(emulator);
    w.actor.start();
    await waitFor(w.actor, (s) => s.matches('chooseAmount'));
    expect(w.asked).toEqual(['limits']);
    w.actor.stop();
  });
});

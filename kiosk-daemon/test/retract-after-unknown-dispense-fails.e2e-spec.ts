/**
 * fault: the dispense's ACK is lost and its answer does not come in time (the outcome unknown),
 * and the dispenser stops answering before the retract after it: the retract fails. The journey
 * reversed the hold all the same and closed the transaction, so the notes the dispenser counted
 * stayed in the presenter, visited by nobody (the host held nothing, so recovery's sweep of held
 * withdrawals passed them by), and a resident who took them from the slot later was paid without
 * a charge. Now the notes left are journaled for staff (`cash.leftInPresenter`) and the hold stays;
 * once the dispenser answers again, recovery's sweep of held withdrawals (what every boot runs)
 * settles it by what the presenter reads: the notes there are retracted, counted once, and the hold
 * reversed; a presenter found empty with the retract bin unchanged is left for field staff, never
 * reversed. The withdrawal journey as the daemon provides it (its real actors, the real journal,
 * the embedded host simulator over HTTP) on the real LCDM driver, the byte-level emulator at the
 * far end of a pseudo-terminal pair.
 */
import { lcdmProtocol } from '@kiosk/device-drivers/lcdm-serial-road';
import { ErrorCode, isUsable } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { toPromise } from 'xstate';
import { sweepHeldWithdrawals } from '../src/journeys/withdrawal-boot-settlement.js';
import { AMOUNT, lostAckWithdrawal } from './lost-ack-withdrawal-on-lcdm.js';
import { li } from './withdrawal-journey-run.js';

const log = { warn: () => undefined, error: () => undefined };

describe('fault: the retract after a dispense of unknown outcome fails (LCDM)', () => {
  /**
   * The withdrawal up to its end: the dispense's ACK lost while two notes take 4 s to count (its
   * outcome unknown at 2.5 s), the dispenser silent from the moment it took the dispense (its line
   * dropped there: it keeps counting, and answers nothing).
   */
  async function withdrawalLeavingNotes() {
    const run = await lostAckWithdrawal(
      { responseTimeoutMs: 1_000, heartbeatMs: 200 },
      { lineDropsAtDispense: true },
    );
    const { emulator, dispenser, journal, tx, host, simulator, balanceBefore, journey, plugIn } = run;
    await toPromise(journey);
    expect(emulator.commandsTaken(lcdmProtocol.LcdmCommand.UPPER_DISPENSE)).toBe(1);
    const steps = async () => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
    const settle = { journal, host, devices: { cashDispenser: dispenser }, log };
    /** the dispenser answers again: its heartbeat finds it, its presenter read again */
    const dispenserBack = async () => {
      plugIn();
      await eventually(() => isUsable(dispenser.status()), 'the dispenser usable again', {
        withinMs: 15_000,
      });
    };
    const balance = () => simulator.state.balanceOfCard(li.cardNumber);
    return {
      journey,
      journal,
      tx,
      steps,
      settle,
      dispenserBack,
      balance,
      balanceBefore,
      emulator,
      dispenser,
    };
  }

  it('keeps the hold, journals the notes left for staff, and settles by the presenter once the dispenser answers: retracted, counted once, reversed', async () => {
    const w = await withdrawalLeavingNotes();
    const { context } = w.journey.getSnapshot();
    expect(context.reversed).toBe(false);
    expect(context.confirmed).toBe(false);
    expect(context.needsReconciliation).toBe(true);
    expect(await w.steps()).toEqual([
      'withdrawal.authorise:intent',
      'withdrawal.authorise:done',
      'withdrawal.authorised:event',
      'cash.dispense:intent',
      'cash.dispense:failed',
      'cash.retract:intent',
      'cash.retract:failed',
      'cash.leftInPresenter:event',
    ]);
    const left = JSON.parse(
      (await w.journal.stepsOf(w.tx)).find((s) => s.step === 'cash.leftInPresenter')?.detail ?? '{}',
    ) as Record<string, unknown>;
    // the driver cannot say what its presenter holds: not written as empty
    expect(left).toEqual({ forStaff: true, code: ErrorCode.DEVICE_TIMEOUT, presenter: 'unknown' });
    // a retract left unanswered: the dispenser reads silent at once (no withdrawal offered on it),
    // not only at its next heartbeat
    expect(w.dispenser.status()).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_TIMEOUT },
    });
    // the money stays held at the host: nothing reversed while the notes may be taken
    expect(w.balance()).toBe(w.balanceBefore - AMOUNT);
    // the notes the dispenser counted wait in the presenter
    await eventually(() => w.emulator.mechanism.presenter.upper === 2, 'two notes in the presenter', {
      withinMs: 10_000,
    });

    await w.dispenserBack();
    expect(w.dispenser.presenter()).toMatchObject({ notes: 2, amountFen: AMOUNT });
    expect(await sweepHeldWithdrawals(w.settle, () => false)).toEqual({ settled: 1, undecided: [] });
    expect(w.balance()).toBe(w.balanceBefore);
    expect(w.emulator.mechanism.retractBin).toBe(2);
    expect(w.emulator.mechanism.presenter).toMatchObject({ upper: 0, lower: 0 });
    expect(w.dispenser.cassettes().map((c) => c.count)).toEqual([198, 200]);
    const recorded = async () => (await w.journal.counters.latestCounters()).cashDispenser?.counters;
    expect(await recorded()).toMatchObject({ retractBin: 2 });
    expect(await w.steps()).toEqual(
      expect.arrayContaining([
        'recovery.cash.retract:done',
        'recovery.withdrawal.reverse:intent',
        'recovery.withdrawal.reverse:done',
      ]),
    );
    // the next sweep (the next boot): nothing held, nothing moves, the counts as they were
    expect(await sweepHeldWithdrawals(w.settle, () => false)).toEqual({ settled: 0, undecided: [] });
    expect(w.emulator.mechanism.retractBin).toBe(2);
    expect(await recorded()).toMatchObject({ retractBin: 2 });
    expect(w.emulator.commandsTaken(lcdmProtocol.LcdmCommand.UPPER_DISPENSE)).toBe(1);
  }, 40_000);

  it('notes gone from the presenter meanwhile (the retract bin unchanged): left for field staff, never reversed', async () => {
    const w = await withdrawalLeavingNotes();
    await eventually(() => w.emulator.mechanism.presenter.upper === 2, 'two notes in the presenter', {
      withinMs: 10_000,
    });
    // the failed retract left the shutter open on the notes, and a hand took them from the slot
    w.emulator.mechanism.presenter.open = true;
    expect(w.emulator.mechanism.take()).toBe(true);

    await w.dispenserBack();
    expect(await sweepHeldWithdrawals(w.settle, () => false)).toEqual({ settled: 0, undecided: [w.tx] });
    // still held: staff count the cash and say whether the resident was paid
    expect(w.balance()).toBe(w.balanceBefore - AMOUNT);
    expect(await w.steps()).toEqual(expect.arrayContaining(['recovery.needsStaff:event']));
    expect(await w.steps()).not.toContain('recovery.withdrawal.reverse:intent');
  }, 40_000);
});

/**
 * Fault: a dispense of unknown outcome whose retract fails too (the dispenser silent from the
 * moment it took the dispense), then a restart, on a dispenser that counts nothing itself (a real
 * LCDM, its counts taken back from the journal at boot). Before the fix the journey had reversed
 * the hold, so boot recovery never visited the notes left in the presenter; now the hold stays
 * (`cash.leftInPresenter`) and boot recovery settles it by what the presenter reads: the notes
 * there retracted, out of the cassettes and into the retract bin once (a restart right after that
 * retract's step included), and the hold reversed once; notes gone meanwhile leave it for field
 * staff, the kiosk out of service, nothing reversed. The journey's real actors, the LCDM driver
 * over a pseudo terminal to its emulator, the embedded host simulator, on both journal stores
 * (`journey-retract-restart-rig.ts`).
 */
import type { LcdmOverPseudoTerminal } from '@kiosk/device-drivers';
import { eventually } from '@kiosk/domain/testing';
import { lcdmProtocol } from '@kiosk/device-drivers/lcdm-serial-road';
import { ErrorCode } from '@kiosk/domain';
import { expect, it } from '@jest/globals';
import type { JournalService } from '../src/journal/journal.service.js';
import { countsOfDriver, describeRigOnStores, YUAN } from './journey-retract-restart-rig.js';
import { lineDropsAtNextDispense } from './lcdm-line-drops-at-dispense.js';

const AMOUNT = 200 * YUAN;
/**
 * The dispenser's waits, shorter than the rig's: each case waits them all out once with the
 * dispenser silent (the dispense's, the presenter's status read, the retract's: 8 s at the rig's
 * 2.5 s and 3 s). The notes take longer to count than the dispense's wait, so its outcome is
 * still unknown, and are in the presenter well before the retract fails.
 */
const WAITS = { dispenseTimeoutMs: 1_000, responseTimeoutMs: 1_200 };
const MS_PER_NOTE = 800;
const { LcdmCommand } = lcdmProtocol;

describeRigOnStores(
  'retract after an unknown dispense fails, then a restart',
  'notes left in the presenter by a failed retract, then a restart, on %s',
  (on) => {
    /**
     * The withdrawal on `journal`: the dispense's ACK lost while two notes take 1.6 s to count (its
     * outcome unknown at 1 s), the dispenser silent from the moment it took the dispense (its line
     * dropped there: it keeps counting, and answers nothing), so the retract after it fails; the
     * notes end up in the presenter. Gives the transaction and the plug that puts the line back.
     */
    async function notesLeft(
      journal: JournalService,
      line: LcdmOverPseudoTerminal,
    ): Promise<{ tx: string; plugIn: () => void }> {
      const plugIn = lineDropsAtNextDispense(line);
      const tx = await on.rig.withdraw(journal, line.driver, AMOUNT, () => {
        line.emulator.setFault({ kind: 'lostAck', times: 1, command: LcdmCommand.UPPER_DISPENSE });
      });
      expect(line.emulator.commandsTaken(LcdmCommand.UPPER_DISPENSE)).toBe(1);
      const steps = (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
      expect(steps.slice(-3)).toEqual([
        'cash.retract:intent',
        'cash.retract:failed',
        'cash.leftInPresenter:event',
      ]);
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: AMOUNT, reversedFen: 0 });
      await eventually(
        () => line.emulator.mechanism.presenter.upper === 2,
        'the two notes in the presenter',
        { withinMs: 15_000, everyMs: 20 },
      );
      return { tx, plugIn };
    }

    /** The withdrawal settled once: retracted, out of the cassettes and into the bin once, reversed once. */
    async function settledOnce(journal: JournalService, tx: string, balanceBefore: number | undefined) {
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: 0, paidFen: 0, reversedFen: AMOUNT });
      expect(on.rig.balance()).toBe(balanceBefore);
      const after = (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
      expect(after.filter((s) => s === 'recovery.cash.retract:done')).toHaveLength(1);
      expect(after.filter((s) => s === 'recovery.withdrawal.reverse:done')).toHaveLength(1);
      const kept = (await journal.counters.latestCounters()).cashDispenser?.counters;
      expect(kept?.cassettes?.map((c) => c.notes)).toEqual([198, 200]);
      expect(kept?.retractBin).toBe(4);
    }

    it('restart with the notes in the presenter: boot recovery retracts them, counts them once and reverses the hold', async () => {
      const options = await on.store.fresh();
      const first = await on.rig.journalOn(options);
      const line = await on.rig.dispenser(first, { msPerNote: MS_PER_NOTE });
      const balanceBefore = on.rig.balance();
      const { tx, plugIn } = await notesLeft(first, line);
      await first.closeTransaction(tx, 'failed', ErrorCode.DEVICE_TIMEOUT);

      plugIn(); // it answers again after the restart
      const journal = await on.rig.journalOn(options);
      const again = await on.rig.boot(journal, line);
      await settledOnce(journal, tx, balanceBefore);
      expect(countsOfDriver(again)).toEqual({ cassettes: [198, 200], retractBin: 4 });
      expect(line.emulator.mechanism.retractBin).toBe(2);
      expect(line.emulator.mechanism.presenter).toMatchObject({ upper: 0, lower: 0 });

      // another boot: nothing held, nothing counted twice
      const third = await on.rig.journalOn(options);
      const once = await on.rig.boot(third, { ...line, driver: again });
      expect(countsOfDriver(once)).toEqual({ cassettes: [198, 200], retractBin: 4 });
      await settledOnce(third, tx, balanceBefore);
    }, 90_000);

    it("restart before the session's close, then again right after recovery's retract step: counted once, reversed once", async () => {
      const options = await on.store.fresh();
      const first = await on.rig.journalOn(options);
      const line = await on.rig.dispenser(first, { msPerNote: MS_PER_NOTE });
      const balanceBefore = on.rig.balance();
      const { tx, plugIn } = await notesLeft(first, line); // the transaction still open: the power went first

      plugIn();
      const second = await on.rig.journalOn(options, 'after:recovery.cash.retract:done');
      const retracting = await on.rig.boot(second, line, { powerCut: true });
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: AMOUNT, reversedFen: 0 });

      const journal = await on.rig.journalOn(options);
      const again = await on.rig.boot(journal, { ...line, driver: retracting });
      expect((await journal.openTransactions()).map((t) => t.id)).not.toContain(tx);
      await settledOnce(journal, tx, balanceBefore);
      expect(countsOfDriver(again)).toEqual({ cassettes: [198, 200], retractBin: 4 });
      expect(line.emulator.mechanism.retractBin).toBe(2);
    }, 90_000);

    it('notes taken from the slot before the restart: left for field staff, the kiosk out of service, never reversed', async () => {
      const options = await on.store.fresh();
      const first = await on.rig.journalOn(options);
      const line = await on.rig.dispenser(first, { msPerNote: MS_PER_NOTE });
      const { tx, plugIn } = await notesLeft(first, line);
      await first.closeTransaction(tx, 'failed', ErrorCode.DEVICE_TIMEOUT);
      // the failed retract left the shutter open on the notes, and a hand took them
      line.emulator.mechanism.presenter.open = true;
      expect(line.emulator.mechanism.take()).toBe(true);

      plugIn();
      const journal = await on.rig.journalOn(options);
      await expect(on.rig.boot(journal, line)).rejects.toMatchObject({
        code: ErrorCode.WITHDRAWAL_UNDECIDED,
        details: { transactions: tx },
      });
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: AMOUNT, reversedFen: 0, paidFen: 0 });
      const after = (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
      expect(after).toContain('recovery.needsStaff:event');
      expect(after).not.toContain('recovery.withdrawal.reverse:intent');
    }, 90_000);
  },
  WAITS,
);

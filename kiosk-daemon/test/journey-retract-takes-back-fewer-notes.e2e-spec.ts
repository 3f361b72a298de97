/**
 * Fault: the notes presented at the slot were not taken in time and the withdrawal journey
 * retracted them; the resident took one of the two notes as the RETRACT went, so it took back one.
 * The journey still reversed the whole amount at the host, and so did recovery when the kiosk
 * restarted right after the retract's done: the resident kept the note and got all the money back.
 * Now a retract short of the notes presented reverses nothing and confirms nothing: left for staff
 * with the counts (`cash.retractShort` by the journey, `recovery.needsStaff` at every boot), the
 * hold kept at the host until staff settle it.
 *
 * The journey's real actors, the LCDM driver over a pseudo terminal to the byte-level emulator
 * (its hand at the slot armed to take one note as the RETRACT arrives, `takeAtRetract`), the
 * embedded host simulator, boot recovery with a new driver on the same line, on both journal
 * stores; the restart forced at the kill harness's point (`journey-retract-restart-rig.ts`).
 */
import { expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import type { JournalService } from '../src/journal/journal.service.js';
import { describeRigOnStores, YUAN } from './journey-retract-restart-rig.js';

/** two hundred-yuan notes */
const AMOUNT = 200 * YUAN;

describeRigOnStores(
  'journey retract takes back fewer notes',
  "the withdrawal journey's short retract on %s",
  (on) => {
    const steps = async (journal: JournalService, tx: string) =>
      (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
    const detail = async (journal: JournalService, tx: string, step: string) =>
      JSON.parse((await journal.stepsOf(tx)).findLast((s) => s.step === step)?.detail ?? '{}') as unknown;
    const facts = (retractStep: string) => ({
      retractStep,
      atSlotFen: AMOUNT,
      atSlotNotes: 2,
      retractedFen: 100 * YUAN,
      notesRetracted: 1,
    });

    it('journey-retract-takes-back-fewer-notes: one of two notes taken as the retract ran, nothing reversed, left for staff at every boot', async () => {
      const options = await on.store.fresh();
      const first = await on.rig.journalOn(options);
      const line = await on.rig.dispenser(first);
      const balanceBefore = on.rig.balance()!;
      line.emulator.mechanism.takeAtRetract = 1;
      const tx = await on.rig.withdraw(first, line.driver, AMOUNT);

      expect(line.emulator.mechanism).toMatchObject({ taken: 1, retractBin: 1 });
      expect(await steps(first, tx)).toEqual(
        expect.arrayContaining(['cash.retract:done', 'cash.retracted:event', 'cash.retractShort:event']),
      );
      expect(await steps(first, tx)).not.toContain('withdrawal.reverse:intent');
      expect(await detail(first, tx, 'cash.retractShort')).toEqual({
        forStaff: true,
        ...facts('cash.retract'),
      });
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: AMOUNT, paidFen: 0, reversedFen: 0 });

      // the next boot leaves it for staff with the counts, the hold kept
      const journal = await on.rig.journalOn(options);
      await expect(on.rig.boot(journal, line)).rejects.toMatchObject({
        code: ErrorCode.WITHDRAWAL_UNDECIDED,
      });
      expect(await detail(journal, tx, 'recovery.needsStaff')).toMatchObject(facts('cash.retract'));
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: AMOUNT, paidFen: 0, reversedFen: 0 });
      expect(on.rig.balance()).toBe(balanceBefore - AMOUNT);
    }, 60_000);

    it('journey-retract-takes-back-fewer-notes across a restart right after the retract’s done: recovery never reverses the whole', async () => {
      const options = await on.store.fresh();
      const first = await on.rig.journalOn(options, 'after:cash.retract:done');
      const line = await on.rig.dispenser(first);
      const balanceBefore = on.rig.balance()!;
      on.rig.cutPowerAtHook(first);
      line.emulator.mechanism.takeAtRetract = 1;
      const tx = await on.rig.withdraw(first, line.driver, AMOUNT);
      expect(await steps(first, tx)).toContain('cash.retract:done');
      expect(await steps(first, tx)).not.toContain('cash.retractShort:event');
      expect(line.emulator.mechanism).toMatchObject({ taken: 1, retractBin: 1 });

      const journal = await on.rig.journalOn(options);
      await expect(on.rig.boot(journal, line)).rejects.toMatchObject({
        code: ErrorCode.WITHDRAWAL_UNDECIDED,
      });
      expect(await steps(journal, tx)).not.toContain('recovery.withdrawal.reverse:intent');
      expect(await detail(journal, tx, 'recovery.needsStaff')).toMatchObject(facts('cash.retract'));
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: AMOUNT, paidFen: 0, reversedFen: 0 });
      expect(on.rig.balance()).toBe(balanceBefore - AMOUNT);
    }, 60_000);
  },
);

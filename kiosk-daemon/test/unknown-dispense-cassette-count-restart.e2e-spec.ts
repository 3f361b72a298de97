/**
 * Fault: a dispense whose outcome was unknown (its ACK lost, its answer late while the dispenser
 * still counts), the journey's retract of its notes journaled done, then a restart before the
 * dispenser's counters record, on a dispenser that counts nothing itself (a real LCDM). The
 * driver takes such notes out of the cassettes' counts only when it sees them, at the retract: the
 * restart lost that, and the bin's, so at boot the cassettes read two notes high (counted both
 * there and in the retract bin) and the retract bin two low. Now the retract's step carries the
 * cassettes and bins it made and boot recovery sets them once (`recovery-retract-counts.ts`).
 * The journey's real actors, the LCDM driver over a pseudo terminal to its emulator, the embedded
 * host simulator, on both journal stores (`journey-retract-restart-rig.ts`).
 */
import { lcdmProtocol } from '@kiosk/device-drivers/lcdm-serial-road';
import { expect, it } from '@jest/globals';
import { countsOfDriver, describeRigOnStores, YUAN } from './journey-retract-restart-rig.js';

const AMOUNT = 200 * YUAN;
/** the dispense's answer given up 1.5 s after the ACK window (the rig's 2.5 s): its outcome unknown sooner, the same way */
const WAITS = { dispenseTimeoutMs: 1_500, responseTimeoutMs: 1_200 };

describeRigOnStores(
  'unknown dispense cassette count across a restart',
  'a dispense of unknown outcome retracted by the journey on %s',
  (on) => {
    it("restart between the unknown dispense's retract step and the counters record: the notes out of the cassettes and in the retract bin, counted once", async () => {
      const options = await on.store.fresh();
      const first = await on.rig.journalOn(options, 'after:cash.retract:done');
      // two notes take 2.75 s to count; the answer is given up 2 s after the command (the rig's
      // 0.5 s ACK window, then the dispense's 1.5 s): the outcome is unknown. The journey's retract
      // then finds the dispenser busy counting and waits for it up to the same 1.5 s, to 3.5 s: the
      // count's end lies 0.75 s from either bound, so a loaded machine's late timers neither let
      // the answer in (at 1.6 s against 1.5 s, a whole run did: the dispense journaled done) nor
      // give the retract up
      const line = await on.rig.dispenser(first, { msPerNote: 1_375 });
      const balanceBefore = on.rig.balance();
      on.rig.cutPowerAtHook(first);
      const tx = await on.rig.withdraw(first, line.driver, AMOUNT, () =>
        line.emulator.setFault({
          kind: 'lostAck',
          times: 1,
          command: lcdmProtocol.LcdmCommand.UPPER_DISPENSE,
        }),
      );
      const journaled = (await first.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
      expect(journaled).toContain('cash.dispense:failed');
      expect(journaled[journaled.length - 1]).toBe('cash.retract:done');
      // the driver had taken them out of the cassettes at the retract, the kiosk died before its record
      expect(countsOfDriver(line.driver)).toEqual({ cassettes: [198, 200], retractBin: 4 });
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: AMOUNT, reversedFen: 0 });

      const journal = await on.rig.journalOn(options);
      const again = await on.rig.boot(journal, line);
      expect((await journal.openTransactions()).map((t) => t.id)).not.toContain(tx);
      const after = (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
      expect(after.filter((s) => s.endsWith('cash.retract:done'))).toEqual(['cash.retract:done']);
      // the resident's money: given back once, never confirmed
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: 0, paidFen: 0, reversedFen: AMOUNT });
      expect(on.rig.balance()).toBe(balanceBefore);
      // 200 hundred-yuan notes less the 2 counted late, now in the retract bin (2 before): in the
      // journal and in the driver, which took the journal's older counts back at boot
      const kept = (await journal.counters.latestCounters()).cashDispenser?.counters;
      expect(kept?.cassettes?.map((c) => c.notes)).toEqual([198, 200]);
      expect(kept?.retractBin).toBe(4);
      expect(countsOfDriver(again)).toEqual({ cassettes: [198, 200], retractBin: 4 });
      // the emulator (the device itself) holds them there: one dispense, two notes retracted
      expect(line.emulator.commandsTaken(lcdmProtocol.LcdmCommand.UPPER_DISPENSE)).toBe(1);
      expect(line.emulator.mechanism.retractBin).toBe(2);

      // another boot: nothing counted twice
      const third = await on.rig.journalOn(options);
      const once = await on.rig.boot(third, { ...line, driver: again });
      expect(countsOfDriver(once)).toEqual({ cassettes: [198, 200], retractBin: 4 });
    }, 60_000);

    it("restart during the dispense (the notes in the presenter, the journal never told), then between boot recovery's retract step and the counters record: the notes out of the cassettes and in the retract bin, counted once", async () => {
      const options = await on.store.fresh();
      const first = await on.rig.journalOn(options, 'before:cash.dispense:done');
      const line = await on.rig.dispenser(first);
      const balanceBefore = on.rig.balance();
      on.rig.cutPowerAtHook(first);
      const tx = await on.rig.withdraw(first, line.driver, AMOUNT);
      const journaled = (await first.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
      expect(journaled[journaled.length - 1]).toBe('cash.dispense:intent');
      // the driver counted them out of the cassette; the journal's counts are those before
      expect(countsOfDriver(line.driver)).toEqual({ cassettes: [198, 200], retractBin: 2 });
      expect(line.emulator.mechanism.presenter).toMatchObject({ upper: 2, lower: 0 });

      // the first boot's recovery retracts them, and the power goes right after its step
      const second = await on.rig.journalOn(options, 'after:recovery.cash.retract:done');
      const retracting = await on.rig.boot(second, line, { powerCut: true });
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: AMOUNT, reversedFen: 0 });
      const retract = (await second.stepsOf(tx)).find(
        (s) => s.step === 'recovery.cash.retract' && s.phase === 'intent',
      );
      // with the presenter as recovery read it (what the retract is to take back) and the retract
      // bin's count before it (2 from before: a retract cut before its done is read against it)
      expect(JSON.parse(retract?.detail ?? '{}')).toEqual({
        atSlotFen: AMOUNT,
        atSlotNotes: 2,
        retractBinBefore: 2,
        uncountedDispense: true,
      });

      const journal = await on.rig.journalOn(options);
      const again = await on.rig.boot(journal, { ...line, driver: retracting });
      expect((await journal.openTransactions()).map((t) => t.id)).not.toContain(tx);
      const after = (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
      expect(after.filter((s) => s.endsWith('cash.retract:done'))).toEqual(['recovery.cash.retract:done']);
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: 0, paidFen: 0, reversedFen: AMOUNT });
      expect(on.rig.balance()).toBe(balanceBefore);
      // 198 hundred-yuan notes left, the 2 in the retract bin (2 before), once, in the journal and the driver
      const kept = (await journal.counters.latestCounters()).cashDispenser?.counters;
      expect(kept?.cassettes?.map((c) => c.notes)).toEqual([198, 200]);
      expect(kept?.retractBin).toBe(4);
      expect(countsOfDriver(again)).toEqual({ cassettes: [198, 200], retractBin: 4 });
      expect(line.emulator.mechanism.retractBin).toBe(2);
    }, 60_000);
  },
  WAITS,
);

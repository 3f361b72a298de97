/**
 * Fault: a restart between the withdrawal journey's own retract step (`cash.retract` done: the
 * resident walked away from the notes at the slot) and the dispenser's counters record, on a
 * dispenser that counts nothing itself (a real LCDM). The dispenser takes its counts back from
 * the journal's last record at boot, so the retracted notes used to be lost from the retract bin
 * count: staff's cash reconciliation showed notes missing that were in the bin. Now the step
 * carries the counts it made and boot recovery sets them once (`recovery-retract-counts.ts`).
 * The journey's real actors, the LCDM driver over a pseudo terminal to its emulator, the embedded
 * host simulator, on both journal stores (`journey-retract-restart-rig.ts`).
 */
import { expect, it } from '@jest/globals';
import type { JournalService } from '../src/journal/journal.service.js';
import { countsOfDriver, describeRigOnStores, YUAN } from './journey-retract-restart-rig.js';

const AMOUNT = 200 * YUAN;

describeRigOnStores(
  'withdrawal retract count across a restart',
  "the withdrawal journey's retract on %s",
  (on) => {
    const steps = async (journal: JournalService, tx: string) =>
      (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);

    it("restart between the journey's retract step and the counters record (the notes not taken): the retracted notes counted once", async () => {
      const options = await on.store.fresh();
      const first = await on.rig.journalOn(options, 'after:cash.retract:done');
      const line = await on.rig.dispenser(first);
      const balanceBefore = on.rig.balance();
      on.rig.cutPowerAtHook(first);
      const tx = await on.rig.withdraw(first, line.driver, AMOUNT);
      expect(await steps(first, tx)).toContain('cash.retract:done');
      // the kiosk died before it gave the hold back: the host still holds it
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: AMOUNT, reversedFen: 0 });

      const journal = await on.rig.journalOn(options);
      const again = await on.rig.boot(journal, line);
      const after = await steps(journal, tx);
      expect((await journal.openTransactions()).map((t) => t.id)).not.toContain(tx);
      // the journey's retract stands: never retracted nor counted again, the hold reversed once
      expect(after.filter((s) => s.endsWith('cash.retract:done'))).toEqual(['cash.retract:done']);
      expect(on.rig.atHost(tx)).toMatchObject({ heldFen: 0, paidFen: 0, reversedFen: AMOUNT });
      expect(on.rig.balance()).toBe(balanceBefore);
      // 2 in the retract bin before, the 2 hundred-yuan notes retracted: 4, in the journal and the
      // driver; the cassette's 198 as the dispense recorded them
      const kept = (await journal.counters.latestCounters()).cashDispenser?.counters;
      expect(kept?.retractBin).toBe(4);
      expect(kept?.cassettes?.map((c) => c.notes)).toEqual([198, 200]);
      expect(countsOfDriver(again)).toEqual({ cassettes: [198, 200], retractBin: 4 });
      expect(line.emulator.mechanism.retractBin).toBe(2);

      // another boot: nothing counted twice
      const third = await on.rig.journalOn(options);
      const once = await on.rig.boot(third, { ...line, driver: again });
      expect(countsOfDriver(once)).toEqual({ cassettes: [198, 200], retractBin: 4 });
      expect((await third.counters.latestCounters()).cashDispenser?.counters.retractBin).toBe(4);
    }, 60_000);
  },
);

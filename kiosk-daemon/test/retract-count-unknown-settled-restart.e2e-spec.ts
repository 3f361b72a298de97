/**
 * Fault: the supervisor's settlement by the amount taken of a withdrawal whose retracted count is
 * unknown, cut by a restart at any instant of the host's two acts, must move the money once. The
 * withdrawal journey's retract of two hundred-yuan notes takes back one (the resident took the
 * other as it ran: the emulator's hand at the slot, `takeAtRetract`) and the power goes before its
 * `done` (`before:cash.retract:done`): on a dispenser that counts nothing itself nobody knows how
 * many came back, and boot leaves it for staff. The supervisor counts 100 yuan taken; the power
 * goes again at the kill harness's point: the give-back taken by the host but not journaled done,
 * journaled done before the confirm, or the confirm taken but not journaled done. The next boot
 * carries the verdict through: 100 yuan paid, 100 given back, each once, the withdrawal closed.
 *
 * The journey's real actors, the LCDM driver over a pseudo terminal to the byte-level emulator,
 * the embedded host simulator, boot recovery with a new driver on the same line, on both journal
 * stores (`journey-retract-restart-rig.ts`).
 */
import { expect, it } from '@jest/globals';
import type { JournalService } from '../src/journal/journal.service.js';
import { settleWithdrawalByStaff } from '../src/journeys/withdrawal-staff-settlement.js';
import { describeRigOnStores, PowerCut, YUAN } from './journey-retract-restart-rig.js';

const AMOUNT = 200 * YUAN;
const TAKEN = 100 * YUAN;

describeRigOnStores(
  'retract count unknown settled across a restart',
  'the amount taken, settled across a restart between the host’s acts, on %s',
  (on) => {
    const named = async (journal: JournalService, tx: string, step: string) =>
      (await journal.stepsOf(tx)).filter((s) => `${s.step}:${s.phase}` === step).length;

    it.each([
      'before:recovery.withdrawal.reverse:done',
      'after:recovery.withdrawal.reverse:done',
      'before:recovery.withdrawal.confirm:done',
    ])(
      'retract-count-unknown-settled-restart at %s: paid and given back once',
      async (point) => {
        const options = await on.store.fresh();
        const first = await on.rig.journalOn(options, 'before:cash.retract:done');
        const line = await on.rig.dispenser(first);
        const balanceBefore = on.rig.balance()!;
        on.rig.cutPowerAtHook(first);
        line.emulator.mechanism.takeAtRetract = 1;
        await on.rig.withdraw(first, line.driver, AMOUNT).catch((e: unknown) => {
          if (!(e instanceof PowerCut)) throw e;
        });
        expect(line.emulator.mechanism).toMatchObject({ taken: 1, retractBin: 1 });

        // the retracted count unknown: left for staff, the hold kept
        const second = await on.rig.journalOn(options);
        const [open] = await second.openTransactions();
        const tx = open!.id;
        const driver = await on.rig.boot(second, line, { leftForStaff: true });
        expect(await named(second, tx, 'recovery.needsStaff:event')).toBe(1);
        expect(on.rig.atHost(tx)).toMatchObject({ heldFen: AMOUNT, paidFen: 0, reversedFen: 0 });

        // the supervisor counts 100 yuan taken; the power goes at the point
        const third = await on.rig.journalOn(options, point);
        on.rig.cutPowerAtHook(third);
        const staff = { journal: third, host: on.rig.host, dispenser: driver };
        await expect(
          settleWithdrawalByStaff(staff, tx, { takenFen: TAKEN }, 'FS-0002'),
        ).rejects.toBeInstanceOf(PowerCut);

        const fourth = await on.rig.journalOn(options);
        const again = await on.rig.boot(fourth, { ...line, driver });
        expect(on.rig.atHost(tx)).toMatchObject({ heldFen: 0, paidFen: TAKEN, reversedFen: AMOUNT - TAKEN });
        expect(on.rig.balance()).toBe(balanceBefore - TAKEN);
        expect(await named(fourth, tx, 'recovery.staffVerdict:event')).toBe(1);
        expect(await named(fourth, tx, 'recovery.withdrawal.reverse:intent')).toBe(1);
        expect((await fourth.openTransactions()).map((t) => t.id)).not.toContain(tx);
        // another boot: nothing held, nothing moved again
        const fifth = await on.rig.journalOn(options);
        await on.rig.boot(fifth, { ...line, driver: again });
        expect(on.rig.atHost(tx)).toMatchObject({ heldFen: 0, paidFen: TAKEN, reversedFen: AMOUNT - TAKEN });
      },
      90_000,
    );
  },
);

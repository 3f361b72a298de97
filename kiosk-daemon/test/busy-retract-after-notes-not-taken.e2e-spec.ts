/**
 * Fault: a resident leaves the notes at the slot past the take timeout and the retract after it is
 * refused as busy (the dispenser NAKs every command while busy: nothing moved). The journey ended
 * undecided (neither confirmed nor reversed) but journaled nothing for staff and told nobody: the
 * hold stayed at the host in service, the supervisor's list did not show it, and when the dispenser
 * answered again nothing settled it until the next boot, whose sweep then left it for staff even
 * when the resident had taken the notes meanwhile ("a retract was under way"). 61f5e1a settled
 * such notes only after a dispense of unknown outcome. Now the journey's retract after a take
 * timeout leaves its notes as that one does (`cash.leftInPresenter`, told to the late settlement,
 * `withdrawal-retract.ts`), and when the dispenser answers again the presenter decides once: notes
 * there → retracted and reversed; gone, every retract refused → gone unseen, left for staff with
 * the facts (`withdrawal-recovery.ts`). Fault: those gone notes were counted taken and confirmed at
 * the host, though nobody watched the slot from the first retract and a presenter with a take time
 * of its own draws them into its retract bin, which an LCDM does not count (ADR 0020).
 *
 * The built daemon, its LCDM driver on a pseudo terminal to the byte-level emulator on a thread, the
 * host simulator in its own process (`dispenser-back-world.ts`); on the SQLite journal file and on
 * PostgreSQL.
 */
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { lcdmProtocol } from '@kiosk/device-drivers/lcdm-serial-road';
import { dispenserBackWorlds } from './dispenser-back-world.js';
import { onPostgres, sqliteStore, type JournalStore } from './kill-harness-store.js';
import {
  AMOUNT_FEN,
  expectListedGoneUnseen,
  notesLeftAtSlot,
  settlementActs,
} from './notes-not-taken-world.js';

const SETTLED_MS = 60_000;

function scenarios(store: JournalStore): void {
  const worlds = dispenserBackWorlds(store);

  it('fault: notes not taken, the retract refused as busy: listed for staff, retracted once and reversed once when the dispenser answers, withdrawal offered again', async () => {
    const w = await worlds.start();
    const retractBinBefore = (await w.notes()).retractBin;
    const { ui, tx, code } = await notesLeftAtSlot(w, 'busy');
    expect(code).toBe(ErrorCode.DEVICE_BUSY);
    expect(await w.emulator.commandsTaken(lcdmProtocol.LcdmCommand.RETRACT)).toBe(0);
    expect(await w.notes()).toEqual({ presenter: 2, retractBin: retractBinBefore });
    expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);
    await ui.waitForKiosk((k) => !k.journeysOffered.includes('withdraw'), 15_000);

    await w.emulator.setFault(null);
    await eventually(() => w.stepNames(tx), 'recovery.withdrawal.reverse:done journaled', {
      withinMs: SETTLED_MS,
      everyMs: 200,
      until: (steps) => steps.includes('recovery.withdrawal.reverse:done'),
    });
    await ui.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('withdraw'), 30_000);
    expect(await w.atHost(tx)).toMatchObject([
      { status: 'reversed', heldFen: 0, paidFen: 0, reversedFen: AMOUNT_FEN },
    ]);
    expect(await settlementActs(w, tx)).toEqual({ retracted: 1, reversed: 1, confirmed: 0, forStaff: 0 });
    expect(await w.notes()).toEqual({ presenter: 0, retractBin: retractBinBefore + 2 });
    expect(await w.emulator.commandsTaken(lcdmProtocol.LcdmCommand.RETRACT)).toBe(1);
  }, 180_000);

  it.each([
    ['notes-gone-after-busy-retracts-not-counted-taken', 'drawn in by the presenter on its own', 2],
    ['notes-gone-after-busy-retracts-taken-unseen', 'taken by the resident', 0],
  ])(
    'fault: %s (%s after the retract was refused as busy): left for staff with what the kiosk knows, never confirmed',
    async (_name, _how, inBin) => {
      const w = await worlds.start();
      const retractBinBefore = (await w.notes()).retractBin;
      const { ui, tx, code } = await notesLeftAtSlot(w, 'busy');
      expect(code).toBe(ErrorCode.DEVICE_BUSY);
      // the shutter is still open on the notes: they go, nobody watching the slot
      expect(await (inBin > 0 ? w.emulator.retractOnItsOwn() : w.emulator.takeCash())).toBe(true);

      await w.emulator.setFault(null);
      await eventually(() => w.stepNames(tx), 'recovery.needsStaff:event journaled', {
        withinMs: SETTLED_MS,
        everyMs: 200,
        until: (steps) => steps.includes('recovery.needsStaff:event'),
      });
      expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN, paidFen: 0 }]);
      expect(await settlementActs(w, tx)).toEqual({ retracted: 0, reversed: 0, confirmed: 0, forStaff: 1 });
      expect(await w.emulator.commandsTaken(lcdmProtocol.LcdmCommand.RETRACT)).toBe(0);
      const steps = await w.steps(tx);
      const left = JSON.parse(steps.find((s) => s.step === 'recovery.needsStaff')?.detail ?? '{}') as Record<
        string,
        unknown
      >;
      expect(left).toMatchObject({ notesGoneUnseen: true, presentedFen: AMOUNT_FEN });
      expect(Date.parse(String(left['backAt']))).toBeGreaterThan(Date.parse(String(left['lostAt'])));

      // the supervisor's screen lists it with what the kiosk knows, the retract bin before and now
      await expectListedGoneUnseen(ui, tx, left, retractBinBefore);
    },
    180_000,
  );
}

describe('notes not taken, the retract refused as busy, on SQLite', () => {
  scenarios(sqliteStore());
});

describe('notes not taken, the retract refused as busy, on PostgreSQL', () => {
  onPostgres('notes not taken, the retract refused as busy', scenarios);
});

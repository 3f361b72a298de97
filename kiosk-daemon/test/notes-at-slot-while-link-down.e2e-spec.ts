/**
 * Fault: li's notes are open at the slot when the dispenser's link drops (its cable out), and gone
 * when it comes back, well within the take time: the presenter drew them into its retract bin on
 * its own, or li took them. The LCDM line cannot tell which (ADR 0020), yet the driver reported
 * any presenter found empty as notes taken, so the journey confirmed the hold as paid even when the
 * notes lay in the retract bin. Now the journey hears them gone unseen, its retract refuses with
 * what the kiosk knows, nothing sent to the dispenser, and the withdrawal is left for the supervisor
 * (`cash.leftInPresenter`, DEVICE_OFFLINE, `notesGoneUnseen`): neither confirmed nor reversed, the
 * money held, the staff screen showing the amount presented and when the link was lost and back.
 *
 * The built daemon, its LCDM driver on a pseudo terminal to the byte-level emulator on a thread, the
 * host simulator in its own process (`dispenser-back-world.ts`); on the SQLite journal file and on
 * PostgreSQL.
 */
import { ErrorCode } from '@kiosk/domain';
import { QUICK_DISPENSER, dispenserBackWorlds, type DispenserBackWorld } from './dispenser-back-world.js';
import { onPostgres, sqliteStore, type JournalStore } from './kill-harness-store.js';
import {
  AMOUNT_FEN,
  expectListedGoneUnseen,
  notesLeftAtSlot,
  settlementActs,
} from './notes-not-taken-world.js';
import type { UiClient } from './ui-client.js';

/** the take time far beyond the outage: the notes go while li could still take them */
const LONG_TAKE: readonly string[] = [...QUICK_DISPENSER, '--set', 'timeouts.cashTakeMs=120000'];

/** The link drops with the notes at the slot, `whileDown` happens, the link comes back. */
function linkDownAtSlot(w: DispenserBackWorld, whileDown: () => Promise<void>) {
  return async (ui: UiClient) => {
    await w.unplug();
    await ui.waitForKiosk(
      (k) => k.devices.find((d) => d.kind === 'cashDispenser')?.device === 'offline',
      20_000,
    );
    await whileDown();
    await w.plugIn();
  };
}

function scenarios(store: JournalStore): void {
  const worlds = dispenserBackWorlds(store);

  it.each([
    ['notes-at-slot-while-link-down-retracted', 'drawn in by the presenter', 2, 0],
    ['notes-at-slot-while-link-down-taken', 'taken by li', 0, 2],
  ])(
    'fault: %s (%s while the link was down): left for the supervisor with what the kiosk knows, neither confirmed nor reversed',
    async (_name, _how, inBin, taken) => {
      const w = await worlds.start();
      const retractBinBefore = (await w.notes()).retractBin;
      const gone = async () =>
        expect(await (inBin > 0 ? w.emulator.retractOnItsOwn() : w.emulator.takeCash())).toBe(true);
      const { ui, tx, code } = await notesLeftAtSlot(w, linkDownAtSlot(w, gone), LONG_TAKE);
      expect(code).toBe(ErrorCode.DEVICE_OFFLINE);
      expect(await w.emulator.snapshot()).toMatchObject({ retractBin: retractBinBefore + inBin, taken });

      const steps = await w.steps(tx);
      const names = steps.map((s) => `${s.step}:${s.phase}`);
      expect(names).not.toContain('cash.taken:event');
      expect(
        names.filter((s) => s.startsWith('withdrawal.confirm') || s.startsWith('withdrawal.reverse')),
      ).toEqual([]);
      const left = JSON.parse(steps.find((s) => s.step === 'cash.leftInPresenter')?.detail ?? '{}') as Record<
        string,
        unknown
      >;
      expect(left).toMatchObject({ forStaff: true, notesGoneUnseen: true, presentedFen: AMOUNT_FEN });
      const lostAt = Date.parse(String(left['lostAt']));
      const backAt = Date.parse(String(left['backAt']));
      expect(backAt).toBeGreaterThan(lostAt);
      expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);
      expect(await settlementActs(w, tx)).toMatchObject({ retracted: 0, reversed: 0, confirmed: 0 });

      // the supervisor's screen lists it with what the kiosk knows; the kiosk counted no retract
      await expectListedGoneUnseen(ui, tx, left, retractBinBefore);
    },
    180_000,
  );
}

describe('notes at the slot while the link is down, on SQLite', () => {
  scenarios(sqliteStore());
});

describe('notes at the slot while the link is down, on PostgreSQL', () => {
  onPostgres('notes at the slot while the link is down', scenarios);
});

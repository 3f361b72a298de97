/**
 * Fault: the dispenser goes silent (its cable out) while li's notes are presented at the slot,
 * so the retract after the take timeout goes unanswered: maybe acted on, its answer lost. The
 * journey ended undecided with nothing journaled for staff nor told to the late settlement: when
 * the dispenser answered again the notes in the presenter stayed there and the hold at the host,
 * and notes taken during the outage were no one's business until the next boot. Now the notes are
 * left for staff and for the dispenser's comeback (`cash.leftInPresenter`, DEVICE_TIMEOUT), which
 * settles once by what its presenter holds: notes there → retracted and reversed; gone → where
 * they went is unknown (taken, or drawn in by the retract whose answer was lost), so held for
 * field staff, never confirmed or reversed by the kiosk.
 *
 * The built daemon, its LCDM driver on a pseudo terminal to the byte-level emulator on a thread, the
 * host simulator in its own process (`dispenser-back-world.ts`); on the SQLite journal file and on
 * PostgreSQL.
 */
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { dispenserBackWorlds } from './dispenser-back-world.js';
import { onPostgres, sqliteStore, type JournalStore } from './kill-harness-store.js';
import { AMOUNT_FEN, notesLeftAtSlot, settlementActs } from './notes-not-taken-world.js';

const SETTLED_MS = 60_000;
const GONE_WHY = 'the notes left in the presenter after a failed retract are gone, not in the retract bin';

function scenarios(store: JournalStore): void {
  const worlds = dispenserBackWorlds(store);

  it('fault: notes still at the slot when the silent dispenser answers again: retracted once, reversed once', async () => {
    const w = await worlds.start();
    const retractBinBefore = (await w.notes()).retractBin;
    const { ui, tx, code } = await notesLeftAtSlot(w, 'silent');
    expect(code).toBe(ErrorCode.DEVICE_TIMEOUT);
    expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);

    await w.plugIn();
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
  }, 180_000);

  it('fault: notes gone when the silent dispenser answers again: held for field staff once, neither paid nor reversed', async () => {
    const w = await worlds.start();
    const { ui, tx, code } = await notesLeftAtSlot(w, 'silent');
    expect(code).toBe(ErrorCode.DEVICE_TIMEOUT);
    // the resident takes the notes while the dispenser cannot tell anyone
    expect(await w.emulator.takeCash()).toBe(true);

    await w.plugIn();
    await eventually(() => w.stepNames(tx), 'recovery.needsStaff:event journaled', {
      withinMs: SETTLED_MS,
      everyMs: 200,
      until: (steps) => steps.includes('recovery.needsStaff:event'),
    });
    // nothing holds the kiosk: the presenter is empty, withdrawal offered again
    await ui.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('withdraw'), 30_000);
    expect(await w.needsStaffReasons(tx)).toEqual([GONE_WHY]);
    expect(await settlementActs(w, tx)).toEqual({ retracted: 0, reversed: 0, confirmed: 0, forStaff: 1 });
    expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);
  }, 180_000);
}

describe('notes at the slot while the dispenser is silent, on SQLite', () => {
  scenarios(sqliteStore());
});

describe('notes at the slot while the dispenser is silent, on PostgreSQL', () => {
  onPostgres('notes at the slot while the dispenser is silent', scenarios);
});

/**
 * Fault: a withdrawal boot recovery left for staff because the cash dispenser was offline at boot
 * was never settled when the dispenser came back (ADR 0020, left). The power cut left li's 200
 * yuan presented at the slot; at the next boot the dispenser did not answer, so recovery journaled
 * recovery.needsStaff (the dispenser's reason), the host kept holding the money and the kiosk stayed
 * out of service. The daemon opens the dispenser again by itself, and its presenter was readable,
 * yet nothing looked at the withdrawal again until field staff came. Now, once the dispenser
 * answers outside a session, the withdrawal is settled by boot recovery's own rules (journal first:
 * the notes retracted, the hold reversed once), closed, and the kiosk placed by its devices.
 *
 * The built daemon, its LCDM driver on a pseudo terminal to the byte-level emulator on a thread
 * (`dispenser-back-world.ts`), the host simulator in its own process; on the SQLite journal file
 * and on PostgreSQL. The daemon's reopen is what finds the dispenser back; it runs every 0.5 s to
 * 1 s here (`devices.reopen`, as the late-settlement specs run it), not at its default 5 s
 * doubling, which each case waited out once or twice with nothing to check meanwhile; a short
 * command's answer time is the driver's 2 s, which the cases whose line drops under the retract
 * wait out. The waits below are for its pushed kiosk view.
 */
import { ErrorCode, type KioskView } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import {
  AMOUNT_FEN,
  DISPENSER_SILENT,
  dispenserBackWorlds,
  QUICK_REOPEN,
  endedWithin,
} from './dispenser-back-world.js';
import { onPostgres, sqliteStore, type JournalStore } from './kill-harness-store.js';
import { DEMO_SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';

const BACK_MS = 60_000;

function scenarios(store: JournalStore): void {
  const worlds = dispenserBackWorlds(store);

  /** The power cut, then a boot with the dispenser silent: left for staff, the kiosk out of service. */
  async function leftAtBoot(extra: readonly string[] = []) {
    const world = await worlds.start();
    const tx = await world.cutShortWithNotesAtSlot();
    expect(await world.notes()).toEqual({ presenter: 2, retractBin: 0 });
    const booted = await world.bootWithDispenserSilent([...QUICK_REOPEN, ...extra]);
    expect(booted.kiosk).toMatchObject({ mode: 'outOfService', reason: 'SELF_TEST_FAILED' });
    expect(await world.needsStaffReasons(tx)).toEqual([DISPENSER_SILENT]);
    expect(await world.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);
    return { w: world, tx, ...booted };
  }

  it('dispenser back after boot settles the left withdrawal: the notes retracted, the hold reversed once, closed, the kiosk in service', async () => {
    const { w, tx, ui } = await leftAtBoot();
    await w.plugIn();
    const kiosk = await ui.waitForKiosk((k) => k.mode === 'inService', BACK_MS);
    expect(kiosk.journeysOffered).toContain('withdraw');
    expect(await w.atHost(tx)).toMatchObject([
      { status: 'reversed', heldFen: 0, paidFen: 0, reversedFen: AMOUNT_FEN },
    ]);
    const steps = await w.stepNames(tx);
    expect(steps.filter((s) => s === 'recovery.dispenserBack:event')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.cash.retract:done')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:intent')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:done')).toHaveLength(1);
    // journal first: the decision before the retract, the retract before the reversal
    const at = (s: string) => steps.lastIndexOf(s);
    expect(at('recovery.dispenserBack:event')).toBeLessThan(at('recovery.withdrawal:event'));
    expect(at('recovery.withdrawal:event')).toBeLessThan(at('recovery.cash.retract:intent'));
    expect(at('recovery.cash.retract:done')).toBeLessThan(at('recovery.withdrawal.reverse:intent'));
    // closed as recovery closes it: off the supervisor's list of open withdrawals left for staff
    expect(await w.transaction(tx)).toEqual({ status: 'closed', outcome: 'interrupted' });
    // the two notes in the retract bin, counted once (the LCDM counts nothing itself)
    expect(await w.notes()).toEqual({ presenter: 0, retractBin: 2 });
    expect(await w.journalRetractBin()).toBe(2);
    // the supervisor who comes finds nothing left to settle
    const login = await staffLogIn(ui.url, ui, DEMO_SUPERVISOR);
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    const view = await maintenanceCall(ui.url, 'GET', '/maintenance/view', { token });
    expect(view.body.pendingSettlements).toEqual([]);
  }, 180_000);

  it.each([
    ['right after its retract is journaled', 'after:recovery.cash.retract:done', 'authorised'],
    [
      'right after the host reversed it, before its close',
      'after:recovery.withdrawal.reverse:done',
      'reversed',
    ],
  ])(
    'restart in the middle of the late settlement (%s): carried through once at the next boot',
    async (_at, point, atRestart) => {
      const { w, tx, daemon } = await leftAtBoot(['--set', `journal.crashAt=${point}`]);
      await w.plugIn();
      expect(await endedWithin(daemon, BACK_MS)).toBe('SIGKILL');
      expect(await w.notes()).toEqual({ presenter: 0, retractBin: 2 });
      expect(await w.atHost(tx)).toMatchObject([{ status: atRestart }]);

      // the power back, the dispenser answering: boot recovery carries the settlement through
      const { ui } = await w.boot();
      await ui.waitForKiosk((k) => k.mode === 'inService', 30_000);
      expect(await w.atHost(tx)).toMatchObject([
        { status: 'reversed', heldFen: 0, paidFen: 0, reversedFen: AMOUNT_FEN },
      ]);
      const steps = await w.stepNames(tx);
      expect(steps.filter((s) => s === 'recovery.cash.retract:done')).toHaveLength(1);
      expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:intent')).toHaveLength(1);
      expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:done')).toHaveLength(1);
      expect(steps).not.toContain('recovery.withdrawal.confirm:intent');
      expect(await w.transaction(tx)).toEqual({ status: 'closed', outcome: 'interrupted' });
      expect(await w.notes()).toEqual({ presenter: 0, retractBin: 2 });
      expect(await w.journalRetractBin()).toBe(2);
    },
    240_000,
  );

  it("dispenser dropping again during the late settlement's retract, the notes still at the slot: nothing paid or lost, settled once when it answers again", async () => {
    const { w, tx, ui } = await leftAtBoot();
    // the line drops as the retract reaches the dispenser: the notes stay presented
    await w.emulator.retractFault('lineDrops');
    await w.plugIn();
    await eventually(() => w.stepNames(tx), 'recovery.cash.retract:failed journaled', {
      withinMs: BACK_MS,
      everyMs: 200,
      until: (steps) => steps.includes('recovery.cash.retract:failed'),
    });
    await eventually(() => w.needsStaffReasons(tx), '2 needs-staff reasons journaled', {
      withinMs: 10_000,
      everyMs: 200,
      until: (reasons) => reasons.length === 2,
    });
    const [, reason] = await w.needsStaffReasons(tx);
    expect(reason).toMatch(
      new RegExp(`^reverse failed: (${ErrorCode.DEVICE_TIMEOUT}|${ErrorCode.DEVICE_OFFLINE})$`),
    );
    expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);
    expect(await w.notes()).toEqual({ presenter: 2, retractBin: 0 });
    expect(ui.kiosk).toMatchObject({ mode: 'outOfService', reason: 'SELF_TEST_FAILED' });

    // it reads offline (its heartbeat unanswered), then is plugged in again: settled once
    await ui.waitForKiosk((k) => dispenserState(k) === 'offline', 20_000);
    await w.emulator.retractFault(null);
    await w.plugIn();
    await ui.waitForKiosk((k) => k.mode === 'inService', BACK_MS);
    expect(await w.atHost(tx)).toMatchObject([
      { status: 'reversed', heldFen: 0, paidFen: 0, reversedFen: AMOUNT_FEN },
    ]);
    const steps = await w.stepNames(tx);
    expect(steps.filter((s) => s === 'recovery.cash.retract:done')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:done')).toHaveLength(1);
    expect(await w.transaction(tx)).toEqual({ status: 'closed', outcome: 'interrupted' });
    expect(await w.notes()).toEqual({ presenter: 0, retractBin: 2 });
  }, 240_000);

  it("dispenser dropping again during the late settlement's retract, the notes drawn in: never confirmed, left for staff", async () => {
    const { w, tx, ui } = await leftAtBoot();
    // the dispenser draws the notes into its retract bin, and the line drops before its answer
    await w.emulator.retractFault('answerLost');
    await w.plugIn();
    await eventually(() => w.stepNames(tx), 'recovery.cash.retract:failed journaled', {
      withinMs: BACK_MS,
      everyMs: 200,
      until: (steps) => steps.includes('recovery.cash.retract:failed'),
    });
    expect(await w.notes()).toEqual({ presenter: 0, retractBin: 2 });
    await ui.waitForKiosk((k) => dispenserState(k) === 'offline', 20_000);

    // back again: the presenter empty, a retract without its answer, a bin that counts nothing itself
    await w.emulator.retractFault(null);
    await w.plugIn();
    // decided again: left for staff (a third recovery.needsStaff), or settled and closed
    await eventually(
      async () =>
        (await w.needsStaffReasons(tx)).length === 3 || (await w.transaction(tx))?.status === 'closed',
      'a third needs-staff reason or the transaction closed',
      { withinMs: BACK_MS, everyMs: 200 },
    );
    expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);
    expect((await w.needsStaffReasons(tx))[2]).toBe(
      'a retract was under way and the retract bin did not count the notes',
    );
    const steps = await w.stepNames(tx);
    expect(steps).not.toContain('recovery.withdrawal.confirm:intent');
    expect(steps).not.toContain('recovery.withdrawal.reverse:intent');
    expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);
    // still the supervisor's to count and settle: open, the kiosk out of service
    expect(await w.transaction(tx)).toMatchObject({ status: 'open' });
    expect(ui.kiosk).toMatchObject({ mode: 'outOfService', reason: 'SELF_TEST_FAILED' });
  }, 240_000);
}

const dispenserState = (k: KioskView) => k.devices.find((d) => d.kind === 'cashDispenser')?.device;

describe('withdrawal left at boot with the dispenser offline, on SQLite', () => {
  scenarios(sqliteStore());
});

describe('withdrawal left at boot with the dispenser offline, on PostgreSQL', () => {
  onPostgres('dispenser back after boot', scenarios);
});

/**
 * The watch of notes left in the presenter (`cash-left-in-presenter.ts`, wired by
 * `booted-kiosk-wiring.ts`), end to end: in service, a resident's dispense whose outcome is
 * unknown (the dispenser took it, its answer never came) and the retract after it refused as busy
 * (the dispenser NAKs every command while it is busy): the notes wait in the presenter, journaled
 * for staff (`cash.leftInPresenter`, DEVICE_BUSY, `withdrawal-retract.ts`), the hold kept. While
 * they sit there withdrawal is not offered and is refused at its start; once the dispenser answers
 * again the journal settles the withdrawal exactly once (the notes retracted, counted once, the
 * hold reversed once), and withdrawals are offered again.
 *
 * Fault it found: the LCDM driver kept its presenter as it believed it after a retract refused as
 * busy past its bound, and the late settlement waited only on a dispenser that did not answer
 * (DEVICE_OFFLINE, DEVICE_TIMEOUT). So once the dispenser was free the kiosk read in service and
 * offered withdrawal with the two notes in the presenter (no CASH_LEFT_IN_PRESENTER, every
 * dispense refused), the money held at the host, until a reboot or field staff. Now a retract
 * refused as busy leaves the dispenser out of reach until a STATUS reads its presenter again
 * (`lcdm-retract.ts`), and the journey's notes left by it wait for the dispenser's comeback like
 * those of an unanswered retract (`dispenser-back-settlement.ts`).
 *
 * The built daemon, its LCDM driver on a pseudo terminal to the byte-level emulator on a thread, the
 * host simulator in its own process (`dispenser-back-world.ts`); on the SQLite journal file and on
 * PostgreSQL. The dispenser's answer time is short here (2 s), as the reopen's waits (0.5 s to 1 s).
 */
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { lcdmProtocol } from '@kiosk/device-drivers/lcdm-serial-road';
import { AMOUNT_FEN, dispenserBackWorlds, QUICK_DISPENSER, kioskViews } from './dispenser-back-world.js';
import { onPostgres, sqliteStore, type JournalStore } from './kill-harness-store.js';

const SETTLED_MS = 60_000;

function scenarios(store: JournalStore): void {
  const worlds = dispenserBackWorlds(store);

  it('fault: retract refused as busy after a dispense of unknown outcome: withdrawal held back while the notes sit in the presenter, settled once when it reads them, offered again', async () => {
    const w = await worlds.start();
    const { ui } = await w.boot(QUICK_DISPENSER);
    await ui.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('withdraw'), 30_000);
    const retractBinBefore = await w.journalRetractBin();
    // the dispenser counts the notes into its presenter, its answer lost on the line; from then on
    // it is busy: it NAKs every command (the retract too) until it is freed
    await w.emulator.dispenseThenLineDrops({ lineBackAfterMs: 300, busy: true });
    await w.withdrawAmount(ui);
    const tx = await w.lastWithdrawal();
    await eventually(() => w.stepNames(tx), 'cash.leftInPresenter:event journaled', {
      withinMs: 30_000,
      everyMs: 200,
      until: (steps) => steps.includes('cash.leftInPresenter:event'),
    });
    const left = JSON.parse(
      (await w.steps(tx)).find((s) => s.step === 'cash.leftInPresenter')?.detail ?? '{}',
    ) as { code?: string };
    expect(left.code).toBe(ErrorCode.DEVICE_BUSY);
    expect(await w.emulator.commandsTaken(lcdmProtocol.LcdmCommand.UPPER_DISPENSE)).toBe(1);
    expect(await w.emulator.commandsTaken(lcdmProtocol.LcdmCommand.RETRACT)).toBe(0);
    expect(await w.notes()).toEqual({ presenter: 2, retractBin: 0 });

    // the resident takes the card and the ID card: the session ends undecided, the money held
    await ui.waitForSession((v) => v?.step === 'takeCard' || v?.step === 'ended' || v === null, 30_000);
    if (ui.session?.step === 'takeCard') await ui.emit('demo.card', { action: 'take' });
    await ui.emit('demo.idCard', { action: 'remove' });
    await eventually(async () => (await w.transaction(tx))?.status, 'the transaction closed in the journal', {
      withinMs: 15_000,
      everyMs: 200,
      until: (status) => status === 'closed',
    });
    expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);
    expect(await w.stepNames(tx)).not.toContain('withdrawal.reverse:intent');

    // while the notes sit there: withdrawal not offered, and refused at its start
    const silent = await ui.waitForKiosk((k) => !k.journeysOffered.includes('withdraw'), 15_000);
    expect(silent.mode).not.toBe('outOfService');
    await expect(ui.emit('session.start', { journey: 'withdraw' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'JOURNEY_NOT_OFFERED' },
    });

    // no longer busy: the dispenser answers, its presenter reads the two notes
    const before = ui.traffic.length;
    await w.emulator.setFault(null);
    // the journal settles it by what the presenter holds: retracted, counted once, reversed once
    await eventually(() => w.stepNames(tx), 'recovery.withdrawal.reverse:done journaled', {
      withinMs: SETTLED_MS,
      everyMs: 200,
      until: (steps) => steps.includes('recovery.withdrawal.reverse:done'),
    });
    const back = await ui.waitForKiosk(
      (k) => k.mode === 'inService' && k.journeysOffered.includes('withdraw'),
      30_000,
    );
    expect(back.reason).toBeUndefined();
    // from the dispenser's answer on, the kiosk held (the late settlement read as a self test, the
    // notes' reason behind it) until the notes were retracted: withdrawal offered only after
    const views = kioskViews(ui.traffic.slice(before));
    const offered = views.findIndex((k) => k.journeysOffered.includes('withdraw'));
    expect(offered).toBeGreaterThan(0);
    expect(views.slice(0, offered).every((k) => k.mode !== 'inService')).toBe(true);
    expect(await w.atHost(tx)).toMatchObject([
      { status: 'reversed', heldFen: 0, paidFen: 0, reversedFen: AMOUNT_FEN },
    ]);
    const steps = await w.stepNames(tx);
    expect(steps.filter((s) => s === 'recovery.cash.retract:done')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:intent')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:done')).toHaveLength(1);
    expect(steps).not.toContain('recovery.withdrawal.confirm:intent');
    expect(steps).not.toContain('recovery.needsStaff:event');
    expect(await w.notes()).toEqual({ presenter: 0, retractBin: 2 });
    expect(await w.journalRetractBin()).toBe((retractBinBefore ?? 0) + 2);
    expect(await w.emulator.commandsTaken(lcdmProtocol.LcdmCommand.RETRACT)).toBe(1);
  }, 180_000);
}

describe('notes left in the presenter by a retract refused as busy, on SQLite', () => {
  scenarios(sqliteStore());
});

describe('notes left in the presenter by a retract refused as busy, on PostgreSQL', () => {
  onPostgres('notes left in the presenter by a busy retract', scenarios);
});

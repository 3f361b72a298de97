/**
 * Fault: in service, a resident's dispense whose outcome is unknown (the dispenser took it and
 * went silent before answering) and the retract after it unanswered too: the notes counted wait in
 * the presenter. The journey reversed the hold and closed the transaction, the kiosk offered
 * withdrawals again once the dispenser answered, and nothing ever visited those notes until staff
 * came (each next dispense refused). Now the notes are journaled for staff (`cash.leftInPresenter`),
 * the hold kept, withdrawal not offered while the dispenser is silent (it reads offline at once),
 * and once it answers again the late settlement (ADR 0020) retracts them (counted once: presenter
 * empty, retract bin and the journal's count up by the two notes) and reverses the hold once, the
 * kiosk held meanwhile and placed after, never out of service.
 *
 * The built daemon, its LCDM driver on a pseudo terminal to the byte-level emulator on a thread, the
 * host simulator in its own process (`dispenser-back-world.ts`); on the SQLite journal file and on
 * PostgreSQL. The dispenser's answer time is short here (2 s), as the reopen's waits (0.5 s to 1 s).
 */
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { lcdmProtocol } from '@kiosk/device-drivers/lcdm-serial-road';
import { AMOUNT_FEN, dispenserBackWorlds, QUICK_DISPENSER } from './dispenser-back-world.js';
import { onPostgres, sqliteStore, type JournalStore } from './kill-harness-store.js';

function scenarios(store: JournalStore): void {
  const worlds = dispenserBackWorlds(store);

  it('fault: the retract after a dispense of unknown outcome unanswered: the hold kept, no withdrawal offered, retracted once and reversed once when the dispenser answers', async () => {
    const w = await worlds.start();
    const { ui } = await w.boot(QUICK_DISPENSER);
    await ui.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('withdraw'), 30_000);
    const retractBinBefore = await w.journalRetractBin();
    // the dispenser counts the notes into its presenter, then nothing answers on the line
    await w.emulator.dispenseThenLineDrops({});
    await w.withdrawAmount(ui);
    const tx = await w.lastWithdrawal();
    await eventually(() => w.stepNames(tx), 'cash.leftInPresenter:event journaled', {
      withinMs: 30_000,
      everyMs: 200,
      until: (steps) => steps.includes('cash.leftInPresenter:event'),
    });
    expect(await w.emulator.commandsTaken(lcdmProtocol.LcdmCommand.UPPER_DISPENSE)).toBe(1);
    expect(await w.notes()).toEqual({ presenter: 2, retractBin: 0 });

    // the resident takes the card and the ID card: the session ends undecided, the money held, no
    // withdrawal offered on the silent dispenser
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
    const silent = await ui.waitForKiosk((k) => !k.journeysOffered.includes('withdraw'), 15_000);
    expect(silent.mode).not.toBe('outOfService');

    await w.plugIn();
    await eventually(() => w.stepNames(tx), 'recovery.withdrawal.reverse:done journaled', {
      withinMs: 60_000,
      everyMs: 200,
      until: (steps) => steps.includes('recovery.withdrawal.reverse:done'),
    });
    await ui.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('withdraw'), 15_000);
    expect(await w.atHost(tx)).toMatchObject([
      { status: 'reversed', heldFen: 0, paidFen: 0, reversedFen: AMOUNT_FEN },
    ]);
    const steps = await w.stepNames(tx);
    expect(steps.filter((s) => s === 'recovery.dispenserBack:event')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.cash.retract:done')).toHaveLength(1);
    expect(steps.filter((s) => s === 'recovery.withdrawal.reverse:done')).toHaveLength(1);
    expect(steps).not.toContain('recovery.withdrawal.confirm:intent');
    expect(await w.notes()).toEqual({ presenter: 0, retractBin: 2 });
    expect(await w.journalRetractBin()).toBe((retractBinBefore ?? 0) + 2);
    expect(ErrorCode.DEVICE_TIMEOUT).toBe(
      (
        JSON.parse((await w.steps(tx)).find((s) => s.step === 'cash.leftInPresenter')?.detail ?? '{}') as {
          code?: string;
        }
      ).code,
    );
  }, 180_000);
}

describe('notes left in the presenter in service, settled when the dispenser is back, on SQLite', () => {
  scenarios(sqliteStore());
});

describe('notes left in the presenter in service, settled when the dispenser is back, on PostgreSQL', () => {
  onPostgres('notes left in the presenter in service', scenarios);
});

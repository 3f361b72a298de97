/**
 * Fault: the power went with 200 yuan (two hundred-yuan notes) at the slot, and the resident took
 * one note while the kiosk was down. The next boot finds fewer notes in the presenter than were
 * presented and leaves the withdrawal for staff, and the supervisor's "paid" confirmed the whole
 * hold (the resident paid for the note left behind) while "not paid" reversed it whole (the fund
 * paid the note taken). Now the supervisor says what the resident took, as counted at the visit
 * (`taken`, `takenFen`): an amount above the notes presented is refused
 * MAINTENANCE_SETTLEMENT_AMOUNT_INVALID with nothing journaled; 100 yuan retracts the note left,
 * gives back 100 yuan at the host and confirms the rest. The power goes again between the host's
 * two acts (`journal.crashAt=after:recovery.withdrawal.reverse:done`): the next boot confirms the
 * rest once, gives back nothing again, and the kiosk is back in service.
 *
 * The built daemon (three boots), its LCDM driver on a pseudo terminal to the byte-level emulator
 * on its own thread (the notes stay where they are across the boots), the host simulator in its own
 * process (`dispenser-back-world.ts`); on the SQLite journal file and on PostgreSQL.
 */
import { AMOUNT_FEN, dispenserBackWorlds } from './dispenser-back-world.js';
import { onPostgres, sqliteStore, type JournalStore } from './kill-harness-store.js';
import { DEMO_SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';

const TAKEN_FEN = 10_000;

function scenarios(store: JournalStore): void {
  const worlds = dispenserBackWorlds(store);

  it('notes-taken-in-part-settled-by-amount-taken: 100 of 200 yuan taken while the kiosk was down, settled by the count, once across a restart between the host’s two acts', async () => {
    const w = await worlds.start();
    const tx = await w.cutShortWithNotesAtSlot();
    expect(await w.notes()).toEqual({ presenter: 2, retractBin: 0 });
    // while the kiosk is down the resident takes one of the two notes
    expect(await w.emulator.take(1)).toBe(true);

    const { daemon, ui } = await w.boot(['--set', 'journal.crashAt=after:recovery.withdrawal.reverse:done']);
    expect(await ui.waitForKiosk((k) => k.mode === 'outOfService', 30_000)).toMatchObject({
      reason: 'SELF_TEST_FAILED',
    });
    expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);
    const login = await staffLogIn(daemon.url, ui, DEMO_SUPERVISOR);
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    const view = await maintenanceCall(daemon.url, 'GET', '/maintenance/view', { token });
    expect(view.body.pendingSettlements).toMatchObject([
      { transactionId: tx, verdict: null, presentedFen: AMOUNT_FEN },
    ]);
    const settle = (body: unknown) =>
      maintenanceCall(daemon.url, 'POST', '/maintenance/settle-withdrawal', { token, body });

    // more than was presented: refused by its code, nothing journaled, nothing moved
    const before = await w.stepNames(tx);
    expect(await settle({ transactionId: tx, verdict: 'taken', takenFen: 30_000 })).toMatchObject({
      status: 422,
      body: { code: 'MAINTENANCE_SETTLEMENT_AMOUNT_INVALID' },
    });
    expect(await settle({ transactionId: tx, verdict: 'taken' })).toMatchObject({
      status: 400,
      body: { code: 'GATEWAY_MALFORMED_MESSAGE' },
    });
    expect(await w.stepNames(tx)).toEqual(before);
    expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN }]);

    // the count: 100 yuan taken; the power goes once the give-back is journaled done
    await expect(settle({ transactionId: tx, verdict: 'taken', takenFen: TAKEN_FEN })).rejects.toThrow();
    expect((await daemon.ended).signal).toBe('SIGKILL');
    const cut = await w.stepNames(tx);
    expect(cut).toContain('recovery.withdrawal.reverse:done');
    expect(cut).not.toContain('recovery.withdrawal.confirm:intent');
    expect(await w.atHost(tx)).toMatchObject([
      { status: 'authorised', heldFen: TAKEN_FEN, reversedFen: 10_000 },
    ]);
    // the note left in the presenter went to the retract bin before the host was told
    expect(await w.notes()).toEqual({ presenter: 0, retractBin: 1 });

    // the power back: the verdict carried through, the rest confirmed once, nothing given back again
    const third = await w.boot();
    await third.ui.waitForKiosk((k) => k.mode === 'inService', 30_000);
    expect(await w.atHost(tx)).toMatchObject([
      { status: 'confirmed', heldFen: 0, paidFen: TAKEN_FEN, reversedFen: AMOUNT_FEN - TAKEN_FEN },
    ]);
    const steps = await w.stepNames(tx);
    const count = (step: string) => steps.filter((s) => s === step).length;
    expect(count('recovery.staffVerdict:event')).toBe(1);
    expect(count('recovery.withdrawal.reverse:intent')).toBe(1);
    expect(count('recovery.withdrawal.confirm:done')).toBe(1);
    expect(count('recovery.cash.retract:done')).toBe(1);
    const verdict = (await w.steps(tx)).find((s) => s.step === 'recovery.staffVerdict');
    expect(JSON.parse(verdict?.detail ?? '{}')).toMatchObject({ verdict: 'taken', takenFen: TAKEN_FEN });
    expect(await w.transaction(tx)).toMatchObject({ status: 'closed' });
    expect(await w.notes()).toEqual({ presenter: 0, retractBin: 1 });
  }, 180_000);
}

describe('notes taken in part while the kiosk was down, settled by the amount taken, on SQLite', () => {
  scenarios(sqliteStore());
});

describe('notes taken in part while the kiosk was down, settled by the amount taken, on PostgreSQL', () => {
  onPostgres('notes taken in part settled by the amount taken', scenarios);
});

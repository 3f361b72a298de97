/**
 * Fault, in service: a resident leaves the notes at the slot past the take timeout and takes one of
 * the two just as the retract runs, so the RETRACT takes back one. The journey reversed the whole
 * 200 yuan: the resident kept 100 yuan and got all 200 back. Now the withdrawal ends undecided on
 * the resident's screen (CASH_PARTLY_TAKEN), the hold kept at the host, the facts journaled for
 * staff (`cash.retractShort`); the supervisor's list shows what was at the slot and what came back,
 * and "Resident was paid" gives back the 100 yuan taken back and confirms the 100 yuan taken, once.
 *
 * The built daemon, its LCDM driver on a pseudo terminal to the byte-level emulator on a thread (its
 * hand at the slot armed to take one note as the RETRACT arrives, `takeAtRetract`), the host
 * simulator in its own process (`dispenser-back-world.ts`); on the SQLite journal file and on
 * PostgreSQL.
 */
import { ErrorCode } from '@kiosk/domain';
import { AMOUNT_FEN, dispenserBackWorlds } from './dispenser-back-world.js';
import { onPostgres, sqliteStore, type JournalStore } from './kill-harness-store.js';
import { DEMO_SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { NOT_TAKEN_QUICK, residentWalksAway } from './notes-not-taken-world.js';

function scenarios(store: JournalStore): void {
  const worlds = dispenserBackWorlds(store);

  it('journey-retract-takes-back-fewer-notes: nothing reversed by the journey, the supervisor’s “paid” confirms the note taken and gives back the one retracted', async () => {
    const w = await worlds.start();
    const retractBinBefore = (await w.notes()).retractBin;
    const { ui } = await w.boot(NOT_TAKEN_QUICK);
    await ui.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('withdraw'), 30_000);
    // the notes will be left past the take timeout; one of the two goes as the retract runs (armed
    // on the emulator's thread ahead: set once the spec saw takeCash, a pause of the Jest worker
    // past the 2 s take time let the retract draw both in)
    await w.emulator.takeAtRetract(1);
    await w.withdrawAmount(ui);
    await ui.waitForSession((v) => v?.step === 'takeCash', 30_000);
    const tx = await w.lastWithdrawal();

    const ended = await ui.waitForSession((v) => v?.error?.code === ErrorCode.CASH_PARTLY_TAKEN, 30_000);
    expect(ended?.error?.code).toBe(ErrorCode.CASH_PARTLY_TAKEN);
    expect(await w.notes()).toEqual({ presenter: 0, retractBin: retractBinBefore + 1 });
    expect((await w.emulator.snapshot()).taken).toBe(1);
    const steps = await w.stepNames(tx);
    expect(steps).toEqual(expect.arrayContaining(['cash.retract:done', 'cash.retractShort:event']));
    expect(steps).not.toContain('withdrawal.reverse:intent');
    expect(await w.atHost(tx)).toMatchObject([{ status: 'authorised', heldFen: AMOUNT_FEN, reversedFen: 0 }]);

    // the resident walks away with card and ID card: the session ends, the hold still held
    await residentWalksAway(w, ui, tx);

    const login = await staffLogIn(ui.url, ui, DEMO_SUPERVISOR);
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    const view = await maintenanceCall(ui.url, 'GET', '/maintenance/view', { token });
    expect(view.body.pendingSettlements).toMatchObject([
      {
        transactionId: tx,
        retractShort: { atSlotFen: AMOUNT_FEN, atSlotNotes: 2, retractedFen: 10_000, notesRetracted: 1 },
        counters: { retractBinBefore, retractBinDevice: retractBinBefore + 1 },
      },
    ]);
    const settled = await maintenanceCall(ui.url, 'POST', '/maintenance/settle-withdrawal', {
      token,
      body: { transactionId: tx, verdict: 'paid' },
    });
    expect(settled).toMatchObject({ status: 200, body: { transactionId: tx, hostStatus: 'confirmed' } });
    expect(await w.atHost(tx)).toMatchObject([{ heldFen: 0, paidFen: 10_000, reversedFen: 10_000 }]);
    const acts = (await w.stepNames(tx)).filter((s) => s.startsWith('recovery.withdrawal.'));
    expect(acts).toEqual([
      'recovery.withdrawal.reverse:intent',
      'recovery.withdrawal.reverse:done',
      'recovery.withdrawal.confirm:intent',
      'recovery.withdrawal.confirm:done',
    ]);
  }, 180_000);
}

describe('the journey’s retract takes back fewer notes, in service, on SQLite', () => {
  scenarios(sqliteStore());
});

describe('the journey’s retract takes back fewer notes, in service, on PostgreSQL', () => {
  onPostgres('the journey’s retract takes back fewer notes, in service', scenarios);
});

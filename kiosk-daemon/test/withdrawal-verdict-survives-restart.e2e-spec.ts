/**
 * Fault: the power goes right after a supervisor's verdict on an undecided withdrawal is journaled,
 * before the host hears it (`journal.crashAt=after:recovery.staffVerdict:event`). The next boot
 * carries the verdict through as given: the hold is confirmed at the host once (the resident was
 * paid), the transaction closed, and the kiosk goes back in service by itself; recovery does not
 * decide the withdrawal again (it could not: two notes are still missing), nor leave it for staff a
 * second time. Real daemons on one SQLite journal, the host simulator in its own process (it
 * outlives the daemons).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startDaemon, startHostProcess, type HostProcess } from './daemon-process.js';
import { DEMO_SUPERVISOR as SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { UiClient } from './ui-client.js';
import { killDuringDispenseWithNotesMissing } from './undecided-withdrawal.js';

const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

describe('a withdrawal verdict cut short by a power loss', () => {
  let dir: string;
  let host: HostProcess;
  let args: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-withdrawal-verdict-'));
    host = await startHostProcess({ kiosks: { [KIOSK_ID]: KIOSK_KEY } });
    args = ['--set', 'demo.panel=true', '--set', 'host.mode=external', '--set', `host.url=${host.url}`];
  }, 30_000);

  afterAll(async () => {
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function steps(transactionId: string): string[] {
    const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
    try {
      const rows = db
        .prepare(`SELECT step, phase FROM journal_step WHERE transactionId = ? ORDER BY seq`)
        .all(transactionId) as { step: string; phase: string }[];
      return rows.map((r) => `${r.step}:${r.phase}`);
    } finally {
      db.close();
    }
  }
  const count = (all: string[], step: string) => all.filter((s) => s === step).length;

  const atHost = (transactionId: string) =>
    host
      .as(KIOSK_ID, KIOSK_KEY)
      .request<{ withdrawals: { status: string; heldFen: number }[] }>(
        'GET',
        `/v1/withdrawals?transactionSerial=${transactionId}`,
      )
      .then((r) => r.withdrawals.map((w) => [w.status, w.heldFen]));

  it('the next boot confirms the verdict given (paid) at the host once, closes it and goes back in service without staff', async () => {
    await killDuringDispenseWithNotesMissing(dir, args);

    // the supervisor counted the cash and says the resident was paid; the power goes once that is journaled
    const second = await startDaemon(
      [...args, '--set', 'journal.crashAt=after:recovery.staffVerdict:event'],
      {
        dir,
      },
    );
    const ui = new UiClient(second.url);
    let transactionId: string;
    try {
      await ui.connected();
      expect(await ui.waitForKiosk(() => true)).toMatchObject({ mode: 'outOfService' });
      const login = await staffLogIn(second.url, ui, SUPERVISOR);
      expect(login.status).toBe(200);
      const token = login.body.token as string;
      const view = await maintenanceCall(second.url, 'GET', '/maintenance/view', { token });
      expect(view.body.pendingSettlements).toMatchObject([{ verdict: null }]);
      transactionId = view.body.pendingSettlements[0].transactionId as string;
      const settling = maintenanceCall(second.url, 'POST', '/maintenance/settle-withdrawal', {
        token,
        body: { transactionId, verdict: 'paid' },
      });
      await expect(settling).rejects.toThrow(); // the daemon is gone before it answers
      expect((await second.ended).signal).toBe('SIGKILL');
    } finally {
      ui.close();
    }
    const cut = steps(transactionId);
    expect(count(cut, 'recovery.staffVerdict:event')).toBe(1);
    expect(cut).not.toContain('recovery.withdrawal.confirm:intent');
    expect(await atHost(transactionId)).toEqual([['authorised', 20_000]]);

    const third = await startDaemon(args, { dir });
    const after = new UiClient(third.url);
    try {
      await after.connected();
      const back = await after.waitForKiosk((v) => v.mode === 'inService' || v.mode === 'degraded', 15_000);
      expect(back.journeysOffered).toContain('withdraw');
      const settled = steps(transactionId);
      // decided once (undecided, by the second daemon's boot), then only carried through as given
      expect(count(settled, 'recovery.withdrawal:event')).toBe(1);
      expect(count(settled, 'recovery.needsStaff:event')).toBe(1);
      expect(count(settled, 'recovery.staffVerdict:event')).toBe(1);
      expect(count(settled, 'recovery.withdrawal.confirm:intent')).toBe(1);
      expect(count(settled, 'recovery.withdrawal.confirm:done')).toBe(1);
      expect(settled).not.toContain('recovery.withdrawal.reverse:intent');
      expect(await atHost(transactionId)).toEqual([['confirmed', 0]]);
      const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
      try {
        expect(db.prepare(`SELECT status FROM journal_transaction WHERE id = ?`).all(transactionId)).toEqual([
          { status: 'closed' },
        ]);
      } finally {
        db.close();
      }
    } finally {
      after.close();
      expect(await third.stop()).toBe(0);
    }
  }, 180_000);
});

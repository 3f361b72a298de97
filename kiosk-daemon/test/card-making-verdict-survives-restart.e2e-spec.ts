/**
 * Fault: the power goes right after a supervisor's verdict on an undecided card making is
 * journaled, before the office hears it (`journal.crashAt=after:recovery.staffVerdict:event`).
 * The next boot carries the verdict through as given: the office is told the card was issued, the
 * transaction closed, and the kiosk goes back in service by itself; recovery does not decide the
 * card again, nor leave it for staff a second time. Real daemons on one SQLite journal, the host
 * simulator in its own process (the application outlives the daemons).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import { startDaemon, startHostProcess, type HostProcess } from './daemon-process.js';
import { DEMO_SUPERVISOR as SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { UiClient } from './ui-client.js';
import { killDuringRetractWithCardGone } from './undecided-card-making.js';

const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

describe('a card-making verdict cut short by a power loss', () => {
  let dir: string;
  let host: HostProcess;
  let args: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-card-verdict-'));
    host = await startHostProcess({
      kiosks: { [KIOSK_ID]: KIOSK_KEY },
      issuerMasterKey: DEMO_ISSUER_KEY.toString('hex'),
    });
    args = [
      ...['--set', 'demo.panel=true'],
      ...['--set', 'host.mode=external', '--set', `host.url=${host.url}`],
      ...['--set', `host.kioskKey=${KIOSK_KEY}`],
    ];
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

  it('the next boot tells the office the verdict given (issued), closes it and goes back in service without staff', async () => {
    const transactionId = await killDuringRetractWithCardGone(dir, args, 'taken');

    // the supervisor says the resident took it; the power goes once that is journaled
    const second = await startDaemon(
      [...args, '--set', 'journal.crashAt=after:recovery.staffVerdict:event'],
      {
        dir,
      },
    );
    const ui = new UiClient(second.url);
    try {
      await ui.connected();
      expect(await ui.waitForKiosk(() => true)).toMatchObject({ mode: 'outOfService' });
      const login = await staffLogIn(second.url, ui, SUPERVISOR);
      expect(login.status).toBe(200);
      const settling = maintenanceCall(second.url, 'POST', '/maintenance/settle-card-making', {
        token: login.body.token as string,
        body: { transactionId, card: 'taken' },
      });
      await expect(settling).rejects.toThrow(); // the daemon is gone before it answers
      expect((await second.ended).signal).toBe('SIGKILL');
    } finally {
      ui.close();
    }
    const cut = steps(transactionId);
    expect(cut.filter((s) => s === 'recovery.staffVerdict:event')).toHaveLength(1);
    expect(cut).not.toContain('recovery.host.issued:intent');

    const third = await startDaemon(args, { dir });
    const after = new UiClient(third.url);
    try {
      await after.connected();
      const back = await after.waitForKiosk((v) => v.mode === 'inService' || v.mode === 'degraded', 15_000);
      expect(back.journeysOffered).toContain('issueCard');
      const settled = steps(transactionId);
      expect(settled.filter((s) => s === 'recovery.needsStaff:event')).toHaveLength(1);
      expect(settled.filter((s) => s === 'recovery.staffVerdict:event')).toHaveLength(1);
      expect(settled.filter((s) => s === 'recovery.staffCounted:event')).toHaveLength(1);
      expect(settled.filter((s) => s === 'recovery.host.issued:done')).toHaveLength(1);
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

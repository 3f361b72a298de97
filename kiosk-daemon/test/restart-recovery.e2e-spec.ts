import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon } from './daemon-process.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('daemon killed in the middle of a session (power loss)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-restart-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('closes the cut-short transaction as interrupted at the next boot, before going in service', async () => {
    const first = await startDaemon(['--set', 'demo.panel=true'], { dir });
    const ui = new UiClient(first.url);
    await ui.connected();
    await ui.emit('session.start', { journey: 'balance' });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    await ui.waitForSession((v) => v?.step === 'enterPin');
    ui.close();
    await first.stop('SIGKILL');

    const journalPath = join(dir, 'journal.sqlite');
    const before = new Database(journalPath, { readonly: true });
    const open = before.prepare(`SELECT id FROM journal_transaction WHERE status = 'open'`).all() as {
      id: string;
    }[];
    before.close();
    expect(open).toHaveLength(1);

    const second = await startDaemon(['--set', 'demo.panel=true'], { dir });
    try {
      const health = (await (await fetch(`${second.url}/health`)).json()) as {
        info?: { kiosk?: { mode?: string } };
      };
      expect(['inService', 'degraded']).toContain(health.info?.kiosk?.mode);
      const after = new Database(journalPath, { readonly: true });
      const tx = after
        .prepare(`SELECT status, outcome, errorCode FROM journal_transaction WHERE id = ?`)
        .get(open[0]!.id);
      const steps = after
        .prepare(`SELECT step, phase FROM journal_step WHERE transactionId = ? ORDER BY seq`)
        .all(open[0]!.id) as { step: string; phase: string }[];
      after.close();
      expect(tx).toEqual({ status: 'closed', outcome: 'interrupted', errorCode: 'SESSION_INTERRUPTED' });
      expect(steps.map((s) => s.step)).toEqual(['card.read', 'recovery.found']);

      // the next resident gets the next serial, not a reused one
      const ui2 = new UiClient(second.url);
      await ui2.connected();
      await ui2.emit('session.start', { journey: 'balance' });
      await ui2.waitForSession((v) => v?.step === 'insertCard');
      ui2.close();
      const last = new Database(journalPath, { readonly: true });
      const ids = (
        last.prepare(`SELECT id FROM journal_transaction ORDER BY serial`).all() as { id: string }[]
      ).map((r) => r.id);
      last.close();
      expect(ids).toEqual([
        open[0]!.id,
        open[0]!.id.replace(/\d+$/, (n) => String(Number(n) + 1).padStart(n.length, '0')),
      ]);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 60_000);
});

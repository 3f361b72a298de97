import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { KioskView } from '@kiosk/domain';
import { startDaemon, startHostProcess } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { UiClient } from './ui-client.js';
import { killDuringDispenseWithNotesMissing } from './undecided-withdrawal.js';
import { killedAtPinEntry } from './killed-at-pin-entry.js';

describe('daemon killed in the middle of a session (power loss)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-restart-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('closes the cut-short transaction as interrupted at the next boot, before going in service', async () => {
    await killedAtPinEntry(['--set', 'demo.panel=true'], dir);

    const journalPath = join(dir, 'journal.sqlite');
    const before = new Database(journalPath, { readonly: true });
    const open = before.prepare(`SELECT id FROM journal_transaction WHERE status = 'open'`).all() as {
      id: string;
    }[];
    before.close();
    expect(open).toHaveLength(1);

    const second = await startDaemon(['--set', 'demo.panel=true'], daemonStart(dir));
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
      // the card the killed session held is still in the reader (its state file): captured at boot
      expect(steps.map((s) => `${s.step}:${s.phase}`)).toEqual([
        'card.read:event',
        'recovery.found:event',
        'recovery.card.retract:intent',
        'recovery.card.retract:done',
      ]);

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

describe('recovery that cannot tell where the cash went (notes missing from the cassettes)', () => {
  const kioskKey = 'test-kiosk-key-JZ-9001-not-secret';
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-undecided-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the kiosk out of service, journals the reason for field staff and settles nothing', async () => {
    const host = await startHostProcess({ kiosks: { 'JZ-9001': kioskKey } });
    const args = ['--set', 'demo.panel=true', '--set', 'host.mode=external', '--set', `host.url=${host.url}`];
    try {
      await killDuringDispenseWithNotesMissing(dir, args);

      const second = await startDaemon(args, daemonStart(dir));
      try {
        const ui2 = new UiClient(second.url);
        await ui2.connected();
        const kiosk = await ui2.waitForKiosk(() => true);
        expect(kiosk.mode).toBe('outOfService');
        expect(kiosk.reason).toBe('SELF_TEST_FAILED');
        // devices changing (staff pulling the dispenser offline and back) do not bring it back: the
        // kiosk seen with the dispenser offline, then online again, and out of service in the view
        // that shows it back (the kiosk takes each device change in, and is shown, in one turn)
        const dispenser = (k: KioskView) => k.devices.find((d) => d.kind === 'cashDispenser')?.device;
        expect(await ui2.emit('demo.fault', { device: 'cashDispenser', fault: 'offline' })).toEqual({
          ok: true,
        });
        expect((await ui2.waitForKiosk((k) => dispenser(k) === 'offline')).mode).toBe('outOfService');
        expect(await ui2.emit('demo.fault', { device: 'cashDispenser', fault: null })).toEqual({ ok: true });
        const back = await ui2.waitForKiosk((k) => dispenser(k) === 'online');
        expect(back.mode).toBe('outOfService');
        expect(back.reason).toBe('SELF_TEST_FAILED');
        ui2.close();
        const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
        const tx = db
          .prepare(`SELECT id, status FROM journal_transaction WHERE journey = 'withdraw'`)
          .get() as {
          id: string;
          status: string;
        };
        const staff = db
          .prepare(`SELECT detail FROM journal_step WHERE transactionId = ? AND step = 'recovery.needsStaff'`)
          .get(tx.id) as { detail: string };
        db.close();
        expect(tx.status).toBe('open');
        expect(JSON.parse(staff.detail)).toEqual({
          reason: 'notes left the cassettes but were never presented',
        });
        // the hold stays at the host until field staff have counted the cash
        const held = await host
          .as('JZ-9001', kioskKey)
          .request<{ withdrawals: { heldFen: number }[] }>(
            'GET',
            `/v1/withdrawals?transactionSerial=${tx.id}`,
          );
        expect(held.withdrawals.map((w) => w.heldFen)).toEqual([20_000]);
      } finally {
        expect(await second.stop()).toBe(0);
      }
    } finally {
      await host.stop();
    }
  }, 60_000);
});

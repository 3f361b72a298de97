import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('balance journey through the real daemon process', () => {
  let daemon: DaemonProcess;
  let ui: UiClient;

  beforeAll(async () => {
    daemon = await startDaemon(['--set', 'demo.panel=true']);
    ui = new UiClient(daemon.url);
    await ui.connected();
  }, 30_000);

  afterAll(async () => {
    ui?.close();
    const code = await daemon?.stop();
    expect(code).toBe(0);
  });

  it('answers /health and /metrics once ready', async () => {
    const health = await fetch(`${daemon.url}/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; info: Record<string, { status: string }> };
    expect(body.info.journal?.status).toBe('up');
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toContain('kiosk_device_up{kind="cardReader"} 1');
  });

  it('shows the balance to a resident who inserts the card and types the PIN, then journals it', async () => {
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
    expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');

    expect(await ui.emit('demo.card', { action: 'insert', cardId: zhang.key })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'enterPin');
    for (const key of zhang.cardPin) {
      expect(await ui.emit('demo.pinpad', { key })).toEqual({ ok: true });
    }
    await ui.waitForSession((v) => v?.pin?.entered === 6);
    await ui.emit('demo.pinpad', { key: 'enter' });

    const shown = await ui.waitForSession((v) => v?.step === 'showBalance');
    expect(shown?.balance?.amountFen).toBe(zhang.balanceFen);
    expect(shown?.card?.maskedName).toBe('张*明');

    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'takeCard');
    await ui.emit('demo.card', { action: 'take' });
    const ended = await ui.waitForSession((v) => v?.step === 'ended');
    expect(ended?.outcome).toBe('completed');

    // the journal file holds the transaction and its steps
    await new Promise((r) => setTimeout(r, 200)); // the close is written right after the final view
    const db = new Database(daemon.journalPath, { readonly: true, fileMustExist: true });
    try {
      const tx = db.prepare(`SELECT * FROM journal_transaction WHERE journey = 'balance'`).all() as {
        id: string;
        status: string;
        outcome: string;
        maskedCardNumber: string;
      }[];
      expect(tx).toHaveLength(1);
      expect(tx[0]).toMatchObject({
        status: 'closed',
        outcome: 'completed',
        maskedCardNumber: 'H41******101',
      });
      const steps = db
        .prepare(`SELECT step, phase FROM journal_step WHERE transactionId = ? ORDER BY seq`)
        .all(tx[0]!.id) as { step: string; phase: string }[];
      expect(steps.map((s) => `${s.step}:${s.phase}`)).toEqual([
        'card.read:event',
        'pin.verify:event',
        'balance.query:event',
        'card.eject:intent',
        'card.eject:done',
      ]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it("exports the day's journal for auditors as JSON Lines and CSV, without personal data", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const jsonl = await fetch(`${daemon.url}/journal/export?from=${today}&to=${today}&format=jsonl`);
    expect(jsonl.status).toBe(200);
    const lines = (await jsonl.text())
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { journey: string; steps: unknown[] });
    expect(lines.some((l) => l.journey === 'balance' && l.steps.length === 5)).toBe(true);
    const csv = await (
      await fetch(`${daemon.url}/journal/export?from=${today}&to=${today}&format=csv`)
    ).text();
    expect(csv.split('\r\n')[0]).toMatch(/^transactionId,kioskId,serial,journey/);
    expect(csv).toContain('card.eject,intent');
    for (const text of [JSON.stringify(lines), csv]) {
      expect(text).not.toContain(zhang.idNumber);
      expect(text).not.toContain(zhang.cardNumber);
    }
  });

  it('refuses an export with a bad date range with a coded 400', async () => {
    const res = await fetch(`${daemon.url}/journal/export?from=2026-12-01&to=2026-11-01`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'GATEWAY_MALFORMED_MESSAGE' });
  });

  it('never sends the PIN or the full ID number to the UI', () => {
    const all = ui.traffic.join('\n');
    expect(all).toContain('showBalance');
    expect(all).not.toContain(zhang.idNumber);
    expect(all).not.toContain(zhang.cardNumber);
    expect(all).not.toMatch(new RegExp(`[^0-9]${zhang.cardPin}[^0-9]`));
  });

  it('never writes the PIN or the full ID number into its logs', () => {
    const logs = daemon.output.join('\n');
    expect(logs).not.toContain(zhang.idNumber);
    expect(logs).not.toContain(zhang.cardPin);
  });
});

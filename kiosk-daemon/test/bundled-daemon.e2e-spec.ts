/**
 * The bundled daemon (dist/bundle/main.js, from `npm run build:bundle -w @kiosk/kiosk-daemon`, part
 * of the root build) boots on the test profile and serves a balance journey to its end, the same
 * as the tsc output: the bundle keeps the profiles, the journal, the emulators and the embedded
 * host simulator (a lazy chunk) reachable.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { UiClient } from './ui-client.js';

const BUNDLED_MAIN = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));
const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('balance journey through the bundled daemon', () => {
  let daemon: DaemonProcess;
  let ui: UiClient;

  beforeAll(async () => {
    if (!existsSync(BUNDLED_MAIN)) {
      throw new Error(
        'no dist/bundle/main.js: run `npm run build` (or `npm run build:bundle -w @kiosk/kiosk-daemon`)',
      );
    }
    daemon = await startDaemon(['--set', 'demo.panel=true'], { entry: BUNDLED_MAIN });
    ui = new UiClient(daemon.url);
    await ui.connected();
  }, 30_000);

  afterAll(async () => {
    ui?.close();
    const code = await daemon?.stop();
    expect(code).toBe(0);
  });

  it('answers /health once ready, with the journal up and the devices open', async () => {
    const health = await fetch(`${daemon.url}/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { info: Record<string, { status: string }> };
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

    await new Promise((r) => setTimeout(r, 200)); // the close is written right after the final view
    const db = new Database(daemon.journalPath, { readonly: true, fileMustExist: true });
    try {
      const tx = db.prepare(`SELECT * FROM journal_transaction WHERE journey = 'balance'`).all() as {
        id: string;
        status: string;
        outcome: string;
      }[];
      expect(tx).toHaveLength(1);
      expect(tx[0]).toMatchObject({ status: 'closed', outcome: 'completed' });
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
    } finally {
      db.close();
    }
  });

  it('serves the touch UI from the kiosk-ui build it points to', async () => {
    const page = await fetch(`${daemon.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
  });
});

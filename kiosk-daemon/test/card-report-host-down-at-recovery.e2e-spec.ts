/**
 * Fault: recovery's own report of a card making was not retried. A new card is presented and the
 * power goes (`journal.crashAt=after:card.present:done`); while the kiosk is down the resident
 * takes it. At the next boot recovery decides the card was issued and tells the office, which
 * does not answer (a relay in front of the host simulator answers its reports 503): the report is
 * journaled failed and the kiosk goes in service. Once the office answers again the report reaches
 * it once, from the background tries, or from the boot after a restart cut the tries short. Real
 * daemons on one SQLite journal, the host simulator in its own process (the application outlives
 * the daemons).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon, startHostProcess, type HostProcess } from './daemon-process.js';
import { HttpRelay } from './http-relay.js';
import { UiClient } from './ui-client.js';

const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

/** The office's link for card reports: `down` answers them 503; every report that reached the host is kept. */
class ReportRelay extends HttpRelay {
  down = false;
  /** the reports the host received: their idempotency key and the host's answer */
  readonly reached: { key: string; status: number; replay: boolean }[] = [];

  protected async relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.bodyOf(req);
    const report = req.method === 'POST' && /^\/v1\/applications\/[^/]+\/issued$/.test(req.url ?? '');
    if (report && this.down) {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"code":"INTERNAL"}');
      return;
    }
    this.forward(req, res, body, (answer) => {
      if (report)
        this.reached.push({
          key: String(req.headers['idempotency-key']),
          status: answer.status,
          replay: answer.headers['idempotent-replay'] === 'true',
        });
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  }
}

describe("recovery's card report while the office does not answer", () => {
  let dir: string;
  let host: HostProcess;
  let relay: ReportRelay;
  let args: string[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-card-report-'));
    host = await startHostProcess({
      kiosks: { [KIOSK_ID]: KIOSK_KEY },
      issuerMasterKey: DEMO_ISSUER_KEY.toString('hex'),
    });
    relay = new ReportRelay(host.url);
    await relay.start();
    args = [
      ...['--set', 'demo.panel=true'],
      ...['--set', 'host.mode=external', '--set', `host.url=${relay.url}`],
      ...['--set', `host.kioskKey=${KIOSK_KEY}`],
    ];
  }, 30_000);

  afterEach(async () => {
    await relay?.stop();
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

  const reports = (transactionId: string) =>
    steps(transactionId).filter((s) => s.startsWith('recovery.host.issued:'));

  async function until(check: () => boolean, what: string, withinMs = 30_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`never happened within ${withinMs} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A card presented, the power cut, the card taken while the kiosk is down; the transaction's id. */
  async function presentedThenPowerCut(): Promise<string> {
    const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!;
    const first = await startDaemon([...args, '--set', 'journal.crashAt=after:card.present:done'], { dir });
    const ui = new UiClient(first.url);
    try {
      await ui.connected();
      await ui.waitForKiosk((k) => k.journeysOffered.includes('issueCard'), 15_000);
      expect(await ui.emit('session.start', { journey: 'issueCard' })).toEqual({ ok: true });
      await ui.waitForSession((v) => v?.step === 'placeIdCard');
      await ui.emit('demo.idCard', { action: 'place', idCardId: wang.key });
      expect((await first.ended).signal).toBe('SIGKILL');
    } finally {
      ui.close();
    }
    // the resident takes the card from the slot while the kiosk is down
    const stateFile = join(dir, 'card-printer.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
    expect(state.position).toBe('outputSlot');
    writeFileSync(
      stateFile,
      JSON.stringify({ ...state, issued: (state.issued as number) + 1, position: 'none', cardId: null }),
    );
    const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
    try {
      const made = db
        .prepare(
          `SELECT id FROM journal_transaction WHERE journey = 'issueCard' ORDER BY serial DESC LIMIT 1`,
        )
        .get() as { id: string };
      return made.id;
    } finally {
      db.close();
    }
  }

  /** Boots a daemon on the journal; resolves once the kiosk is back in service. */
  async function bootInService() {
    const daemon = await startDaemon(args, { dir });
    const ui = new UiClient(daemon.url);
    try {
      await ui.connected();
      await ui.waitForKiosk((v) => v.mode === 'inService' || v.mode === 'degraded', 20_000);
    } finally {
      ui.close();
    }
    return daemon;
  }

  it('fault: the office down during recovery’s report, then back: reported issued once, in the background', async () => {
    const transactionId = await presentedThenPowerCut();
    relay.down = true;
    const second = await bootInService();
    try {
      expect(reports(transactionId)).toEqual(['recovery.host.issued:intent', 'recovery.host.issued:failed']);
      expect(relay.reached).toEqual([]);

      relay.down = false;
      await until(() => reports(transactionId).includes('recovery.host.issued:done'), 'the report done');
      expect(relay.reached).toEqual([
        { key: `${KIOSK_ID}:${transactionId}:issued:issued`, status: 200, replay: false },
      ]);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    // the next boot owes the office nothing
    const third = await bootInService();
    expect(await third.stop()).toBe(0);
    expect(relay.reached).toHaveLength(1);
  }, 180_000);

  it('fault: a restart while the report is pending: reported issued once after the restart', async () => {
    const transactionId = await presentedThenPowerCut();
    relay.down = true;
    const second = await bootInService();
    expect(reports(transactionId)).toEqual(['recovery.host.issued:intent', 'recovery.host.issued:failed']);
    // stopped while its tries go on; the office answers again only afterwards
    expect(await second.stop()).toBe(0);
    expect(relay.reached).toEqual([]);
    relay.down = false;

    const third = await bootInService();
    try {
      expect(reports(transactionId)).toContain('recovery.host.issued:done');
      expect(relay.reached).toEqual([
        { key: `${KIOSK_ID}:${transactionId}:issued:issued`, status: 200, replay: false },
      ]);
    } finally {
      expect(await third.stop()).toBe(0);
    }
    const fourth = await bootInService();
    expect(await fourth.stop()).toBe(0);
    expect(relay.reached).toHaveLength(1);
  }, 180_000);
});

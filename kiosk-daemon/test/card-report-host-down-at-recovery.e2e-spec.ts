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
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventually } from '@kiosk/domain/testing';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon } from './daemon-process.js';
import { HttpRelay } from './http-relay.js';
import { daemonStart } from './kill-harness-world.js';
import {
  KIOSK_ID,
  bootInService,
  latestTransaction,
  startRecoveryWorld,
  transactionSteps,
  type RecoveryWorld,
} from './recovery-world.js';
import { UiClient } from './ui-client.js';
import { cardLeavesSlot, startCardMaking } from './undecided-card-making.js';

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
  let world: RecoveryWorld;
  let relay: ReportRelay;

  beforeEach(async () => {
    world = await startRecoveryWorld({
      dirPrefix: 'kiosk-card-report-',
      cards: true,
      relay: (hostUrl) => (relay = new ReportRelay(hostUrl)),
    });
  }, 30_000);

  afterEach(async () => {
    await world?.dispose();
  });

  const reports = (transactionId: string) =>
    transactionSteps(world.dir, transactionId).filter((s) => s.startsWith('recovery.host.issued:'));

  /** A card presented, the power cut, the card taken while the kiosk is down; the transaction's id. */
  async function presentedThenPowerCut(): Promise<string> {
    const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!;
    const first = await startDaemon(
      [...world.args, '--set', 'journal.crashAt=after:card.present:done'],
      daemonStart(world.dir),
    );
    const ui = new UiClient(first.url);
    try {
      await startCardMaking(ui, wang.key);
      expect((await first.ended).signal).toBe('SIGKILL');
    } finally {
      ui.close();
    }
    // the resident takes the card from the slot while the kiosk is down
    cardLeavesSlot(world.dir, 'issued');
    return latestTransaction(world.dir, 'issueCard');
  }

  /** Boots a daemon on the journal; resolves once the kiosk is back in service. */
  const boot = async () => (await bootInService(world, 20_000)).daemon;

  it('fault: the office down during recovery’s report, then back: reported issued once, in the background', async () => {
    const transactionId = await presentedThenPowerCut();
    relay.down = true;
    const second = await boot();
    try {
      expect(reports(transactionId)).toEqual(['recovery.host.issued:intent', 'recovery.host.issued:failed']);
      expect(relay.reached).toEqual([]);

      relay.down = false;
      await eventually(
        () => reports(transactionId).includes('recovery.host.issued:done'),
        'the report done',
        { withinMs: 30_000, everyMs: 100 },
      );
      expect(relay.reached).toEqual([
        { key: `${KIOSK_ID}:${transactionId}:issued:issued`, status: 200, replay: false },
      ]);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    // the next boot owes the office nothing
    const third = await boot();
    expect(await third.stop()).toBe(0);
    expect(relay.reached).toHaveLength(1);
  }, 180_000);

  it('fault: a restart while the report is pending: reported issued once after the restart', async () => {
    const transactionId = await presentedThenPowerCut();
    relay.down = true;
    const second = await boot();
    expect(reports(transactionId)).toEqual(['recovery.host.issued:intent', 'recovery.host.issued:failed']);
    // stopped while its tries go on; the office answers again only afterwards
    expect(await second.stop()).toBe(0);
    expect(relay.reached).toEqual([]);
    relay.down = false;

    const third = await boot();
    try {
      expect(reports(transactionId)).toContain('recovery.host.issued:done');
      expect(relay.reached).toEqual([
        { key: `${KIOSK_ID}:${transactionId}:issued:issued`, status: 200, replay: false },
      ]);
    } finally {
      expect(await third.stop()).toBe(0);
    }
    const fourth = await boot();
    expect(await fourth.stop()).toBe(0);
    expect(relay.reached).toHaveLength(1);
  }, 180_000);
});

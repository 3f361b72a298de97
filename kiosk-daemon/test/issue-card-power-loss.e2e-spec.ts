/**
 * Power loss while a card is made: the daemon is killed (SIGKILL) at each stage of making a card,
 * then started again on the same journal and card-printer state. Each time the restart finds the
 * blank where the printer left it, sends it to the reject bin (journaled), closes the session as
 * interrupted, and every blank is accounted for; the resident's application is kept, so the card
 * is finally made with the same reserved number.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon, startHostProcess, type DaemonProcess, type HostProcess } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { UiClient } from './ui-client.js';

const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!;
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

interface PrinterState {
  hopper: number;
  loaded: number;
  issued: number;
  rejected: number;
  position: string;
}

describe('power loss while a card is made', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-issue-kill-'));
  const stateFile = join(dir, 'card-printer.json');
  const printerState = () => JSON.parse(readFileSync(stateFile, 'utf8')) as PrinterState;
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;
  // the back office is its own process: it keeps the application and its reserved number while the kiosk dies
  let host: HostProcess;

  beforeAll(async () => {
    host = await startHostProcess({
      kiosks: { 'JZ-9001': KIOSK_KEY },
      issuerMasterKey: DEMO_ISSUER_KEY.toString('hex'),
    });
  }, 30_000);

  afterAll(async () => {
    ui?.close();
    if (daemon) await daemon.stop('SIGKILL');
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<UiClient> {
    const args = [
      // each mechanical step 1.5 s: the test sees the stage and kills the daemon before the next
      ...['--set', 'demo.panel=true', '--set', 'devices.cardPrinter.stepMs=1500'],
      ...[
        '--set',
        'host.mode=external',
        '--set',
        `host.url=${host.url}`,
        '--set',
        `host.kioskKey=${KIOSK_KEY}`,
      ],
    ];
    // the bundled daemon: seven starts in this suite, each ready on a quarter of the CPU
    daemon = await startDaemon(args, daemonStart(dir));
    ui = new UiClient(daemon.url);
    await ui.connected();
    return ui;
  }

  async function startMaking(client: UiClient): Promise<void> {
    await client.waitForKiosk((k) => k.journeysOffered.includes('issueCard'), 15_000);
    expect(await client.emit('session.start', { journey: 'issueCard' })).toEqual({ ok: true });
    await client.waitForSession((v) => v?.step === 'placeIdCard');
    await client.emit('demo.idCard', { action: 'place', idCardId: wang.key });
  }

  it.each(['encodingChip', 'printingFace', 'presenting'] as const)(
    'killed while %s: the restart rejects the blank, journaled, and every blank is accounted for',
    async (stage) => {
      const client = await start();
      await startMaking(client);
      await client.waitForSession(
        (v) => (v as { progress?: { stage?: string } } | null)?.progress?.stage === stage,
        30_000,
      );
      client.close();
      await daemon!.stop('SIGKILL');
      daemon = undefined;
      const cut = printerState();
      expect(cut.position).not.toBe('none');

      const after = await start();
      await after.waitForKiosk((k) => k.journeysOffered.includes('issueCard'), 15_000);
      const state = printerState();
      expect(state.position).toBe('none');
      expect(state.rejected).toBe(cut.rejected + 1);
      expect(state.loaded).toBe(state.hopper + state.issued + state.rejected);

      const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
      const tx = db
        .prepare(
          `SELECT id, status, outcome FROM journal_transaction WHERE journey = 'issueCard' ORDER BY serial DESC LIMIT 1`,
        )
        .get() as { id: string; status: string; outcome: string };
      const steps = (
        db
          .prepare(`SELECT step, phase FROM journal_step WHERE transactionId = ? ORDER BY seq`)
          .all(tx.id) as {
          step: string;
          phase: string;
        }[]
      ).map((s) => `${s.step}:${s.phase}`);
      db.close();
      expect(tx).toMatchObject({ status: 'closed', outcome: 'interrupted' });
      expect(steps).toEqual(
        expect.arrayContaining([
          'card.feed:done',
          'recovery.found:event',
          'recovery.card.reject:done',
          // the reserved number is given back: the host was told the card was abandoned
          'recovery.host.issued:done',
        ]),
      );
      after.close();
      await daemon!.stop();
      daemon = undefined;
    },
    90_000,
  );

  it('after the power cuts, the application is kept and the card is made', async () => {
    const client = await start();
    await startMaking(client);
    await client.waitForSession((v) => v?.step === 'takeNewCard', 60_000);
    expect(await client.emit('demo.newCard', { action: 'take' })).toEqual({ ok: true });
    await client.waitForSession((v) => v?.step === 'chooseJourney', 20_000);
    const state = printerState();
    expect(state).toMatchObject({ issued: 1, rejected: 3, position: 'none' });
    expect(state.loaded).toBe(state.hopper + state.issued + state.rejected);
  }, 90_000);
});

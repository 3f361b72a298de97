/**
 * The fault: the fleet heard of a staff supply act left for staff (ADR 0022) from one event a
 * daemon start, and of staff's answer from that supply's refill event only. A kiosk off its fleet
 * long enough drops its oldest events (`fleet.queueLimit`), so the operator never got the alert, or
 * kept one after staff had answered. The kiosk's retained status now lists every act still waiting
 * (`supplyActsLeft`), sent again at every reconnect and read by every monitor at its start.
 * End to end: the real daemon killed right after a receipt paper refill's intent, booted again with
 * a queue of one event and its fleet link to a real Mosquitto while no fleet monitor listens; a
 * staff visit's events fill the queue behind the act's. The queue keeps an alert the kiosk tells
 * from its journal outside its limit (`keptUntilStored`, staff-alert-lost-across-restart-during-outage):
 * the visit's login goes, its logout takes the one place, the act's event stays, and the monitor (a process, on SQLite) started then raises
 * `supplyAct/receiptPrinter/paper` (event and status both say it). Stopped again, staff answer,
 * and a visit pushes the answer's event (plain telemetry) out: the monitor started again resolves
 * the alert from the status alone. With CI=true a missing Mosquitto fails the suite. Needs
 * `npx tsc -b` and the bundle.
 */
import { expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import { startDaemon } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { fleetBrokerForSuite, startFleetMonitor, writeFleetCredentials } from './fleet-monitor-process.js';
import { DEMO_ENGINEER, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { UiClient } from './ui-client.js';

const KIOSK = 'JZ-9001'; // the test profile's kiosk.id
const PASSWORD = 'kiosk-e2e-password-9001';
const KEY = 'supplyAct/receiptPrinter/paper';
const PAPER = { device: 'receiptPrinter', supply: 'paper', added: 1 };

interface Alert {
  id: number;
  kioskId: string;
  kind: string;
  key: string;
  code: string | null;
  clearedAt: string | null;
}
interface KioskEvent {
  type: string;
  action?: string;
  code?: string;
  device?: string;
  supply?: string;
}

describeOnExternalStack('a supply act left for staff, its events lost before the fleet heard them', () => {
  const fleet = fleetBrokerForSuite({ [KIOSK]: PASSWORD });

  it('fault: the act and the answer told by events only: a queue that dropped them leaves the fleet wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-supply-act-lost-'));
    const kioskDir = join(dir, 'kiosk');
    mkdirSync(kioskDir);
    writeFleetCredentials(dir, { [KIOSK]: PASSWORD });
    const args = ['--set', 'demo.panel=true'];
    const startMonitor = () =>
      startFleetMonitor(dir, 0, [...fleet.monitorArgs('fleet-monitor-supply-act-lost')]);
    let monitor: Awaited<ReturnType<typeof startMonitor>> | undefined;
    try {
      // the refill's intent journaled, the daemon killed before anything else
      const killed = await startDaemon(
        [...args, '--set', 'journal.crashAt=after:maintenance.refill:intent'],
        daemonStart(kioskDir),
      );
      const first = new UiClient(killed.url);
      await first.connected();
      await first.waitForKiosk((v) => v.mode === 'inService');
      const cutToken = ((await staffLogIn(killed.url, first, DEMO_ENGINEER)).body as { token: string }).token;
      await expect(
        maintenanceCall(killed.url, 'POST', '/maintenance/refill', { token: cutToken, body: PAPER }),
      ).rejects.toThrow();
      first.close();
      expect((await killed.ended).signal).toBe('SIGKILL');

      // booted again on the fleet broker, no monitor listening, a queue of one event
      const daemon = await startDaemon(
        [
          ...args,
          ...fleet.kioskArgs(PASSWORD),
          ...['--set', 'fleet.heartbeatIntervalS=1', '--set', 'fleet.queueLimit=1'],
        ],
        daemonStart(kioskDir),
      );
      const ui = new UiClient(daemon.url);
      try {
        await ui.connected();
        await ui.waitForKiosk((v) => v.mode === 'inService', 15_000);
        const call = async (token: string, method: string, path: string, body?: unknown) =>
          maintenanceCall(daemon.url, method, path, { token, body });
        const logIn = async () =>
          ((await staffLogIn(daemon.url, ui, DEMO_ENGINEER)).body as { token: string }).token;
        const visit = async () => {
          expect((await call(await logIn(), 'POST', '/maintenance/logout')).status).toBe(204);
          await ui.waitForKiosk((v) => v.mode === 'inService', 15_000);
        };
        // a visit's login and logout fill the queue behind the act's event: they go, the alert stays
        await visit();

        monitor = await startMonitor();
        const m = monitor;
        const alerts = (state: 'active' | 'all') =>
          m.api('GET', `/alerts?state=${state}`).then((a) => a.body as Alert[]);
        const active = () =>
          alerts('active').then((a) => a.find((x) => x.kioskId === KIOSK && x.key === KEY));
        const events = () =>
          m.api('GET', `/kiosks/${KIOSK}`).then((k) => (k.body as { events?: KioskEvent[] }).events ?? []);
        const raised = await eventually(active, 'the supply act alert', {
          withinMs: 20_000,
          until: (a) => a !== undefined,
        });
        expect(raised).toMatchObject({ kind: 'recoveryNeedsStaff', code: 'MAINTENANCE_SUPPLY_UNSETTLED' });
        // the act's event reached the fleet over the visit's, which the full queue dropped
        // the queue sends one event at a time, oldest first: the act's event, then the logout's,
        // each stored as it comes; wait for both before reading what the fleet heard
        const heard = await eventually(events, "the act's event and the visit's last told to the fleet", {
          withinMs: 15_000,
          until: (e) =>
            e.some((x) => x.type === 'recoveryNeedsStaff') && e.some((x) => x.type === 'maintenance'),
        });
        expect(heard.filter((e) => e.type === 'recoveryNeedsStaff')).toEqual([
          expect.objectContaining({
            code: 'MAINTENANCE_SUPPLY_UNSETTLED',
            device: 'receiptPrinter',
            supply: 'paper',
          }),
        ]);
        // kept outside the queue's limit (ADR 0004, staff alerts kept until stored), the act's event
        // left the limit's one place to the visit's last event: its login went, its logout stays
        expect(heard.filter((e) => e.type === 'maintenance').map((e) => e.action)).toEqual(['logout']);

        // the monitor away: staff answer (the paper was loaded), and a visit pushes that event out
        expect(await monitor.stop()).toBe(0);
        monitor = undefined;
        const token = await logIn();
        const [act] = (await call(token, 'GET', '/maintenance/supply-acts-cut-off')).body as {
          transactionId: string;
        }[];
        expect(
          await call(token, 'POST', '/maintenance/settle-supply-act', {
            transactionId: act!.transactionId,
            verdict: 'done',
          }),
        ).toMatchObject({ status: 200 });
        expect((await call(token, 'POST', '/maintenance/logout')).status).toBe(204);
        await ui.waitForKiosk((v) => v.mode === 'inService', 15_000);
        await visit();

        monitor = await startMonitor();
        const again = monitor;
        const stillActive = () =>
          again
            .api('GET', '/alerts?state=active')
            .then((a) => (a.body as Alert[]).find((x) => x.kioskId === KIOSK && x.key === KEY));
        await eventually(stillActive, 'the supply act alert resolved', {
          withinMs: 20_000,
          until: (a) => a === undefined,
        });
        const history = (await again.api('GET', '/alerts?state=all')).body as Alert[];
        expect(history.find((a) => a.id === raised!.id)).toMatchObject({ clearedAt: expect.any(String) });
        // resolved by the status: staff's answer (a refill of the paper) never reached the fleet
        const told = ((await again.api('GET', `/kiosks/${KIOSK}`)).body as { events?: KioskEvent[] }).events;
        expect((told ?? []).filter((e) => e.type === 'maintenance' && e.action === 'refill')).toEqual([]);
      } finally {
        ui.close();
        expect(await daemon.stop()).toBe(0);
      }
    } finally {
      await monitor?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

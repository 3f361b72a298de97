/**
 * The fault: boot left a staff supply act cut off by a restart for the next staff visit (ADR 0022)
 * and the fleet was never told: the kiosk goes in service, so no service reason raised a recovery
 * alert, and the operator watching the fleet could not see that a supply act waits for staff. End
 * to end: the real daemon killed right after a receipt paper refill's intent, booted again with
 * its fleet link to a real Mosquitto and a fleet monitor process (on SQLite, and on PostgreSQL).
 * The monitor holds `supplyAct/receiptPrinter/paper` (MAINTENANCE_SUPPLY_UNSETTLED); a staff visit
 * that does not answer and the kiosk back in service leave it; staff's answer resolves it (ADR 0004).
 * With CI=true a missing Mosquitto or PostgreSQL fails the suite. Needs `npx tsc -b` and the daemon
 * bundle.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@kiosk/fleet-monitor';
import { eventually } from '@kiosk/domain/testing';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import { startDaemon } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { activeAlert, alertRaised, alertResolved } from './fleet-alerts.js';
import { fleetBrokerForSuite, startFleetMonitor, writeFleetCredentials } from './fleet-monitor-process.js';
import { DEMO_ENGINEER, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { UiClient } from './ui-client.js';

const KIOSK = 'JZ-9001'; // the test profile's kiosk.id
const PASSWORD = 'kiosk-e2e-password-9001';
const KEY = 'supplyAct/receiptPrinter/paper';
const PAPER = { device: 'receiptPrinter', supply: 'paper', added: 1 };

describeOnExternalStack('a supply act left for staff at the fleet', (stack) => {
  const fleet = fleetBrokerForSuite({ [KIOSK]: PASSWORD });

  describe.each([['SQLite'], ['PostgreSQL']])('the fleet monitor on %s', (store) => {
    it('fault: boot left a paper refill for staff: the fleet holds an alert until staff answer', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kiosk-supply-act-fleet-'));
      const kioskDir = join(dir, 'kiosk');
      mkdirSync(kioskDir);
      writeFleetCredentials(dir, { [KIOSK]: PASSWORD });
      const db =
        store === 'PostgreSQL' ? await createTestDatabase(stack.postgresUrl, 'kiosk_supply_act') : undefined;
      const args = ['--set', 'demo.panel=true'];
      const monitor = await startFleetMonitor(dir, 0, [
        ...(db ? ['--db', db.url] : []),
        ...fleet.monitorArgs(`fleet-monitor-supply-act-${store}`),
      ]);
      try {
        // the refill's intent journaled, the daemon killed before anything else
        const killed = await startDaemon(
          [...args, '--set', 'journal.crashAt=after:maintenance.refill:intent'],
          daemonStart(kioskDir),
        );
        const first = new UiClient(killed.url);
        await first.connected();
        await first.waitForKiosk((v) => v.mode === 'inService');
        const cutToken = ((await staffLogIn(killed.url, first, DEMO_ENGINEER)).body as { token: string })
          .token;
        await expect(
          maintenanceCall(killed.url, 'POST', '/maintenance/refill', { token: cutToken, body: PAPER }),
        ).rejects.toThrow();
        first.close();
        expect((await killed.ended).signal).toBe('SIGKILL');

        const daemon = await startDaemon(
          [...args, ...fleet.kioskArgs(PASSWORD), ...['--set', 'fleet.heartbeatIntervalS=1']],
          daemonStart(kioskDir),
        );
        const ui = new UiClient(daemon.url);
        try {
          await ui.connected();
          await ui.waitForKiosk((v) => v.mode === 'inService', 15_000);
          const raised = await alertRaised(monitor, KIOSK, KEY, 'the supply act alert');
          expect(raised).toMatchObject({ kind: 'recoveryNeedsStaff', code: 'MAINTENANCE_SUPPLY_UNSETTLED' });

          // a visit that does not answer, and the kiosk back in service: the act still waits
          const call = async (token: string, method: string, path: string, body?: unknown) =>
            maintenanceCall(daemon.url, method, path, { token, body });
          const logIn = async () =>
            ((await staffLogIn(daemon.url, ui, DEMO_ENGINEER)).body as { token: string }).token;
          const passing = await logIn();
          expect((await call(passing, 'POST', '/maintenance/logout')).status).toBe(204);
          await ui.waitForKiosk((v) => v.mode === 'inService', 15_000);
          await eventually(
            () =>
              monitor
                .api('GET', `/kiosks/${KIOSK}`)
                .then((k) => k.body as { events: { type: string; action?: string }[] }),
            'the visit told to the fleet',
            {
              withinMs: 15_000,
              until: (k) =>
                k.events.filter((e) => e.type === 'maintenance' && e.action === 'logout').length > 0,
            },
          );
          expect((await activeAlert(monitor, KIOSK, KEY))?.id).toBe(raised.id);

          // staff answer: the paper was loaded; the alert resolves
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
          expect(await alertResolved(monitor, raised, 'the supply act alert resolved')).toMatchObject({
            key: KEY,
            clearedAt: expect.any(String) as unknown,
          });
          expect((await call(token, 'POST', '/maintenance/logout')).status).toBe(204);
        } finally {
          ui.close();
          expect(await daemon.stop()).toBe(0);
        }
      } finally {
        await monitor.stop();
        await db?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);
  });
});

/**
 * The fault: a kiosk whose self test did not finish in time (SELF_TEST_TIMEOUT) showed at the fleet
 * only as an out-of-service status, with no recovery alert for an operator to see and acknowledge;
 * and a recovery alert other than SELF_TEST_FAILED never resolved by itself. End to end: a new card
 * is presented and the power goes (`journal.crashAt=after:card.present:done`), the resident takes
 * it while the kiosk is down; at the next boot recovery reports the card issued to the office, whose
 * link holds the report unanswered (a relay in front of the host simulator process), so the self
 * test runs past `timeouts.selfTestMs` and the kiosk stays out of service. The built daemon reports
 * through a real Mosquitto to a fleet monitor process (on SQLite, and on PostgreSQL): the alert
 * `recovery/SELF_TEST_TIMEOUT` is raised and acknowledged; the office answers again, a supervisor
 * logs in and out, the self test passes, and the alert resolves by itself, acknowledged as it was
 * (ADR 0004). With CI=true a missing Mosquitto or PostgreSQL fails the suite. Needs `npx tsc -b`
 * and the daemon bundle.
 */
import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { createTestDatabase } from '@kiosk/fleet-monitor';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import { startDaemon } from './daemon-process.js';
import { activeAlert, alertRaised, expectResolvedAcknowledged } from './fleet-alerts.js';
import { fleetBrokerForSuite, startFleetMonitor, writeFleetCredentials } from './fleet-monitor-process.js';
import { HttpRelay } from './http-relay.js';
import { daemonStart } from './kill-harness-world.js';
import { DEMO_SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';
import {
  latestTransaction,
  startRecoveryWorld,
  transactionSteps,
  type RecoveryWorld,
} from './recovery-world.js';
import { UiClient } from './ui-client.js';
import { cardLeavesSlot, startCardMaking } from './undecided-card-making.js';

const KIOSK = 'JZ-9001'; // the test profile's kiosk.id
const PASSWORD = 'kiosk-e2e-password-9001';
const KEY = 'recovery/SELF_TEST_TIMEOUT';
const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!;

/** The office's link: while `holding`, card reports wait unanswered until `release()`. */
class HoldingRelay extends HttpRelay {
  holding = false;
  private readonly held: (() => void)[] = [];

  release(): void {
    this.holding = false;
    for (const send of this.held.splice(0)) send();
  }

  protected async relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.bodyOf(req);
    const send = () =>
      this.forward(req, res, body, (answer) => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      });
    const report = req.method === 'POST' && /^\/v1\/applications\/[^/]+\/issued$/.test(req.url ?? '');
    if (report && this.holding) this.held.push(send);
    else send();
  }
}

describeOnExternalStack('a self test that times out is a recovery alert at the fleet', (stack) => {
  const fleet = fleetBrokerForSuite({ [KIOSK]: PASSWORD });

  describe.each([['SQLite'], ['PostgreSQL']])('the fleet monitor on %s', (store) => {
    it('fault: the self test timed out at start: recovery/SELF_TEST_TIMEOUT raised, and resolved once the kiosk is back in service, acknowledged as it was', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kiosk-self-test-timeout-'));
      writeFleetCredentials(dir, { [KIOSK]: PASSWORD });
      let relay!: HoldingRelay;
      const world: RecoveryWorld = await startRecoveryWorld({
        dirPrefix: 'kiosk-self-test-timeout-world-',
        cards: true,
        relay: (hostUrl) => (relay = new HoldingRelay(hostUrl)),
      });
      const db =
        store === 'PostgreSQL'
          ? await createTestDatabase(stack.postgresUrl, 'kiosk_self_test_timeout')
          : undefined;
      const monitor = await startFleetMonitor(dir, 0, [
        ...(db ? ['--db', db.url] : []),
        ...fleet.monitorArgs(`fleet-monitor-self-test-timeout-${store}`),
      ]);
      try {
        // a new card presented, the power cut, the card taken while the kiosk is down
        const first = await startDaemon(
          [...world.args, '--set', 'journal.crashAt=after:card.present:done'],
          daemonStart(world.dir),
        );
        const firstUi = new UiClient(first.url);
        try {
          await startCardMaking(firstUi, wang.key);
          expect((await first.ended).signal).toBe('SIGKILL');
        } finally {
          firstUi.close();
        }
        cardLeavesSlot(world.dir, 'issued');
        const transactionId = latestTransaction(world.dir, 'issueCard');

        // the office holds recovery's report: the self test runs past its 3 s
        relay.holding = true;
        const daemon = await startDaemon(
          [
            ...world.args,
            ...['--set', 'timeouts.selfTestMs=3000', '--set', 'host.timeoutMs=60000'],
            // a step holds two host waits (the profile check): no step is waited out here
            ...['--set', 'timeouts.stepMs=121000'],
            ...fleet.kioskArgs(PASSWORD),
            ...['--set', 'fleet.heartbeatIntervalS=1'],
          ],
          daemonStart(world.dir),
        );
        const ui = new UiClient(daemon.url);
        try {
          await ui.connected();
          expect(await ui.waitForKiosk(() => true)).toMatchObject({
            mode: 'outOfService',
            reason: 'SELF_TEST_TIMEOUT',
          });
          const raised = await alertRaised(
            monitor,
            KIOSK,
            KEY,
            'the self-test timeout recovery alert at the fleet',
          );
          expect(raised).toMatchObject({ code: 'SELF_TEST_TIMEOUT', clearedAt: null });
          expect((await monitor.api('POST', `/alerts/${raised.id}/ack`)).status).toBeLessThan(300);

          // the office answers again: recovery's report goes through
          relay.release();
          await eventually(async () => transactionSteps(world.dir, transactionId), "recovery's report done", {
            withinMs: 20_000,
            until: (steps) => steps.includes('recovery.host.issued:done'),
          });
          // still out of service for its self test: the alert stands
          expect(await activeAlert(monitor, KIOSK, KEY)).toMatchObject({ id: raised.id });

          // a supervisor's visit: the self test runs again and passes
          const login = await staffLogIn(daemon.url, ui, DEMO_SUPERVISOR);
          expect(login.status).toBe(200);
          const token = login.body.token as string;
          expect((await maintenanceCall(daemon.url, 'POST', '/maintenance/logout', { token })).status).toBe(
            204,
          );
          await ui.waitForKiosk((v) => v.mode === 'inService' || v.mode === 'degraded', 15_000);

          await expectResolvedAcknowledged(monitor, raised, 'the recovery alert resolved');
        } finally {
          ui.close();
          expect(await daemon.stop()).toBe(0);
        }
      } finally {
        relay?.release();
        await monitor.stop();
        await world.dispose();
        await db?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);
  });
});

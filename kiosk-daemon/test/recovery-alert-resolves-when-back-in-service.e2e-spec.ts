/**
 * The fault: a kiosk's failed self test raised `recovery/SELF_TEST_FAILED` at the fleet and nothing
 * cleared it once the kiosk was back in service. End to end: the real daemon is killed right after
 * journaling a dispense and two notes go missing (`undecided-withdrawal.ts`), so the next boot's
 * recovery leaves the withdrawal for staff; it reports through a real Mosquitto to a fleet monitor
 * process (on SQLite, and on PostgreSQL), where an operator acknowledges the alert. A supervisor
 * settles the withdrawal on the maintenance route and logs out: the self test passes, the kiosk is
 * back in service, and the monitor resolves the alert by itself, its acknowledgement kept in the
 * history (ADR 0004). With CI=true a missing Mosquitto or PostgreSQL fails the suite. Needs
 * `npx tsc -b` and the daemon bundle.
 */
import { describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@kiosk/fleet-monitor';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import { activeAlert, alertRaised, expectResolvedAcknowledged } from './fleet-alerts.js';
import { fleetBrokerForSuite } from './fleet-monitor-process.js';
import { DEMO_SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { atFleetAfterUndecidedWithdrawal, TEST_KIOSK } from './undecided-withdrawal-at-fleet.js';

const KIOSK = TEST_KIOSK.id;
const KEY = 'recovery/SELF_TEST_FAILED';

describeOnExternalStack('recovery alert resolves when the kiosk is back in service', (stack) => {
  const fleet = fleetBrokerForSuite({ [KIOSK]: TEST_KIOSK.brokerPassword });

  describe.each([['SQLite'], ['PostgreSQL']])('the fleet monitor on %s', (store) => {
    it('fault: staff settled what boot recovery left and the kiosk is back in service: the alert resolves, acknowledged as it was', async () => {
      const db =
        store === 'PostgreSQL'
          ? await createTestDatabase(stack.postgresUrl, 'kiosk_recovery_alert')
          : undefined;
      try {
        await atFleetAfterUndecidedWithdrawal(
          fleet,
          `fleet-monitor-recovery-${store}`,
          db ? ['--db', db.url] : [],
          async ({ daemon, ui, monitor }) => {
            expect(await ui.waitForKiosk(() => true)).toMatchObject({
              mode: 'outOfService',
              reason: 'SELF_TEST_FAILED',
            });
            const raised = await alertRaised(monitor, KIOSK, KEY, 'the recovery alert at the fleet');
            expect((await monitor.api('POST', `/alerts/${raised.id}/ack`)).status).toBeLessThan(300);

            // a supervisor counts the cash and says the resident was not paid, then logs out
            const login = await staffLogIn(daemon.url, ui, DEMO_SUPERVISOR);
            expect(login.status).toBe(200);
            const token = login.body.token as string;
            const call = (method: string, path: string, body?: unknown) =>
              maintenanceCall(daemon.url, method, path, { token, body });
            const view = await call('GET', '/maintenance/view');
            const transactionId = view.body.pendingSettlements[0].transactionId as string;
            expect(
              await call('POST', '/maintenance/settle-withdrawal', { transactionId, verdict: 'notPaid' }),
            ).toMatchObject({ status: 200 });
            // still in maintenance: the alert stands
            expect(await activeAlert(monitor, KIOSK, KEY)).toMatchObject({ id: raised.id });
            expect((await call('POST', '/maintenance/logout')).status).toBe(204);
            await ui.waitForKiosk((v) => v.mode === 'inService' || v.mode === 'degraded', 15_000);

            await expectResolvedAcknowledged(monitor, raised, 'the recovery alert resolved');
          },
        );
      } finally {
        await db?.drop();
      }
    }, 180_000);
  });
});

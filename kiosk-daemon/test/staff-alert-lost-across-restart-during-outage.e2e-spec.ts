/**
 * The fault staff-alert-lost-across-restart-during-outage end to end: a withdrawal recovery cannot
 * decide (`undecided-withdrawal.ts`) leaves the kiosk out of service for staff, and its alert (a
 * `recoveryNeedsStaff` event, SELF_TEST_FAILED with WITHDRAWAL_UNDECIDED) waits in the kiosk's
 * queue file while the real Mosquitto is stopped; the daemon is killed then (a crash during the
 * outage) and boots again, its recovery leaving the same withdrawal for staff and its self test
 * failing again. The restart queued a second alert beside the waiting one, so the fleet monitor
 * (a process, on SQLite) stored it twice once Mosquitto was back; now the waiting one stands for
 * it: stored once, under the id the first boot gave it, and one alert raised. With CI=true a
 * missing Mosquitto fails the suite. Needs `npx tsc -b` and the daemon bundle.
 */
import { expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import { startDaemon, startHostProcess } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { fleetBrokerForSuite, startFleetMonitor, writeFleetCredentials } from './fleet-monitor-process.js';
import { UiClient } from './ui-client.js';
import { killDuringDispenseWithNotesMissing } from './undecided-withdrawal.js';
import { TEST_KIOSK } from './undecided-withdrawal-at-fleet.js';

const KIOSK = TEST_KIOSK.id;

interface Queued {
  id: string;
  type: string;
  code?: string;
  cause?: string;
}
interface Alert {
  kioskId: string;
  kind: string;
  code: string | null;
}

describeOnExternalStack('a staff alert across a daemon restart during a Mosquitto outage', () => {
  const fleet = fleetBrokerForSuite({ [KIOSK]: TEST_KIOSK.brokerPassword });

  it('fault: the withdrawal left for staff told again at the restart was stored twice; now once, under the first boot’s id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-staff-alert-restart-'));
    const kioskDir = join(dir, 'kiosk');
    mkdirSync(kioskDir);
    writeFleetCredentials(dir, { [KIOSK]: TEST_KIOSK.brokerPassword });
    const host = await startHostProcess({ kiosks: { [KIOSK]: TEST_KIOSK.hostKey } });
    const args = ['--set', 'demo.panel=true', '--set', 'host.mode=external', '--set', `host.url=${host.url}`];
    const fleetArgs = [...fleet.kioskArgs(TEST_KIOSK.brokerPassword), '--set', 'fleet.heartbeatIntervalS=1'];
    const queueFile = join(kioskDir, 'fleet-queue.json');
    const queued = (): Queued[] =>
      existsSync(queueFile)
        ? (JSON.parse(readFileSync(queueFile, 'utf8')) as { events: Queued[] }).events
        : [];
    const told = (code: string) => () =>
      queued().filter((e) => e.type === 'recoveryNeedsStaff' && e.code === code);
    // the self test's alert, and the withdrawal's own (ADR 0004, money left for staff)
    const alertsQueued = told('SELF_TEST_FAILED');
    const withdrawalQueued = told('WITHDRAWAL_UNDECIDED');
    const monitor = await startFleetMonitor(dir, 0, fleet.monitorArgs('fleet-monitor-staff-alert-restart'));
    try {
      await killDuringDispenseWithNotesMissing(kioskDir, args);
      await fleet.broker.stop();

      /** a boot on the journal, Mosquitto away: its self test fails on the withdrawal left for staff */
      const boot = async () => {
        const daemon = await startDaemon([...args, ...fleetArgs], daemonStart(kioskDir));
        const ui = new UiClient(daemon.url);
        await ui.connected();
        expect(await ui.waitForKiosk((v) => v.reason === 'SELF_TEST_FAILED', 15_000)).toMatchObject({
          cause: 'WITHDRAWAL_UNDECIDED',
        });
        ui.close();
        return daemon;
      };
      const crashed = await boot();
      const [first] = await eventually(alertsQueued, 'the alert queued', {
        withinMs: 15_000,
        until: (a) => a.length > 0,
      });
      const [withdrawal] = await eventually(withdrawalQueued, "the withdrawal's alert queued", {
        withinMs: 15_000,
        until: (a) => a.length > 0,
      });
      await crashed.stop('SIGKILL');

      const daemon = await boot();
      try {
        expect(alertsQueued().map((e) => e.id)).toEqual([first!.id]);
        // told again out of this boot's recovery, under its id: queued once
        expect(withdrawalQueued().map((e) => e.id)).toEqual([withdrawal!.id]);
        await fleet.broker.start();
        await eventually(queued, 'every event the kiosk queued stored by the monitor', {
          withinMs: 30_000,
          until: (events) => events.length === 0,
        });
        const detail = (await monitor.api('GET', `/kiosks/${KIOSK}`)).body as { events: Queued[] };
        const stored = detail.events.filter((e) => e.type === 'recoveryNeedsStaff');
        expect(stored).toHaveLength(2);
        expect(stored).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              id: first!.id,
              code: 'SELF_TEST_FAILED',
              cause: 'WITHDRAWAL_UNDECIDED',
            }),
            expect.objectContaining({ id: withdrawal!.id, code: 'WITHDRAWAL_UNDECIDED' }),
          ]),
        );
        const alerts = (await monitor.api('GET', '/alerts?state=active')).body as Alert[];
        expect(
          alerts
            .filter((a) => a.kioskId === KIOSK && a.kind === 'recoveryNeedsStaff')
            .map((a) => a.code)
            .sort(),
        ).toEqual(['SELF_TEST_FAILED', 'WITHDRAWAL_UNDECIDED']);
      } finally {
        expect(await daemon.stop()).toBe(0);
      }
    } finally {
      if (!fleet.broker.running) await fleet.broker.start();
      await monitor.stop();
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

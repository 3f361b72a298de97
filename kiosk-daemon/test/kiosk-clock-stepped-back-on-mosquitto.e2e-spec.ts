/**
 * Fault: a kiosk whose clock stepped back had its statuses ignored by the fleet until its clock
 * caught up with the last status's time (ADR 0018's addendum on runs). The kiosk's FleetPublisher
 * against the large-fleet stack (a real Mosquitto, two fleet monitors sharing the ingest, one
 * PostgreSQL database: broker-outage-stack): NTP sets its clock back an hour, then its card reader
 * fails, and both monitors show it out of service with the reader's alert; statuses sent in a
 * burst, each stored by both monitors in their own time, leave the last one standing; a restart
 * whose RTC lost its battery (the clock at 2000) is the kiosk from its first status. With CI=true
 * a missing Mosquitto or PostgreSQL fails the suite.
 */
import { expect, it } from '@jest/globals';
import { once } from 'node:events';
import { eventually } from '@kiosk/domain/testing';
import type { FleetMonitor } from '@kiosk/fleet-monitor';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import type { FleetPublisher } from '../src/telemetry/mqtt/fleet-publisher.js';
import { IN_SERVICE, READER_DOWN } from '../src/telemetry/mqtt/clock-stepped-back.spec-support.js';
import { outageStack, within } from './broker-outage-stack.js';

describeOnExternalStack('a kiosk whose clock stepped back, on Mosquitto', (stack) => {
  const s = outageStack(stack);

  async function started(clock: { now: Date }): Promise<FleetPublisher> {
    const kiosk = s.kiosk({ onCommand: () => ({ result: 'done' }), now: () => clock.now });
    const connected = once(kiosk, 'connected');
    kiosk.start();
    await within('the kiosk is connected', connected);
    return kiosk;
  }

  /** what `monitor` reads of the kiosk once its status numbered `seq` is stored (the count of its run) */
  async function readBy(monitor: FleetMonitor, seq: number) {
    const row = await eventually(() => monitor.store.kiosk('JZ-0001'), `status ${seq} stored`, {
      withinMs: 10_000,
      until: (found) => found?.status?.run?.seq === seq,
    });
    const alerts = (await monitor.store.activeAlerts()).map((alert) => alert.key).sort();
    return { mode: row?.status?.mode, alerts };
  }

  it('kiosk-clock-stepped-back-statuses-ignored: NTP sets the clock back an hour, the reader fails: both monitors show it out of service; a burst leaves its last status; a restart at 2000 is taken', async () => {
    const clock = { now: new Date(Date.now() + 3_600_000) };
    const kiosk = await started(clock);
    kiosk.publishStatus(IN_SERVICE);
    expect(await readBy(s.monitors[0], 0)).toEqual({ mode: 'inService', alerts: [] });

    clock.now = new Date();
    kiosk.publishStatus(READER_DOWN);
    for (const monitor of s.monitors)
      expect(await readBy(monitor, 1)).toEqual({ mode: 'outOfService', alerts: ['fault/cardReader'] });

    // every monitor stores every status (ADR 0011), in its own time: the last one stands, with its alerts
    for (const status of [IN_SERVICE, READER_DOWN, IN_SERVICE, READER_DOWN, IN_SERVICE])
      kiosk.publishStatus(status);
    expect(await readBy(s.monitors[1], 6)).toEqual({ mode: 'inService', alerts: [] });

    await kiosk.stop();
    const restarted = await started({ now: new Date('2000-01-01T00:00:05.000Z') });
    restarted.publishStatus(READER_DOWN);
    const after = await readBy(s.monitors[0], 0);
    expect(after.mode).toBe('outOfService');
    expect(after.alerts.filter((key) => key !== 'offline')).toEqual(['fault/cardReader']);
  });
});

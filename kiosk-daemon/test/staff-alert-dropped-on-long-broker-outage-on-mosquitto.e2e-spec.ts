/**
 * The fault staff-alert-dropped-on-long-broker-outage on the large-fleet stack (a real Mosquitto,
 * two fleet monitors sharing the ingest, one PostgreSQL database: broker-outage-stack): Mosquitto
 * stops for long enough that the kiosk's bounded queue (on its file) fills with journey outcomes,
 * and the kiosk restarts meanwhile. The queue dropped its oldest events, the alerts staff must act
 * on among them, and the fleet saw a count; a host act given up, journaled told once queued, was
 * never told again. Now plain telemetry goes first, and the alert told again from the journal
 * after the restart carries the same id: once Mosquitto is back each alert is raised, once. With
 * CI=true a missing Mosquitto or PostgreSQL fails the suite.
 */
import { expect, it } from '@jest/globals';
import { once } from 'node:events';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import { outageStack, within } from './broker-outage-stack.js';
import { GIVEN_UP, NEEDS_STAFF, OUTCOME } from '../src/telemetry/mqtt/staff-alerts.spec-support.js';

/** the given-up act's alert id, the same at each boot that tells it (`givenUpEventId`) */
const ALERT_ID = '3d1f0c9a-5b7e-5a42-9c0d-6e2f4a8b1c3d';

describeOnExternalStack('staff alerts through a long Mosquitto outage', (stack) => {
  const s = outageStack(stack);

  it('staff-alert-dropped-on-long-broker-outage: the queue full of journey outcomes and a restart meanwhile, each staff alert raised once Mosquitto is back, once', async () => {
    const options = {
      onCommand: () => ({ result: 'done' as const }),
      queueFile: join(s.dir, 'fleet-queue.json'),
      queueLimit: 5,
      ackTimeoutMs: 1000,
    };
    const before = s.kiosk(options);
    const connected = once(before, 'connected');
    before.start();
    await within('the kiosk is connected', connected);
    const disconnected = once(before, 'disconnected');
    await within('Mosquitto has stopped', s.broker.stop(), 10_000);
    await within('the kiosk sees Mosquitto gone', disconnected);
    before.publishEvent(GIVEN_UP, ALERT_ID);
    before.publishEvent(NEEDS_STAFF);
    for (let i = 0; i < 12; i++) before.publishEvent(OUTCOME);
    // the two alerts kept until stored, beside the limit's five outcomes
    expect(before.queued).toBe(7);
    await before.stop();

    // the kiosk restarted during the outage: the alert not stored yet is told again from the journal
    const after = s.kiosk(options);
    after.publishEvent(GIVEN_UP, ALERT_ID);
    expect(after.queued).toBe(7);
    const delivered = new Set<string>();
    after.on('delivered', (event) => delivered.add(event.id));
    await within('Mosquitto has started', s.broker.start(), 15_000);
    after.start();
    await eventually(() => after.queued === 0 && delivered.has(ALERT_ID), 'the backlog is stored', {
      withinMs: 20_000,
    });
    // the outage's own offline alert (Mosquitto's last will of the kiosk) aside
    const alerts = (await s.monitors[0].store.activeAlerts()).filter(
      (a) => a.kioskId === 'JZ-0001' && a.kind !== 'offline',
    );
    expect(alerts.map((a) => `${a.kind}:${a.code}`).sort()).toEqual([
      'anomaly:HOST_ACT_ABANDONED',
      'anomaly:TELEMETRY_EVENTS_DROPPED',
      'recoveryNeedsStaff:SELF_TEST_FAILED',
    ]);
  });
});

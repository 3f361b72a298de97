/**
 * The fault: the kiosk's event queue is bounded, and when a long broker outage filled it, it
 * dropped its oldest events whatever they were. The alerts staff must act on (a host act given up,
 * recovery leaving a withdrawal undecided or a card kept, cash left, a PIN locked) are rare and
 * come first in an outage's backlog, so they were the ones dropped behind a run of journey
 * outcomes, and the fleet saw only an `eventsDropped` count; the monitor raises these alerts from
 * the event alone. Now plain telemetry is dropped first (`STAFF_ALERT_EVENTS`), an alert only when
 * nothing else is left; an alert told again from the journal after a restart (a host act given up
 * is journaled told only once a monitor stored it) carries the same event id and is queued and
 * stored once.
 *
 * The real publisher and queue (on a file), the fleet monitor with its broker (127.0.0.1, in
 * process), stopped for the outage and started again.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestFleet, type FleetMonitor } from '@kiosk/fleet-monitor';
import { eventually } from '@kiosk/domain/testing';
import { FleetPublisher, type FleetPublisherOptions } from './fleet-publisher.js';
import { GIVEN_UP, NEEDS_STAFF, OUTCOME } from './staff-alerts.spec-support.js';

let fleet: FleetMonitor;
let url: string;
let dir: string;
const kiosks: FleetPublisher[] = [];

beforeEach(async () => {
  ({ fleet, url } = await startTestFleet({ kiosks: { 'JZ-0001': 'secret-jz' } }));
  dir = mkdtempSync(join(tmpdir(), 'staff-alert-outage-'));
});
afterEach(async () => {
  for (const kiosk of kiosks.splice(0)) await kiosk.stop();
  await fleet.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A kiosk on the queue file of this test, a small queue (5), not started. */
function kiosk(options: Partial<FleetPublisherOptions> = {}): FleetPublisher {
  const publisher = new FleetPublisher({
    url,
    kioskId: 'JZ-0001',
    password: 'secret-jz',
    version: '0.1.0-test',
    onCommand: () => ({ result: 'done' }),
    reconnectPeriodMs: 50,
    queueLimit: 5,
    queueFile: join(dir, 'fleet-queue.json'),
    ...options,
  });
  kiosks.push(publisher);
  return publisher;
}

const alertCodes = async () => (await fleet.store.activeAlerts()).map((a) => `${a.kind}:${a.code}`).sort();

describe('staff-alert-dropped-on-long-broker-outage', () => {
  it('fault: a long outage fills the queue with journey outcomes: the alerts queued before them were dropped; now the outcomes go first and the monitor raises both alerts once the broker is back', async () => {
    await fleet.broker.stop();
    const publisher = kiosk();
    publisher.start();
    publisher.publishEvent(GIVEN_UP);
    publisher.publishEvent(NEEDS_STAFF);
    for (let i = 0; i < 12; i++) publisher.publishEvent(OUTCOME);
    expect(publisher.queued).toBe(5);

    const connected = once(publisher, 'connected');
    await fleet.broker.start();
    await connected;
    await eventually(
      async () => publisher.queued === 0 && (await alertCodes()).length === 3,
      'the backlog stored',
      {
        withinMs: 10_000,
      },
    );
    expect(await alertCodes()).toEqual([
      'anomaly:HOST_ACT_ABANDONED',
      'anomaly:TELEMETRY_EVENTS_DROPPED',
      'recoveryNeedsStaff:SELF_TEST_FAILED',
    ]);
    const stored = await fleet.store.recentEvents('JZ-0001', 100);
    expect(stored.filter((e) => e.type === 'journeyOutcome')).toHaveLength(3);
    expect(stored.find((e) => e.type === 'eventsDropped')).toMatchObject({ count: 9 });
  });

  it('nothing but alerts queued: the oldest alert goes, counted, as any drop', async () => {
    await fleet.broker.stop();
    const publisher = kiosk({ queueLimit: 2 });
    publisher.publishEvent(GIVEN_UP);
    publisher.publishEvent(OUTCOME);
    publisher.publishEvent(NEEDS_STAFF);
    publisher.publishEvent(GIVEN_UP);
    expect(publisher.queued).toBe(2);
    const connected = once(publisher, 'connected');
    await fleet.broker.start();
    publisher.start();
    await connected;
    await eventually(
      async () => publisher.queued === 0 && (await alertCodes()).length === 3,
      'the backlog stored',
      {
        withinMs: 10_000,
      },
    );
    const stored = await fleet.store.recentEvents('JZ-0001', 100);
    expect(stored.map((e) => e.type).sort()).toEqual(['anomaly', 'eventsDropped', 'recoveryNeedsStaff']);
    expect(stored.find((e) => e.type === 'eventsDropped')).toMatchObject({ count: 2 });
  });

  it('an alert told again from the journal at a restart during the outage, under its own id: queued once, stored once, one alert', async () => {
    await fleet.broker.stop();
    const id = '0f6c1d2e-3a4b-5c6d-8e7f-8091a2b3c4d5';
    const before = kiosk();
    before.publishEvent(GIVEN_UP, id);
    await before.stop();

    const after = kiosk();
    after.publishEvent(GIVEN_UP, id);
    expect(after.queued).toBe(1);
    const stored = new Promise<string>((resolve) => after.once('delivered', (e) => resolve(e.id)));
    await fleet.broker.start();
    after.start();
    await expect(stored).resolves.toBe(id);
    expect(await alertCodes()).toEqual(['anomaly:HOST_ACT_ABANDONED']);
  });
});

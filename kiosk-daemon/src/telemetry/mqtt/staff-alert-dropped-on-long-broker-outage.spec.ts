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
import { describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { eventually } from '@kiosk/domain/testing';
import {
  CASH_NOT_TAKEN,
  GIVEN_UP,
  NEEDS_STAFF,
  OUTCOME,
  PIN_BLOCKED,
  staffAlertFleet,
} from './staff-alerts.spec-support.js';

const world = staffAlertFleet(5);
const { kiosk, alertCodes } = world;

describe('staff-alert-dropped-on-long-broker-outage', () => {
  it('fault: a long outage fills the queue with journey outcomes: the alerts queued before them were dropped; now the outcomes go first and the monitor raises both alerts once the broker is back', async () => {
    await world.fleet.broker.stop();
    const publisher = kiosk();
    publisher.start();
    publisher.publishEvent(GIVEN_UP);
    publisher.publishEvent(NEEDS_STAFF);
    for (let i = 0; i < 12; i++) publisher.publishEvent(OUTCOME);
    // the two alerts are kept until stored (staff-alert-lost-across-restart-during-outage), the
    // limit's five are outcomes
    expect(publisher.queued).toBe(7);

    const connected = once(publisher, 'connected');
    await world.fleet.broker.start();
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
    const stored = await world.fleet.store.recentEvents('JZ-0001', 100);
    expect(stored.filter((e) => e.type === 'journeyOutcome')).toHaveLength(5);
    expect(stored.find((e) => e.type === 'eventsDropped')).toMatchObject({ count: 7 });
  });

  it('nothing but alerts queued: the oldest alert goes, counted, as any drop (an alert the journal tells again aside)', async () => {
    await world.fleet.broker.stop();
    const publisher = kiosk({ queueLimit: 2 });
    publisher.publishEvent(PIN_BLOCKED);
    publisher.publishEvent(OUTCOME);
    publisher.publishEvent(CASH_NOT_TAKEN);
    publisher.publishEvent(PIN_BLOCKED);
    expect(publisher.queued).toBe(2);
    const connected = once(publisher, 'connected');
    await world.fleet.broker.start();
    publisher.start();
    await connected;
    await eventually(
      async () => publisher.queued === 0 && (await alertCodes()).length === 3,
      'the backlog stored',
      {
        withinMs: 10_000,
      },
    );
    const stored = await world.fleet.store.recentEvents('JZ-0001', 100);
    expect(stored.map((e) => e.type).sort()).toEqual(['anomaly', 'anomaly', 'eventsDropped']);
    expect(stored.filter((e) => e.type === 'anomaly').map((e) => (e as { code?: string }).code)).toEqual(
      expect.arrayContaining(['CASH_NOT_TAKEN', 'PIN_BLOCKED']),
    );
    expect(stored.find((e) => e.type === 'eventsDropped')).toMatchObject({ count: 2 });
  });

  it('an alert told again from the journal at a restart during the outage, under its own id: queued once, stored once, one alert', async () => {
    await world.fleet.broker.stop();
    const id = '0f6c1d2e-3a4b-5c6d-8e7f-8091a2b3c4d5';
    const before = kiosk();
    before.publishEvent(GIVEN_UP, id);
    await before.stop();

    const after = kiosk();
    after.publishEvent(GIVEN_UP, id);
    expect(after.queued).toBe(1);
    const stored = new Promise<string>((resolve) => after.once('delivered', (e) => resolve(e.id)));
    await world.fleet.broker.start();
    after.start();
    await expect(stored).resolves.toBe(id);
    expect(await alertCodes()).toEqual(['anomaly:HOST_ACT_ABANDONED']);
  });
});

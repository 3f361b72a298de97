/**
 * Fault: a kiosk whose clock stepped back (NTP correcting a clock that ran fast, an RTC that lost its
 * battery at a restart) had its statuses ignored by the fleet monitor until its clock caught up
 * with the last status's time: a kiosk out of service stayed "in service" on the dashboard. The
 * publisher now numbers its statuses (`run`: drawn at each start, counted within it), and the
 * monitor orders them by that. The real publisher against the monitor's embedded broker and store.
 */
import { describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { eventually } from '@kiosk/domain/testing';
import type { FleetPublisher } from './fleet-publisher.js';
import { IN_SERVICE, READER_DOWN } from './clock-stepped-back.spec-support.js';
import { staffAlertFleet } from './staff-alerts.spec-support.js';

// the in-process monitor, its broker and kiosk JZ-0001 of the staff alert specs
const world = staffAlertFleet(1000);

/** JZ-0001 started, its clock read from `clock` */
async function kioskOnClock(clock: { now: Date }): Promise<FleetPublisher> {
  const kiosk = world.kiosk({ now: () => clock.now });
  const connected = once(kiosk, 'connected');
  kiosk.start();
  await connected;
  return kiosk;
}

/** the monitor's word on the kiosk once it has stored its status numbered `seq` (in its run) */
async function monitorHas(seq: number) {
  const kiosk = await eventually(() => world.fleet.store.kiosk('JZ-0001'), `status ${seq} stored`, {
    withinMs: 5_000,
    until: (row) => row?.status?.run?.seq === seq,
  });
  const alerts = (await world.fleet.store.activeAlerts()).map((alert) => alert.key);
  return { mode: kiosk?.status?.mode, alerts };
}

describe('kiosk-clock-stepped-back-told-to-fleet', () => {
  it('kiosk-clock-stepped-back-told-to-fleet: NTP sets the clock back an hour, then the card reader fails: the monitor shows it out of service at once, its alert raised', async () => {
    const clock = { now: new Date('2026-11-29T10:00:00.000Z') };
    const kiosk = await kioskOnClock(clock);
    kiosk.publishStatus(IN_SERVICE);
    expect(await monitorHas(0)).toEqual({ mode: 'inService', alerts: [] });
    clock.now = new Date('2026-11-29T09:00:30.000Z');
    kiosk.publishStatus(READER_DOWN);
    expect(await monitorHas(1)).toEqual({ mode: 'outOfService', alerts: ['fault/cardReader'] });
    kiosk.publishStatus(IN_SERVICE);
    expect(await monitorHas(2)).toEqual({ mode: 'inService', alerts: [] });
  });

  it('a restart whose RTC lost its battery (the clock at 2000): the new run is the kiosk now', async () => {
    const before = await kioskOnClock({ now: new Date('2026-11-29T09:00:00.000Z') });
    before.publishStatus(IN_SERVICE);
    before.publishStatus(IN_SERVICE);
    await monitorHas(1);
    await before.stop();
    const after = await kioskOnClock({ now: new Date('2000-01-01T00:00:05.000Z') });
    after.publishStatus(READER_DOWN);
    const { mode, alerts } = await monitorHas(0);
    expect({ mode, alerts: alerts.filter((key) => key !== 'offline') }).toEqual({
      mode: 'outOfService',
      alerts: ['fault/cardReader'],
    });
  });

  it('a status sent again on a reconnect keeps its number: the kiosk back online as it was, its alert kept', async () => {
    const kiosk = await kioskOnClock({ now: new Date('2026-11-29T09:00:00.000Z') });
    kiosk.publishStatus(READER_DOWN);
    await monitorHas(0);
    const disconnected = once(kiosk, 'disconnected');
    await world.fleet.broker.stop();
    await disconnected;
    const reconnected = once(kiosk, 'connected');
    await world.fleet.broker.start();
    await reconnected;
    await eventually(
      async () => (await world.fleet.store.activeAlerts()).map((alert) => alert.key),
      'back online',
      {
        withinMs: 5_000,
        until: (keys) => !keys.includes('offline'),
      },
    );
    expect(await monitorHas(0)).toEqual({ mode: 'outOfService', alerts: ['fault/cardReader'] });
  });
});

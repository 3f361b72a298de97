/**
 * A monitor stopped (an upgrade, a crash) hears nothing meanwhile, and the kiosks it had seen come
 * back to its broker over their reconnect back-off (up to a minute). Its sweep counted their silence
 * from their last message: after any stop longer than three heartbeats, the first sweep called the
 * whole fleet offline (HEARTBEAT_MISSED), a thousand alerts raised and cleared again within a minute.
 * Silence now counts from when the ingest began to hear the fleet, for a kiosk last seen before it.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { statusInService } from '../contract/release-before.spec-support.js';
import { FleetIngest } from './fleet-ingest.js';

let store: SqliteFleetStore;
let clock: Date;
const later = (seconds: number): void => void (clock = new Date(clock.getTime() + seconds * 1000));

beforeEach(() => {
  store = new SqliteFleetStore(':memory:');
  clock = new Date('2026-11-26T20:00:00.000Z');
});
afterEach(() => store.close());

const status = (kioskId: string): Buffer =>
  Buffer.from(JSON.stringify(statusInService({ kioskId, at: clock.toISOString() })));

describe('kiosks called offline after a monitor restart', () => {
  it('a stop of five minutes calls no kiosk offline at once; one still silent three heartbeats after the start is', async () => {
    const before = new FleetIngest(store, () => clock);
    for (const id of ['k1', 'k2']) await before.accept(`kiosk/${id}/status`, status(id));
    later(300); // the monitor is down for five minutes
    const after = new FleetIngest(store, () => clock);
    later(1);
    expect(await after.sweepSilentKiosks()).toEqual([]);
    expect(await store.activeAlerts()).toEqual([]);
    // k1 reconnects after its back-off; k2 never comes back
    later(20);
    await after.accept('kiosk/k1/status', status('k1'));
    later(10);
    expect(await after.sweepSilentKiosks()).toEqual(['k2']);
    expect(await store.activeAlerts()).toMatchObject([
      { kioskId: 'k2', kind: 'offline', code: 'HEARTBEAT_MISSED' },
    ]);
  });

  it('a kiosk seen after the start is counted from its own last message, as before', async () => {
    const ingest = new FleetIngest(store, () => clock);
    later(100);
    await ingest.accept('kiosk/k1/status', status('k1'));
    later(30);
    expect(await ingest.sweepSilentKiosks()).toEqual([]);
    later(1);
    expect(await ingest.sweepSilentKiosks()).toEqual(['k1']);
  });
});

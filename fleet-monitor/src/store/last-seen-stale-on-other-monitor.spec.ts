/**
 * Fault: with several monitors on one PostgreSQL, a kiosk's heartbeats reach one of them (shared
 * subscriptions) and were not relayed, so the once-a-minute refresh of a kiosk's row for its
 * last-seen time (`LAST_SEEN_PUSH_EVERY_MS`) reached only the pages on that monitor: on the others a
 * kiosk heard by its heartbeats alone showed its last status's time for hours. The relay now tells
 * a kiosk's heartbeat to the others at most every `HEARTBEAT_RELAY_EVERY_MS`. Two ingests on one
 * store, linked by `relayIngest` as the PostgreSQL change feed links them, each with its page's feed.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FleetIngest } from '../alerts/fleet-ingest.js';
import { DashboardFeed, LAST_SEEN_PUSH_EVERY_MS, type FleetChanges } from '../dashboard/dashboard-feed.js';
import { HEARTBEAT_RELAY_EVERY_MS, relayIngest } from './change-relay.js';
import type { FleetChange } from './postgres-change-feed.js';
import { SqliteFleetStore } from './sqlite-fleet-store.js';

let clock: number;
let store: SqliteFleetStore;
let a: FleetIngest;
let b: FleetIngest;
let pagesOnB: FleetChanges[];
let feedOnB: DashboardFeed;

beforeEach(async () => {
  clock = Date.parse('2026-11-29T10:00:00.000Z');
  store = new SqliteFleetStore(':memory:');
  a = new FleetIngest(store, () => new Date(clock));
  b = new FleetIngest(store, () => new Date(clock));
  // the change feed: what one tells, the other takes (NOTIFY to every other monitor)
  const takeOnA = relayIngest(
    a,
    (change) => takeOnB(change),
    () => clock,
  );
  const takeOnB = relayIngest(
    b,
    (change) => takeOnA(change),
    () => clock,
  );
  pagesOnB = [];
  feedOnB = new DashboardFeed(
    async (changes) => void pagesOnB.push(changes),
    () => clock,
  );
  feedOnB.follow(b);
  // the status reaches both monitors
  const status = {
    connection: 'online',
    kioskId: 'k1',
    mode: 'inService',
    version: '1',
    journeysOffered: [],
    devices: [],
    heartbeatIntervalS: 10,
    at: new Date(clock).toISOString(),
  };
  for (const ingest of [a, b]) await ingest.accept('kiosk/k1/status', Buffer.from(JSON.stringify(status)));
  await feedOnB.settled();
  pagesOnB.length = 0;
});
afterEach(() => {
  feedOnB.stop();
  store.close();
});

/** heartbeats of k1 every 10 s for `minutes`, all taken by monitor A */
async function heartbeatsOnA(minutes: number): Promise<void> {
  for (let seq = 1; seq <= minutes * 6; seq++) {
    clock += 10_000;
    const heartbeat = { kioskId: 'k1', seq, at: new Date(clock).toISOString(), uptimeS: seq * 10, queued: 0 };
    await a.accept('kiosk/k1/heartbeat', Buffer.from(JSON.stringify(heartbeat)));
    await feedOnB.settled();
  }
}

describe('last-seen-stale-on-other-monitor', () => {
  it('last-seen-stale-on-other-monitor: heartbeats taken by monitor A refresh the row on a page of monitor B once a minute', async () => {
    await heartbeatsOnA(5);
    const rowsOfK1 = pagesOnB.filter((changes) => changes.kiosks.has('k1')).length;
    // a minute or so apart: at least one a minute after the first, never one per heartbeat
    expect(rowsOfK1).toBeGreaterThanOrEqual(4);
    expect(rowsOfK1).toBeLessThanOrEqual(5);
    expect(HEARTBEAT_RELAY_EVERY_MS).toBeLessThan(LAST_SEEN_PUSH_EVERY_MS);
  });

  it("a monitor tells a kiosk's heartbeat at most every HEARTBEAT_RELAY_EVERY_MS, and never tells back what it took", async () => {
    const relayed: FleetChange[] = [];
    const c = new FleetIngest(store, () => new Date(clock));
    const takeOnC = relayIngest(
      c,
      (change) => relayed.push(change),
      () => clock,
    );
    for (let seq = 1; seq <= 18; seq++) {
      clock += 10_000;
      const heartbeat = {
        kioskId: 'k1',
        seq,
        at: new Date(clock).toISOString(),
        uptimeS: seq * 10,
        queued: 0,
      };
      await c.accept('kiosk/k1/heartbeat', Buffer.from(JSON.stringify(heartbeat)));
    }
    expect(relayed).toHaveLength(Math.ceil((18 * 10_000) / HEARTBEAT_RELAY_EVERY_MS));
    relayed.length = 0;
    takeOnC({ kind: 'handled', topic: 'kiosk/k2/heartbeat' });
    expect(relayed).toEqual([]);
  });
});

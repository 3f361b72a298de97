import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { FleetIngest } from '../alerts/fleet-ingest.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { DashboardFeed, LAST_SEEN_PUSH_EVERY_MS, type FleetChanges } from './dashboard-feed.js';

function status(kioskId: string, paper: 'ok' | 'low'): Buffer {
  return Buffer.from(
    JSON.stringify({
      connection: 'online',
      kioskId,
      mode: 'inService',
      version: '1',
      journeysOffered: [],
      devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: paper }] }],
      heartbeatIntervalS: 10,
      at: new Date().toISOString(),
    }),
  );
}

describe('dashboard feed', () => {
  it('pushes the kiosks that changed once per turn, with whether alerts or daily counts changed', async () => {
    const store = new SqliteFleetStore(':memory:');
    const ingest = new FleetIngest(store);
    const pushes: FleetChanges[] = [];
    const feed = new DashboardFeed(async (changes) => void pushes.push(changes));
    feed.follow(ingest);
    await ingest.accept('kiosk/k1/status', status('k1', 'ok'));
    await ingest.accept('kiosk/k2/status', status('k2', 'ok'));
    await ingest.accept('kiosk/k1/status', status('k1', 'low'));
    await feed.settled();
    expect(pushes).toEqual([{ kiosks: new Set(['k1', 'k2']), alerts: true, stats: false }]);

    const journey = {
      id: randomUUID(),
      kioskId: 'k2',
      seq: 0,
      at: new Date().toISOString(),
      type: 'journeyOutcome',
      journey: 'withdraw',
      outcome: 'completed',
      durationMs: 1,
    };
    await ingest.accept('kiosk/k2/events', Buffer.from(JSON.stringify(journey)));
    await feed.settled();
    expect(pushes[1]).toEqual({ kiosks: new Set(['k2']), alerts: false, stats: true });
    feed.stop();
    await store.close();
  });

  it('heartbeats push nothing unless they bring a kiosk back; a refused message pushes nothing', async () => {
    const store = new SqliteFleetStore(':memory:');
    const ingest = new FleetIngest(store);
    const pushes: FleetChanges[] = [];
    await ingest.accept('kiosk/k1/status', status('k1', 'ok'));
    const feed = new DashboardFeed(async (changes) => void pushes.push(changes));
    feed.follow(ingest);
    const heartbeat = { kioskId: 'k1', seq: 1, at: new Date().toISOString(), uptimeS: 5, queued: 0 };
    await ingest.accept('kiosk/k1/heartbeat', Buffer.from(JSON.stringify(heartbeat)));
    await ingest.accept('nobody/k1/status', status('k1', 'ok'));
    await feed.settled();
    expect(pushes).toEqual([]);
    feed.stop();
    await store.close();
  });

  it('last seen left hours behind a kiosk heard every heartbeat: its row goes again once a minute', async () => {
    const store = new SqliteFleetStore(':memory:');
    const ingest = new FleetIngest(store);
    const pushes: FleetChanges[] = [];
    let clock = 0;
    const feed = new DashboardFeed(
      async (changes) => void pushes.push(changes),
      () => clock,
    );
    feed.follow(ingest);
    await ingest.accept('kiosk/k1/status', status('k1', 'ok'));
    await feed.settled();
    pushes.length = 0;
    const heartbeat = (seq: number): Promise<void> =>
      ingest.accept(
        'kiosk/k1/heartbeat',
        Buffer.from(
          JSON.stringify({ kioskId: 'k1', seq, at: new Date().toISOString(), uptimeS: 5, queued: 0 }),
        ),
      );
    for (let seq = 1; seq <= 5; seq++) {
      clock += 10_000;
      await heartbeat(seq);
    }
    await feed.settled();
    expect(pushes).toEqual([]);
    clock += LAST_SEEN_PUSH_EVERY_MS - 50_000;
    await heartbeat(6);
    await feed.settled();
    expect(pushes).toEqual([{ kiosks: new Set(['k1']), alerts: false, stats: false }]);
    clock += 10_000;
    await heartbeat(7);
    await feed.settled();
    expect(pushes).toHaveLength(1);
    feed.stop();
    await store.close();
  });

  it('push failure: the next changes are pushed all the same', async () => {
    const pushes: FleetChanges[] = [];
    let fail = true;
    const feed = new DashboardFeed(async (changes) => {
      if (fail) {
        fail = false;
        throw new Error('store closed');
      }
      pushes.push(changes);
    });
    feed.kiosk('k1');
    await feed.settled();
    feed.kiosk('k2', true);
    await feed.settled();
    expect(pushes).toEqual([{ kiosks: new Set(['k2']), alerts: true, stats: false }]);
  });
});

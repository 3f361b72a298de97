/**
 * The large-fleet path: two fleet monitors as clients of one real Mosquitto (shared
 * subscriptions, per-kiosk password and ACL files from write-broker-files) writing to one
 * PostgreSQL database. Faults: the ingest split between two monitors with no event lost or
 * doubled, the same event delivered twice (to both monitors), a monitor stopping mid-stream.
 * With CI=true a missing Mosquitto or PostgreSQL fails the suite (see externalStack).
 */
import { afterAll, afterEach, beforeAll, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { eventually } from '@kiosk/domain/testing';
import {
  createTestDatabase,
  FleetMonitor,
  startTestMosquitto,
  type ExternalStack,
  type TestDatabase,
  type TestMosquitto,
} from '../src/index.js';
import { describeOnExternalStack, monitorConfigOn } from './on-mosquitto.js';

const KIOSKS = ['hall1-k01', 'hall1-k02', 'hall2-k01'];
const SECRETS = {
  kiosks: Object.fromEntries(KIOSKS.map((id) => [id, `secret-of-${id}`])),
  monitors: { 'fleet-monitor': 'monitor-secret' },
};

describeOnExternalStack('fleet monitors on Mosquitto + PostgreSQL', describeOnStack);

function describeOnStack(_stack: ExternalStack): void {
  jest.setTimeout(30_000);
  let broker: TestMosquitto;
  let db: TestDatabase;
  const monitors: FleetMonitor[] = [];
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    broker = await startTestMosquitto(SECRETS);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.endAsync(true);
    for (const monitor of monitors.splice(0)) await monitor.stop();
    await db?.drop();
  });
  afterAll(async () => {
    await broker?.close();
  });

  async function monitor(name: string): Promise<FleetMonitor> {
    const fleet = new FleetMonitor(
      monitorConfigOn(broker, db.url, {
        clientId: `${name}-${randomUUID().slice(0, 8)}`,
        sweepIntervalMs: 60_000,
      }),
    );
    await fleet.start();
    monitors.push(fleet);
    return fleet;
  }

  async function kiosk(id: string): Promise<MqttClient> {
    const client = await connectAsync(broker.url, {
      clientId: id,
      username: id,
      password: SECRETS.kiosks[id],
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    clients.push(client);
    return client;
  }

  const event = (kioskId: string, seq: number, id = randomUUID()): string =>
    JSON.stringify({
      id,
      kioskId,
      seq,
      at: new Date().toISOString(),
      type: 'journeyOutcome',
      journey: 'balance',
      outcome: 'completed',
      durationMs: 5,
    });

  const storedEvents = async (fleet: FleetMonitor): Promise<number> => {
    let total = 0;
    for (const id of KIOSKS) total += (await fleet.store.recentEvents(id, 10_000)).length;
    return total;
  };

  it('two monitors split the ingest: every event stored once, each monitor took a share', async () => {
    db = await createTestDatabase(_stack.postgresUrl);
    const a = await monitor('monitor-a');
    const b = await monitor('monitor-b');
    const perKiosk = 100;
    await Promise.all(
      KIOSKS.map(async (id) => {
        const client = await kiosk(id);
        for (let seq = 0; seq < perKiosk; seq++)
          await client.publishAsync(`kiosk/${id}/events`, event(id, seq), { qos: 1 });
      }),
    );
    const total = perKiosk * KIOSKS.length;
    await eventually(
      () => a.ingest.counters.events + b.ingest.counters.events >= total,
      'every event reaches a monitor',
      { withinMs: 20_000 },
    );
    expect(await storedEvents(a)).toBe(total);
    expect(a.ingest.counters.events + b.ingest.counters.events).toBe(total);
    expect(a.ingest.counters.duplicateEvents + b.ingest.counters.duplicateEvents).toBe(0);
    expect(a.ingest.counters.events).toBeGreaterThan(0);
    expect(b.ingest.counters.events).toBeGreaterThan(0);
    const stats = await b.store.dailyCounts(new Date().toISOString().slice(0, 10));
    expect(stats).toEqual([expect.objectContaining({ completed: total })]);
  });

  it('the same event delivered twice, once to each monitor: stored once, counted once', async () => {
    db = await createTestDatabase(_stack.postgresUrl);
    const a = await monitor('monitor-a');
    const b = await monitor('monitor-b');
    const id = randomUUID();
    const body = Buffer.from(event('hall1-k01', 0, id));
    await Promise.all([
      a.ingest.accept('kiosk/hall1-k01/events', body),
      b.ingest.accept('kiosk/hall1-k01/events', body),
    ]);
    expect(await a.store.recentEvents('hall1-k01')).toHaveLength(1);
    expect(a.ingest.counters.events + b.ingest.counters.events).toBe(1);
    expect(a.ingest.counters.duplicateEvents + b.ingest.counters.duplicateEvents).toBe(1);
  });

  it('a monitor stopping mid-stream: the other takes over its share, nothing is lost', async () => {
    db = await createTestDatabase(_stack.postgresUrl);
    const a = await monitor('monitor-a');
    const b = await monitor('monitor-b');
    const client = await kiosk('hall2-k01');
    for (let seq = 0; seq < 50; seq++)
      await client.publishAsync('kiosk/hall2-k01/events', event('hall2-k01', seq), { qos: 1 });
    await b.stop();
    monitors.splice(monitors.indexOf(b), 1);
    for (let seq = 50; seq < 100; seq++)
      await client.publishAsync('kiosk/hall2-k01/events', event('hall2-k01', seq), { qos: 1 });
    await eventually(
      async () => (await a.store.recentEvents('hall2-k01', 1000)).length === 100,
      'all 100 events stored',
      { withinMs: 20_000 },
    );
    const seqs = (await a.store.recentEvents('hall2-k01', 1000))
      .map((stored) => stored.seq)
      .sort((x, y) => x - y);
    expect(seqs).toEqual([...Array(100).keys()]);
  });

  it("what one monitor stored reaches the other's listeners (the dashboard): the event and its alert, once", async () => {
    db = await createTestDatabase(_stack.postgresUrl);
    const a = await monitor('monitor-a');
    const b = await monitor('monitor-b');
    const heard = (fleet: FleetMonitor): { alerts: string[]; events: string[]; topics: string[] } => {
      const log = { alerts: [] as string[], events: [] as string[], topics: [] as string[] };
      fleet.ingest.on('alertRaised', (alert) => log.alerts.push(alert.key));
      fleet.ingest.on('event', (stored) => log.events.push(stored.id));
      fleet.ingest.on('handled', (topic) => log.topics.push(topic));
      return log;
    };
    const [heardA, heardB] = [heard(a), heard(b)];
    const client = await kiosk('hall1-k01');
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const [seq, id] of ids.entries())
      await client.publishAsync(
        'kiosk/hall1-k01/events',
        JSON.stringify({
          id,
          kioskId: 'hall1-k01',
          seq,
          at: new Date().toISOString(),
          type: 'anomaly',
          code: 'DOOR_OPENED',
        }),
        { qos: 1 },
      );
    // an alert is told before its event, and its event before `handled`: wait for all three
    await eventually(
      () =>
        [heardA, heardB].every(
          (log) =>
            log.alerts.length === ids.length &&
            log.events.length === ids.length &&
            log.topics.filter((topic) => topic === 'kiosk/hall1-k01/events').length === ids.length,
        ),
      'both monitors hear every alert, event and message',
      { withinMs: 10_000 },
    );
    for (const log of [heardA, heardB]) {
      expect(log.alerts.sort()).toEqual(ids.map((id) => `anomaly/${id}`).sort());
      expect(log.events.sort()).toEqual([...ids].sort());
      expect(log.topics.filter((topic) => topic === 'kiosk/hall1-k01/events')).toHaveLength(ids.length);
    }
    // each was stored by one of them
    expect(a.ingest.counters.events + b.ingest.counters.events).toBe(ids.length);
    expect(await a.store.activeAlerts()).toHaveLength(ids.length);
  });

  it('statuses reach every monitor (not shared): a supply alert is raised once in the database', async () => {
    db = await createTestDatabase(_stack.postgresUrl);
    const a = await monitor('monitor-a');
    const b = await monitor('monitor-b');
    const client = await kiosk('hall1-k02');
    const status = {
      connection: 'online',
      kioskId: 'hall1-k02',
      mode: 'degraded',
      version: '0.1.0',
      hallId: 'hall1',
      journeysOffered: ['balance'],
      devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'empty' }] }],
      heartbeatIntervalS: 10,
      at: new Date().toISOString(),
    };
    await client.publishAsync('kiosk/hall1-k02/status', JSON.stringify(status), { qos: 1, retain: true });
    await eventually(
      () => a.ingest.counters.status === 1 && b.ingest.counters.status === 1,
      'both monitors see the status',
      { withinMs: 15_000 },
    );
    await Promise.all([a.ingest.settled(), b.ingest.settled()]);
    expect(await a.store.activeAlerts()).toEqual([
      expect.objectContaining({
        kioskId: 'hall1-k02',
        kind: 'supplyEmpty',
        key: 'supply/receiptPrinter/paper',
      }),
    ]);
    expect((await b.store.kiosk('hall1-k02'))?.status?.hallId).toBe('hall1');
    // clear the retained status for the next tests of this broker
    await client.publishAsync('kiosk/hall1-k02/status', '', { qos: 1, retain: true });
  });
}

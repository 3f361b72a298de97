/**
 * What the broker-outage specs share: a real Mosquitto with per-kiosk password and ACL files, two
 * fleet monitors sharing the ingest behind a TCP gate (so a spec can keep them away from the
 * broker), one PostgreSQL database, a folder for the kiosk's files, and one kiosk publisher at a
 * time. Every wait on the broker, the kiosk or a monitor is bounded (`within`, `eventually`): a
 * failure names what did not happen.
 */
import { afterAll, afterEach, beforeAll, jest } from '@jest/globals';
import type { MqttClient } from 'mqtt';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  ExternalBroker,
  FleetMonitor,
  openTcpGate,
  startTestMosquitto,
  type ExternalStack,
  type TcpGate,
  type TestDatabase,
  type TestMosquitto,
} from '@kiosk/fleet-monitor';
import { monitorConfigOn } from '../../fleet-monitor/src/testing/monitor-config-on.js';
import { FleetPublisher, type FleetPublisherOptions } from '../src/telemetry/mqtt/fleet-publisher.js';

export const SECRETS = {
  kiosks: { 'JZ-0001': 'secret-of-jz-0001' },
  monitors: { 'fleet-monitor': 'monitor-secret' },
};

/** `work`, or a failure naming what did not happen within `ms` (rather than Jest's test timeout) */
export async function within<T>(what: string, work: Promise<T>, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting until ${what}`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface OutageStack {
  readonly broker: TestMosquitto;
  readonly monitors: readonly [FleetMonitor, FleetMonitor];
  /** between the monitors and Mosquitto */
  readonly monitorGate: TcpGate;
  /** the kiosk's folder (queue and replies files) */
  readonly dir: string;
  /** the kiosk JZ-0001 on `url` (Mosquitto's own unless given), stopped after the test */
  kiosk(options: Partial<FleetPublisherOptions> & Pick<FleetPublisherOptions, 'onCommand'>): FleetPublisher;
  /** a TCP gate in front of Mosquitto, closed after the test */
  gate(): Promise<TcpGate>;
  /** a plain MQTT client of the test's, ended after it */
  keep(client: MqttClient): MqttClient;
  /** how many times each monitor has subscribed */
  subscriptions(): number[];
}

/** Registers the suite's hooks; what they set up is read from the returned object inside tests. */
export function outageStack(stack: ExternalStack): OutageStack {
  jest.setTimeout(30_000);
  let broker: TestMosquitto;
  let db: TestDatabase;
  let dir: string;
  let monitorGate: TcpGate;
  const monitors: FleetMonitor[] = [];
  let kiosk: FleetPublisher | undefined;
  const gates: TcpGate[] = [];
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    broker = await startTestMosquitto(SECRETS);
    monitorGate = await openTcpGate(broker.port);
    db = await createTestDatabase(stack.postgresUrl, 'kiosk_fleet');
    dir = mkdtempSync(join(tmpdir(), 'fleet-outage-'));
    for (const name of ['monitor-a', 'monitor-b']) {
      const monitor = new FleetMonitor(
        monitorConfigOn(broker, db.url, {
          clientId: `outage-${name}`,
          sweepIntervalMs: 60_000,
          withoutKiosks: true,
          url: monitorGate.url,
          reconnectPeriodMs: 100,
        }),
      );
      await within(`${name} is subscribed`, monitor.start(), 10_000);
      monitors.push(monitor);
    }
  });
  afterEach(async () => {
    broker.thaw();
    await kiosk?.stop();
    kiosk = undefined;
    for (const client of clients.splice(0))
      await within('a plain subscriber has disconnected', client.endAsync());
    for (const gate of gates.splice(0)) await gate.close();
  });
  afterAll(async () => {
    for (const monitor of monitors.splice(0)) await within('a monitor has stopped', monitor.stop(), 15_000);
    await monitorGate?.close();
    await db?.drop();
    await broker?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    get broker() {
      return broker;
    },
    get monitors() {
      return monitors as unknown as readonly [FleetMonitor, FleetMonitor];
    },
    get monitorGate() {
      return monitorGate;
    },
    get dir() {
      return dir;
    },
    kiosk(options) {
      kiosk = new FleetPublisher({
        url: broker.url,
        kioskId: 'JZ-0001',
        password: SECRETS.kiosks['JZ-0001'],
        version: '0.1.0-test',
        reconnectPeriodMs: 100,
        ...options,
      });
      return kiosk;
    },
    async gate() {
      const gate = await openTcpGate(broker.port);
      gates.push(gate);
      return gate;
    },
    keep(client) {
      clients.push(client);
      return client;
    },
    subscriptions: () => monitors.map((monitor) => (monitor.broker as ExternalBroker).subscribed),
  };
}

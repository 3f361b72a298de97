/**
 * A fleet monitor that crashes (SIGKILL, no clean stop) on Mosquitto: its persistent session stays
 * in the shared group, and Mosquitto goes on handing it its share of the kiosks' messages, queued
 * for nobody, until the session expires (`--broker-session-expiry`, 5 s here, 30 s by default).
 * After that the other monitor gets every message. With CI=true a missing Mosquitto or PostgreSQL
 * fails the suite (see externalStack). Needs the monitor's dist (the crashing one is a process).
 */
import { afterAll, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { eventually } from '@kiosk/domain/testing';
import {
  createTestDatabase,
  FleetMonitor,
  startTestMosquitto,
  type TestDatabase,
  type TestMosquitto,
} from '../src/index.js';
import { startMonitor, type MonitorProcess } from './monitor-process.js';
import { describeOnExternalStack, monitorConfigOn, monitorProcessOn } from './on-mosquitto.js';

const SECRETS = {
  kiosks: { 'hall1-k01': 'secret-of-hall1-k01' },
  monitors: { 'fleet-monitor': 'monitor-secret' },
};

describeOnExternalStack('a fleet monitor crashing on Mosquitto', (stack) => {
  jest.setTimeout(40_000);
  /** the crashed monitor's session expiry: the kiosk must connect and publish its first events within it */
  const EXPIRY_S = 5;
  let broker: TestMosquitto | undefined;
  let db: TestDatabase | undefined;
  let survivor: FleetMonitor | undefined;
  let crashing: MonitorProcess | undefined;
  let kiosk: MqttClient | undefined;
  afterAll(async () => {
    await kiosk?.endAsync(true);
    await crashing?.stop();
    await survivor?.stop();
    await db?.drop();
    await broker?.close();
  });

  const event = (seq: number): { id: string; body: string } => {
    const id = randomUUID();
    const at = new Date().toISOString();
    const body = { id, kioskId: 'hall1-k01', seq, at, type: 'anomaly', code: 'DOOR_OPENED' };
    return { id, body: JSON.stringify(body) };
  };

  const onlineStatus = (at: string): string =>
    JSON.stringify({
      connection: 'online',
      kioskId: 'hall1-k01',
      mode: 'inService',
      version: '0.1.0',
      journeysOffered: ['balance'],
      devices: [],
      heartbeatIntervalS: 10,
      at,
    });

  it('a crashed monitor takes its share only until its session expires; then the other monitor gets it all', async () => {
    broker = await startTestMosquitto(SECRETS);
    db = await createTestDatabase(stack.postgresUrl);
    survivor = new FleetMonitor(
      monitorConfigOn(broker, db.url, {
        clientId: `survivor-${randomUUID().slice(0, 8)}`,
        sweepIntervalMs: 60_000,
        withoutKiosks: true,
      }),
    );
    await survivor.start();
    crashing = await startMonitor(
      {},
      monitorProcessOn(broker, db.url, `crashing-${randomUUID().slice(0, 8)}`, [
        '--broker-session-expiry',
        String(EXPIRY_S),
      ]),
    );
    await crashing.crash();
    const crashedAt = Date.now();
    kiosk = await connectAsync(broker.url, {
      clientId: 'hall1-k01',
      username: 'hall1-k01',
      password: SECRETS.kiosks['hall1-k01'],
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    const stored = async (): Promise<Set<string>> =>
      new Set((await survivor!.store.recentEvents('hall1-k01', 1000)).map((row) => row.id));

    // within the session's expiry: part of what the kiosk sends is queued for the dead monitor
    const early = [...Array(10).keys()].map(event);
    for (const { body } of early) await kiosk.publishAsync('kiosk/hall1-k01/events', body, { qos: 1 });
    // then a status: not shared, every monitor's own, it reaches the survivor behind its share of
    // the events on the same connection, and a monitor takes a kiosk's messages in turn: stored,
    // the survivor's share is stored whole
    const after = new Date().toISOString();
    await kiosk.publishAsync('kiosk/hall1-k01/status', onlineStatus(after), { qos: 1 });
    await eventually(
      async () => (await survivor!.store.kiosk('hall1-k01'))?.status?.at === after,
      'the survivor stores the status sent after the events',
      { withinMs: 15_000 },
    );
    const storedEarly = (await stored()).size;
    expect(storedEarly).toBeGreaterThan(0);
    expect(storedEarly).toBeLessThan(10);

    // once the session expired, the survivor takes everything
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, crashedAt + EXPIRY_S * 1000 + 1500 - Date.now())),
    );
    const late = [...Array(20).keys()].map((seq) => event(10 + seq));
    for (const { body } of late) await kiosk.publishAsync('kiosk/hall1-k01/events', body, { qos: 1 });
    await eventually(
      async () => {
        const ids = await stored();
        return late.every(({ id }) => ids.has(id));
      },
      'every event sent after the expiry is stored by the survivor',
      { withinMs: 10_000 },
    );
    expect((await stored()).size).toBe(storedEarly + 20);
  });
});

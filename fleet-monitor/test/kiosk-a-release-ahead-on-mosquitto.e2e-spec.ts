/**
 * A kiosk one release ahead of its fleet monitor (ADR 0018), through a real Mosquitto, the monitor
 * on PostgreSQL: its status naming a device kind, a device state and a field the monitor does not
 * know, and an event of a type it does not know, are stored and acknowledged to the kiosk (so its
 * queue lets them go), the known parts raising their alerts, the unknown ones named once.
 * With CI=true a missing Mosquitto or PostgreSQL fails the suite.
 */
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { eventually } from '@kiosk/domain/testing';
import {
  createTestDatabase,
  FleetMonitor,
  type TestDatabase,
  type TestMosquitto,
  startTestMosquitto,
} from '../src/index.js';
import { describeOnExternalStack, monitorConfigOn } from './on-mosquitto.js';

describeOnExternalStack('a kiosk a release ahead on Mosquitto', (stack) => {
  jest.setTimeout(30_000);
  let broker: TestMosquitto;
  let db: TestDatabase;
  let fleet: FleetMonitor;
  let kiosk: MqttClient;

  beforeAll(async () => {
    broker = await startTestMosquitto({
      kiosks: { 'JZ-0009': 'secret-of-jz9' },
      monitors: { 'fleet-monitor': 'monitor-secret' },
    });
    db = await createTestDatabase(stack.postgresUrl);
    fleet = new FleetMonitor(
      monitorConfigOn(broker, db.url, { clientId: 'fleet-monitor-ahead-test', sweepIntervalMs: 60_000 }),
    );
    await fleet.start();
    kiosk = await connectAsync(broker.url, {
      clientId: 'JZ-0009',
      username: 'JZ-0009',
      password: 'secret-of-jz9',
      protocolVersion: 5,
      reconnectPeriod: 0,
    });
  });
  afterAll(async () => {
    if (kiosk) {
      await kiosk.publishAsync('kiosk/JZ-0009/status', '', { qos: 1, retain: true }).catch(() => undefined);
      await kiosk.endAsync(true);
    }
    await fleet?.stop();
    await db?.drop();
    await broker?.close();
  });

  it("a newer kiosk's unknown device, state, field and event type: kept on the dashboard, its alerts raised, its events acknowledged", async () => {
    const acked: string[] = [];
    kiosk.on('message', (_topic, payload) =>
      acked.push(...(JSON.parse(payload.toString()) as { ids: string[] }).ids),
    );
    await kiosk.subscribeAsync('kiosk/JZ-0009/events/ack', { qos: 1 });
    const at = new Date().toISOString();
    await kiosk.publishAsync(
      'kiosk/JZ-0009/status',
      JSON.stringify({
        connection: 'online',
        kioskId: 'JZ-0009',
        mode: 'degraded',
        version: '2.0.0',
        journeysOffered: ['balance'],
        devices: [
          { kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'empty' }] },
          { kind: 'coinHopper', device: 'sleeping', supplies: [], firmware: '2.1' },
        ],
        heartbeatIntervalS: 10,
        at,
      }),
      { qos: 1, retain: true },
    );
    const events = [
      {
        id: randomUUID(),
        kioskId: 'JZ-0009',
        seq: 1,
        at,
        type: 'coinJam',
        device: 'coinHopper',
        code: 'COIN_JAM',
      },
      {
        id: randomUUID(),
        kioskId: 'JZ-0009',
        seq: 2,
        at,
        type: 'deviceFault',
        device: 'coinHopper',
        code: 'COIN_JAM',
      },
    ];
    for (const event of events)
      await kiosk.publishAsync('kiosk/JZ-0009/events', JSON.stringify(event), { qos: 1 });

    await eventually(async () => acked.length >= 2, 'both events acknowledged to the kiosk', {
      withinMs: 20_000,
    });
    expect(acked.sort()).toEqual(events.map((event) => event.id).sort());
    expect((await fleet.store.kiosk('JZ-0009'))?.status?.devices).toEqual([
      { kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'empty' }] },
      { kind: 'coinHopper', device: 'sleeping', supplies: [] },
    ]);
    expect((await fleet.store.activeAlerts()).map((alert) => `${alert.key} ${alert.code}`).sort()).toEqual([
      'fault/coinHopper COIN_JAM',
      'supply/receiptPrinter/paper empty',
    ]);
    expect((await fleet.store.recentEvents('JZ-0009')).map((event) => event.type).sort()).toEqual([
      'deviceFault',
      'unknownType',
    ]);
    expect(fleet.newerKioskParts.map((unknown) => unknown.part).sort()).toEqual(
      [
        'field devices.1.firmware',
        'value devices.1.device=sleeping',
        'value devices.1.kind=coinHopper',
        'value device=coinHopper',
        'value type=coinJam',
      ].sort(),
    );
  });
});

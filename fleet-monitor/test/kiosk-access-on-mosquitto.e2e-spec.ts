/**
 * Per-kiosk credentials and ACL on a real Mosquitto, from the files write-broker-files makes, with
 * a fleet monitor on PostgreSQL behind it. Faults: forged kiosk credentials refused, a kiosk
 * publishing or subscribing outside its own topics refused, a command to the wrong kiosk never
 * delivered, a kiosk dying (last will → offline alert within the heartbeat window).
 * With CI=true a missing Mosquitto or PostgreSQL fails the suite.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { once, type EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { eventually } from '@kiosk/domain/testing';
import {
  createTestDatabase,
  FleetMonitor,
  type TestDatabase,
  type TestMosquitto,
  startTestMosquitto,
} from '../src/index.js';
import { describeOnExternalStack, monitorConfigOn } from './on-mosquitto.js';

/**
 * The client's next message as [topic, payload]. mqtt's client is a typed emitter that node's
 * `once` takes at run time but not in its types.
 */
function nextMessage(client: MqttClient): Promise<[string, Buffer]> {
  return once(client as unknown as EventEmitter, 'message') as Promise<[string, Buffer]>;
}

const SECRETS = {
  kiosks: { k1: 'secret-of-k1', k2: 'secret-of-k2' },
  monitors: { 'fleet-monitor': 'monitor-secret' },
};

describeOnExternalStack('kiosk access on Mosquitto', (stack) => {
  jest.setTimeout(20_000);
  let broker: TestMosquitto;
  let db: TestDatabase;
  let fleet: FleetMonitor;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    broker = await startTestMosquitto(SECRETS);
    db = await createTestDatabase(stack.postgresUrl);
    fleet = new FleetMonitor(
      monitorConfigOn(broker, db.url, { clientId: 'fleet-monitor-access-test', sweepIntervalMs: 100 }),
    );
    await fleet.start();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.endAsync(true);
  });
  afterAll(async () => {
    await fleet?.stop();
    await db?.drop();
    await broker?.close();
  });

  const kiosk = async (id: string, password: string, options: IClientOptions = {}): Promise<MqttClient> => {
    const client = await connectAsync(broker.url, {
      clientId: id,
      username: id,
      password,
      protocolVersion: 5,
      reconnectPeriod: 0,
      ...options,
    });
    clients.push(client);
    return client;
  };

  const onlineStatus = (kioskId: string, heartbeatIntervalS = 10): string =>
    JSON.stringify({
      connection: 'online',
      kioskId,
      mode: 'inService',
      version: '0.1.0',
      journeysOffered: ['balance'],
      devices: [],
      heartbeatIntervalS,
      at: new Date().toISOString(),
    });

  describe('forged kiosk credentials', () => {
    // Mosquitto 2.0 answers a CONNECT with bad credentials "not authorized" (0x87) under MQTT v5
    it('refuses a wrong password, and lets the right one in', async () => {
      await expect(kiosk('k1', 'secret-of-k2')).rejects.toMatchObject({ code: 135 });
      expect((await kiosk('k1', 'secret-of-k1')).connected).toBe(true);
    });

    it('refuses a kiosk id that is not in the fleet', async () => {
      await expect(kiosk('k9', 'secret-of-k1')).rejects.toMatchObject({ code: 135 });
    });

    it("refuses the monitor's own name with a kiosk's password", async () => {
      await expect(kiosk('fleet-monitor', 'secret-of-k1')).rejects.toMatchObject({ code: 135 });
    });
  });

  describe('a kiosk outside its own topics', () => {
    it("k1 publishing a status under k2's topic: refused (0x87), nothing stored for k2", async () => {
      const k1 = await kiosk('k1', 'secret-of-k1');
      await expect(k1.publishAsync('kiosk/k2/status', onlineStatus('k2'), { qos: 1 })).rejects.toMatchObject({
        code: 135,
      });
      // k1's own status goes through after it, so the refused one had its chance to arrive
      await k1.publishAsync('kiosk/k1/status', onlineStatus('k1'), { qos: 1 });
      await eventually(async () => (await fleet.store.kiosk('k1')) !== undefined, 'k1 is stored', {
        withinMs: 15_000,
      });
      expect(await fleet.store.kiosk('k2')).toBeUndefined();
      await k1.publishAsync('kiosk/k1/status', '', { qos: 1, retain: true });
    });

    it('a kiosk publishing on a command topic (only monitors send commands): refused', async () => {
      const k1 = await kiosk('k1', 'secret-of-k1');
      await expect(k1.publishAsync('kiosk/k2/commands', '{}', { qos: 1 })).rejects.toMatchObject({
        code: 135,
      });
      await expect(k1.publishAsync('kiosk/k1/commands', '{}', { qos: 1 })).rejects.toMatchObject({
        code: 135,
      });
    });
  });

  it("command to the wrong kiosk: k1 subscribing to k2's commands never gets them, only k2 does", async () => {
    const k1 = await kiosk('k1', 'secret-of-k1');
    const k2 = await kiosk('k2', 'secret-of-k2');
    // Mosquitto 2.0 grants the SUBACK and applies the read ACL to every message it would deliver
    await k1.subscribeAsync(['kiosk/k2/commands', 'kiosk/+/commands', 'kiosk/k1/commands'], { qos: 1 });
    await k2.subscribeAsync('kiosk/k2/commands', { qos: 1 });
    const k1Received: { topic: string; id: string }[] = [];
    k1.on('message', (topic, payload) =>
      k1Received.push({ topic, id: (JSON.parse(payload.toString()) as { id: string }).id }),
    );
    const k2Received = nextMessage(k2);

    const toK2 = await fleet.sendCommand('k2', { type: 'outOfService' }, 'ops');
    const [topic, payload] = await k2Received;
    expect(topic).toBe('kiosk/k2/commands');
    expect(JSON.parse(payload.toString())).toMatchObject({
      id: toK2.id,
      kioskId: 'k2',
      type: 'outOfService',
    });
    // k1's own command comes after k2's on the same session: once it is in, k2's would have been too
    const toK1 = await fleet.sendCommand('k1', { type: 'inService' }, 'ops');
    await eventually(() => k1Received.length > 0, "k1's own command arrives", { withinMs: 15_000 });
    // (once per matching subscription: kiosk/+/commands and kiosk/k1/commands)
    expect(new Set(k1Received.map((message) => `${message.topic} ${message.id}`))).toEqual(
      new Set([`kiosk/k1/commands ${toK1.id}`]),
    );
    expect((await fleet.store.commands('k2'))[0]).toMatchObject({ id: toK2.id, result: null });
  });

  it("event acks to the wrong kiosk: k1 reading k2's acks never gets them nor may forge one; each gets its own", async () => {
    const k1 = await kiosk('k1', 'secret-of-k1');
    const k2 = await kiosk('k2', 'secret-of-k2');
    await expect(k1.publishAsync('kiosk/k1/events/ack', '{}', { qos: 1 })).rejects.toMatchObject({
      code: 135,
    });
    // granted, but the read ACL keeps every message of another kiosk away (as with commands)
    await k1.subscribeAsync(['kiosk/k2/events/ack', 'kiosk/+/events/ack', 'kiosk/k1/events/ack'], { qos: 1 });
    await k2.subscribeAsync('kiosk/k2/events/ack', { qos: 1 });
    const k1Received: string[] = [];
    k1.on('message', (topic, payload) =>
      k1Received.push(`${topic} ${(JSON.parse(payload.toString()) as { ids: string[] }).ids.join()}`),
    );
    const event = (kioskId: string): { id: string } & Record<string, unknown> => ({
      id: randomUUID(),
      kioskId,
      seq: 0,
      at: new Date().toISOString(),
      type: 'retract', // raises no alert
      device: 'cardReader',
      item: 'card',
      code: 'CARD_NOT_TAKEN_RETRACTED',
    });
    const k2Acked = nextMessage(k2);
    const ofK2 = event('k2');
    await k2.publishAsync('kiosk/k2/events', JSON.stringify(ofK2), { qos: 1 });
    const [topic, payload] = await k2Acked;
    expect(topic).toBe('kiosk/k2/events/ack');
    expect(JSON.parse(payload.toString())).toMatchObject({ kioskId: 'k2', ids: [ofK2.id] });
    // k1's own ack comes after k2's: once it is in, k2's would have been too
    const ofK1 = event('k1');
    await k1.publishAsync('kiosk/k1/events', JSON.stringify(ofK1), { qos: 1 });
    await eventually(() => k1Received.length > 0, "k1's own ack arrives", { withinMs: 15_000 });
    expect(new Set(k1Received)).toEqual(new Set([`kiosk/k1/events/ack ${ofK1.id}`]));
  });

  it('a kiosk dying: the last will marks it offline and raises the alert within the heartbeat window', async () => {
    // a will fired by the keep-alive instead of the cut would come after 1.5 heartbeats: 5 s leaves
    // a loaded machine room while still telling the two apart
    const heartbeatS = 5;
    const will = JSON.stringify({
      connection: 'offline',
      kioskId: 'k1',
      cause: 'lastWill',
      at: new Date().toISOString(),
    });
    const k1 = await kiosk('k1', 'secret-of-k1', {
      keepalive: heartbeatS,
      will: { topic: 'kiosk/k1/status', payload: Buffer.from(will), qos: 1, retain: true },
    });
    await k1.publishAsync('kiosk/k1/status', onlineStatus('k1', heartbeatS), { qos: 1, retain: true });
    await eventually(async () => (await fleet.store.kiosk('k1'))?.connection === 'online', 'k1 is online', {
      withinMs: 15_000,
    });

    const raised = once(fleet.ingest, 'alertRaised');
    const cutAt = Date.now();
    k1.stream.destroy();
    const [alert] = (await raised) as [{ kioskId: string; kind: string; code: string }];
    expect(alert).toMatchObject({ kioskId: 'k1', kind: 'offline', code: 'LAST_WILL' });
    expect(Date.now() - cutAt).toBeLessThan(heartbeatS * 1000);
    expect((await fleet.store.kiosk('k1'))?.connection).toBe('offline');
    expect(await fleet.store.activeAlerts()).toEqual([
      expect.objectContaining({ kioskId: 'k1', kind: 'offline', code: 'LAST_WILL' }),
    ]);
  });
});

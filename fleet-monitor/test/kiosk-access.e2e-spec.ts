/**
 * The embedded broker with real MQTT clients on 127.0.0.1: forged kiosk credentials refused, a
 * kiosk publishing or subscribing outside its own topics refused, and a kiosk dying (socket cut, or
 * silent past its keep-alive) reported offline by its last will within the heartbeat window.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { connect as connectTcp, type Socket } from 'node:net';
import { once, type EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient, type IClientOptions } from 'mqtt';
import { eventually } from '@kiosk/domain/testing';
import { startTestFleet, type FleetMonitor, MISSED_HEARTBEATS_FOR_OFFLINE } from '../src/index.js';

/**
 * The client's next message as [topic, payload]. mqtt's client is a typed emitter that node's
 * `once` takes at run time but not in its types.
 */
function nextMessage(client: MqttClient): Promise<[string, Buffer]> {
  return once(client as unknown as EventEmitter, 'message') as Promise<[string, Buffer]>;
}

let fleet: FleetMonitor;
let url: string;
const clients: MqttClient[] = [];
const sockets: Socket[] = [];

beforeEach(async () => {
  ({ fleet, url } = await startTestFleet({
    kiosks: { k1: 'secret-1', k2: 'secret-2' },
    sweepIntervalMs: 100,
  }));
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.endAsync(true);
  for (const socket of sockets.splice(0)) socket.destroy();
  await fleet.stop();
});

async function kiosk(id: string, password: string, options: IClientOptions = {}): Promise<MqttClient> {
  const client = await connectAsync(url, {
    clientId: id,
    username: id,
    password,
    reconnectPeriod: 0,
    ...options,
  });
  clients.push(client);
  return client;
}

const at = (): string => new Date().toISOString();
const onlineStatus = (kioskId: string, heartbeatIntervalS = 10): string =>
  JSON.stringify({
    connection: 'online',
    kioskId,
    mode: 'inService',
    version: '0.1.0',
    journeysOffered: ['balance'],
    devices: [],
    heartbeatIntervalS,
    at: at(),
  });
const lastWill = (kioskId: string): string =>
  JSON.stringify({ connection: 'offline', kioskId, cause: 'lastWill', at: at() });

describe('forged kiosk credentials', () => {
  it('refuses a wrong password with "bad user name or password"', async () => {
    await expect(kiosk('k1', 'secret-2')).rejects.toMatchObject({ code: 4 });
    expect(fleet.refusals).toContainEqual({ clientId: 'k1', refusal: 'badCredentials' });
  });

  it('refuses a kiosk id that is not in the fleet', async () => {
    await expect(kiosk('k9', 'secret-1')).rejects.toMatchObject({ code: 4 });
  });

  it("refuses a kiosk's own password used under another kiosk's client id", async () => {
    await expect(kiosk('k1', 'secret-1', { clientId: 'k2' })).rejects.toMatchObject({ code: 5 });
    expect(fleet.refusals).toContainEqual({ clientId: 'k2', refusal: 'clientIdMismatch' });
  });
});

describe('wrong-topic publishes and subscriptions', () => {
  it("refuses k1 publishing a status under k2's topic, and stores nothing for k2", async () => {
    const k1 = await kiosk('k1', 'secret-1');
    k1.publish('kiosk/k2/status', onlineStatus('k2'), { qos: 0 });
    await eventually(
      () => fleet.refusals.some((r) => r.topic === 'kiosk/k2/status'),
      'the broker refuses the publish',
      { withinMs: 5_000 },
    );
    expect(fleet.refusals).toContainEqual({
      clientId: 'k1',
      refusal: 'topicNotOwn',
      topic: 'kiosk/k2/status',
    });
    expect(await fleet.store.kiosk('k2')).toBeUndefined();
  });

  it('refuses a kiosk publishing on a command topic (only the monitor sends commands)', async () => {
    const k1 = await kiosk('k1', 'secret-1');
    k1.publish('kiosk/k1/commands', '{}', { qos: 0 });
    await eventually(
      () => fleet.refusals.some((r) => r.topic === 'kiosk/k1/commands'),
      'the broker refuses the publish',
      { withinMs: 5_000 },
    );
    expect(fleet.refusals.at(-1)).toMatchObject({ refusal: 'channelNotAllowed' });
  });

  it("command to the wrong kiosk: k1 cannot subscribe to k2's commands, and only k2 gets them", async () => {
    const k1 = await kiosk('k1', 'secret-1');
    const k2 = await kiosk('k2', 'secret-2');
    // SUBACK 0x80 (failure) for both; the connection stays up
    await expect(
      k1.subscribeAsync(['kiosk/k2/commands', 'kiosk/+/commands'], { qos: 1 }),
    ).rejects.toMatchObject({
      packet: { granted: [128, 128] },
    });
    expect(k1.connected).toBe(true);
    const granted = await k2.subscribeAsync('kiosk/k2/commands', { qos: 1 });
    expect(granted[0]!.qos).toBe(1);

    const k1Received: string[] = [];
    k1.on('message', (topic) => k1Received.push(topic));
    const k2Received = nextMessage(k2);
    const command = await fleet.sendCommand('k2', { type: 'outOfService' }, 'ops');
    const [topic, payload] = await k2Received;
    expect(topic).toBe('kiosk/k2/commands');
    expect(JSON.parse(payload.toString())).toMatchObject({
      id: command.id,
      kioskId: 'k2',
      type: 'outOfService',
    });
    expect(k1Received).toEqual([]);
  });

  it("event acks to the wrong kiosk: k1 cannot read k2's acks nor forge one; k2 gets the ack of its stored event", async () => {
    const k1 = await kiosk('k1', 'secret-1');
    const k2 = await kiosk('k2', 'secret-2');
    await expect(
      k1.subscribeAsync(['kiosk/k2/events/ack', 'kiosk/+/events/ack'], { qos: 1 }),
    ).rejects.toMatchObject({ packet: { granted: [128, 128] } });
    k1.publish('kiosk/k1/events/ack', '{}', { qos: 0 });
    await eventually(
      () => fleet.refusals.some((r) => r.topic === 'kiosk/k1/events/ack'),
      'the broker refuses the forged ack',
      { withinMs: 5_000 },
    );
    expect(fleet.refusals.at(-1)).toMatchObject({ refusal: 'channelNotAllowed' });

    expect((await k2.subscribeAsync('kiosk/k2/events/ack', { qos: 1 }))[0]!.qos).toBe(1);
    const acked = nextMessage(k2);
    const id = randomUUID();
    const event = {
      id,
      kioskId: 'k2',
      seq: 0,
      at: at(),
      type: 'retract',
      device: 'cardReader',
      item: 'card',
      code: 'CARD_NOT_TAKEN_RETRACTED',
    };
    await k2.publishAsync('kiosk/k2/events', JSON.stringify(event), { qos: 1 });
    const [topic, payload] = await acked;
    expect(topic).toBe('kiosk/k2/events/ack');
    expect(JSON.parse(payload.toString())).toMatchObject({ kioskId: 'k2', ids: [id] });
    expect((await fleet.store.recentEvents('k2', 10)).map((stored) => stored.id)).toEqual([id]);
  });
});

/** A hand-made MQTT 3.1.1 CONNECT with a retained QoS 1 will, so the test controls every byte after it. */
function connectPacket(
  clientId: string,
  password: string,
  keepaliveS: number,
  willTopic: string,
  will: string,
): Buffer {
  const field = (text: string): Buffer => {
    const bytes = Buffer.from(text);
    return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
  };
  const flags = 0x80 | 0x40 | 0x20 | 0x08 | 0x04 | 0x02; // user, password, will retain, will QoS 1, will, clean
  const variable = Buffer.concat([
    field('MQTT'),
    Buffer.from([4, flags, keepaliveS >> 8, keepaliveS & 0xff]),
  ]);
  const body = Buffer.concat([
    variable,
    field(clientId),
    field(willTopic),
    field(will),
    field(clientId),
    field(password),
  ]);
  const length: number[] = [];
  let remaining = body.length;
  do {
    let byte = remaining % 128;
    remaining = Math.floor(remaining / 128);
    if (remaining > 0) byte |= 0x80;
    length.push(byte);
  } while (remaining > 0);
  return Buffer.concat([Buffer.from([0x10, ...length]), body]);
}

describe('a kiosk dying', () => {
  it('socket cut: the last will marks it offline and raises the alert within the heartbeat window', async () => {
    // the cut fires the will at once; one fired by the keep-alive instead would come after 1.5
    // heartbeats (7.5 s): 5 s leaves a loaded machine room while still telling the two apart (at
    // 2 s, a worker held off for 2 s would fail it), as on Mosquitto (kiosk-access-on-mosquitto)
    const heartbeatS = 5;
    const k1 = await kiosk('k1', 'secret-1', {
      keepalive: heartbeatS,
      will: { topic: 'kiosk/k1/status', payload: Buffer.from(lastWill('k1')), qos: 1, retain: true },
    });
    await k1.publishAsync('kiosk/k1/status', onlineStatus('k1', heartbeatS), { qos: 1, retain: true });
    await eventually(async () => (await fleet.store.kiosk('k1'))?.connection === 'online', 'k1 is online', {
      withinMs: 5_000,
    });

    const raised = once(fleet.ingest, 'alertRaised');
    const cutAt = Date.now();
    k1.stream.destroy();
    const [alert] = (await raised) as [{ kioskId: string; kind: string; code: string }];
    expect(alert).toMatchObject({ kioskId: 'k1', kind: 'offline', code: 'LAST_WILL' });
    expect(Date.now() - cutAt).toBeLessThan(heartbeatS * 1000);
    expect((await fleet.store.kiosk('k1'))?.connection).toBe('offline');
  });

  it('silent past its keep-alive (a hung kiosk): the broker fires the will within the heartbeat window', async () => {
    // a will fired by the keep-alive instead of the cut would come after 1.5 heartbeats: 5 s leaves
    // a loaded machine room while still telling the two apart
    const heartbeatS = 5;
    const socket = connectTcp(Number(new URL(url).port), '127.0.0.1');
    sockets.push(socket);
    await once(socket, 'connect');
    socket.write(connectPacket('k1', 'secret-1', heartbeatS, 'kiosk/k1/status', lastWill('k1')));
    await once(socket, 'data'); // CONNACK
    // one status by hand (QoS 0 PUBLISH), then silence: no PINGREQ ever
    const topic = Buffer.from('kiosk/k1/status');
    const payload = Buffer.from(onlineStatus('k1', heartbeatS));
    const body = Buffer.concat([Buffer.from([topic.length >> 8, topic.length & 0xff]), topic, payload]);
    socket.write(Buffer.concat([Buffer.from([0x31, (body.length & 0x7f) | 0x80, body.length >> 7]), body]));
    await eventually(async () => (await fleet.store.kiosk('k1'))?.connection === 'online', 'k1 is online', {
      withinMs: 5_000,
    });

    const silentFrom = Date.now();
    const raised = once(fleet.ingest, 'alertRaised');
    const [alert] = (await raised) as [{ kind: string; code: string }];
    expect(alert).toMatchObject({ kind: 'offline' });
    expect(Date.now() - silentFrom).toBeLessThan(heartbeatS * 1000 * MISSED_HEARTBEATS_FOR_OFFLINE);
    // the window (15 s) decides, not Jest's default timeout of the same 15 s counted from the
    // test's start: the will alone takes 7.5 s, and the connect before it more on a loaded machine
  }, 30_000);
});

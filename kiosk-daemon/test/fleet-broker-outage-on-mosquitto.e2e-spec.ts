/**
 * The kiosk's FleetPublisher (bounded, persisted queue) against the large-fleet stack: a real
 * Mosquitto with per-kiosk password and ACL files, two fleet monitors sharing the ingest, one
 * PostgreSQL database. Fault: broker outage and reconnect; the events raised while Mosquitto is
 * down wait in the kiosk's queue and each is stored exactly once after it comes back, whichever
 * monitor takes it. With CI=true a missing Mosquitto or PostgreSQL fails the suite.
 *
 * Mosquitto 2.0 does not restore shared subscriptions after a restart: what a kiosk sends before
 * the monitors subscribe again is taken (PUBACK) and dropped by the broker (ADR 0011). The kiosk
 * therefore keeps each event until a monitor acks it as stored. The monitors reach Mosquitto
 * through a gate (a TCP relay) the first test keeps shut until the kiosk's events are all at the
 * broker, so the monitors re-subscribe late on purpose. A command's ack and a journal extract are
 * kept by the kiosk the same way (until a monitor acks their command id): the second test answers
 * a command while Mosquitto restarts under it, the monitors again kept away until the broker has
 * taken (and, with no monitor subscribed, dropped) both. The third gates the kiosk instead: a
 * command sent while Mosquitto is down. The fourth freezes Mosquitto (its connections stay open,
 * as when a link goes silent or the broker has just died): the monitor's client still thinks it is
 * connected, and sending a command must not wait for the broker to answer. Every wait on the
 * broker, the kiosk or a monitor is bounded (`within`, `waitUntil`): a failure names what did not
 * happen.
 */
import { afterAll, afterEach, beforeAll, expect, it, jest } from '@jest/globals';
import { connectAsync, type MqttClient } from 'mqtt';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  ExternalBroker,
  FleetMonitor,
  openTcpGate,
  startTestMosquitto,
  waitUntil,
  type TcpGate,
  type TestDatabase,
  type TestMosquitto,
} from '@kiosk/fleet-monitor';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import { monitorConfigOn } from '../../fleet-monitor/src/testing/monitor-config-on.js';
import { FleetPublisher, type KioskStatusInput } from '../src/telemetry/mqtt/fleet-publisher.js';

const SECRETS = {
  kiosks: { 'JZ-0001': 'secret-of-jz-0001' },
  monitors: { 'fleet-monitor': 'monitor-secret' },
};
/** `work`, or a failure naming what did not happen within `ms` (rather than Jest's test timeout) */
async function within<T>(what: string, work: Promise<T>, ms = 5000): Promise<T> {
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

const STATUS: KioskStatusInput = {
  mode: 'inService',
  journeysOffered: ['balance'],
  devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'ok' }] }],
};

describeOnExternalStack('kiosk telemetry through Mosquitto', (stack) => {
  jest.setTimeout(30_000);
  let broker: TestMosquitto;
  let db: TestDatabase;
  let dir: string;
  const monitors: FleetMonitor[] = [];
  let kiosk: FleetPublisher | undefined;
  /** between the monitors and Mosquitto */
  let monitorGate: TcpGate;

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
  const gates: { close(): Promise<void> }[] = [];
  let spy: MqttClient | undefined;
  afterEach(async () => {
    broker.thaw();
    await kiosk?.stop();
    kiosk = undefined;
    if (spy) await within('the plain subscriber has disconnected', spy.endAsync());
    spy = undefined;
    for (const gate of gates.splice(0)) await gate.close();
  });
  afterAll(async () => {
    for (const monitor of monitors.splice(0)) await within('a monitor has stopped', monitor.stop(), 15_000);
    await monitorGate?.close();
    await db?.drop();
    await broker?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const subscriptions = (): number[] =>
    monitors.map((monitor) => (monitor.broker as ExternalBroker).subscribed);

  const stored = async (): Promise<{ seq: number; id: string }[]> =>
    (await monitors[0]!.store.recentEvents('JZ-0001', 1000)) as { seq: number; id: string }[];

  it('Mosquitto restarted while a kiosk publishes, the monitors re-subscribing later: no event lost, none doubled', async () => {
    kiosk = new FleetPublisher({
      url: broker.url,
      kioskId: 'JZ-0001',
      password: SECRETS.kiosks['JZ-0001'],
      version: '0.1.0-test',
      onCommand: () => ({ result: 'done' }),
      queueFile: join(dir, 'fleet-queue.json'),
      reconnectPeriodMs: 100,
      ackTimeoutMs: 1000,
    });
    const connected = once(kiosk, 'connected');
    kiosk.start();
    await within('the kiosk is connected', connected);
    kiosk.publishStatus(STATUS);
    for (let i = 0; i < 3; i++) kiosk.publishEvent({ type: 'anomaly', code: 'DOOR_OPENED' });
    await waitUntil(
      async () => (await stored()).length === 3 && kiosk!.queued === 0,
      'the first events are stored and acknowledged',
    );

    // the broker restarts; the monitors stay away from it until the kiosk has sent everything
    const disconnected = once(kiosk, 'disconnected');
    monitorGate.open = false;
    await within('Mosquitto has stopped', broker.stop(), 10_000);
    await within('the kiosk sees Mosquitto gone', disconnected);
    for (let i = 0; i < 20; i++)
      kiosk.publishEvent({
        type: 'retract',
        device: 'cardReader',
        item: 'card',
        code: 'CARD_NOT_TAKEN_RETRACTED',
      });
    expect(kiosk.queued).toBe(20);
    const sent = new Set<string>();
    kiosk.on('sent', (event) => sent.add(event.id));
    const reconnected = once(kiosk, 'connected');
    const before = subscriptions();
    await within('Mosquitto has started', broker.start(), 15_000);
    await within('the kiosk is connected again', reconnected);
    for (let i = 0; i < 5; i++) kiosk.publishEvent({ type: 'anomaly', code: 'DOOR_OPENED' });
    await waitUntil(() => sent.size === 25, 'the broker took (PUBACK) all 25 events', 10_000);
    // taken by a broker with no monitor subscribed: still queued, as nobody stored them
    expect(subscriptions()).toEqual(before);
    expect(kiosk.queued).toBe(25);
    expect((await stored()).length).toBe(3);

    monitorGate.open = true;
    await waitUntil(
      () => subscriptions().every((count, i) => count > before[i]!),
      'both monitors subscribe again',
      10_000,
    );
    await waitUntil(
      async () => kiosk!.queued === 0 && (await stored()).length === 28,
      'every event is stored once the kiosk sends it again',
      20_000,
    );
    const events = await stored();
    expect(events.map((event) => event.seq).sort((a, b) => a - b)).toEqual([...Array(28).keys()]);
    expect(new Set(events.map((event) => event.id)).size).toBe(28);
    const [a, b] = monitors as [FleetMonitor, FleetMonitor];
    await within('the ingests have settled', Promise.all([a.ingest.settled(), b.ingest.settled()]));
    expect(a.ingest.counters.events + b.ingest.counters.events).toBe(28);
    await waitUntil(
      async () => (await a.store.kiosk('JZ-0001'))?.connection === 'online',
      'the status is republished on reconnect',
    );
  });

  it('Mosquitto restarted under a kiosk answering a command, the monitors re-subscribing later: its ack and journal extract are stored, once each', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const received: string[] = [];
    kiosk = new FleetPublisher({
      url: broker.url,
      kioskId: 'JZ-0001',
      password: SECRETS.kiosks['JZ-0001'],
      version: '0.1.0-test',
      onCommand: async (command) => {
        received.push(command.id);
        await released;
        await kiosk!.publishJournalExtract({
          commandId: command.id,
          from: '2026-01-01T00:00:00.000Z',
          to: '2026-01-02T00:00:00.000Z',
          transactions: 1,
          jsonl: '{"transaction":{"id":"t-1"}}\n',
        });
        return { result: 'done' };
      },
      repliesFile: join(dir, 'fleet-replies.json'),
      reconnectPeriodMs: 100,
      ackTimeoutMs: 1000,
    });
    const connected = once(kiosk, 'connected');
    kiosk.start();
    await within('the kiosk is connected', connected);
    const [a, b] = monitors as [FleetMonitor, FleetMonitor];
    const command = await within(
      'the command is sent',
      a.sendCommand(
        'JZ-0001',
        { type: 'uploadJournalExtract', from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' },
        'ops',
      ),
    );
    await waitUntil(() => received.length === 1, 'the kiosk runs the command');

    // the broker restarts under the running command; the monitors stay away until it has the answer
    const disconnected = once(kiosk, 'disconnected');
    monitorGate.open = false;
    await within('Mosquitto has stopped', broker.stop(), 10_000);
    await within('the kiosk sees Mosquitto gone', disconnected);
    const reconnected = once(kiosk, 'connected');
    const before = subscriptions();
    await within('Mosquitto has started', broker.start(), 15_000);
    await within('the kiosk is connected again', reconnected);
    // a plain subscriber, not of the monitors' group, sees what the broker took meanwhile
    spy = await within(
      'a plain subscriber is connected',
      connectAsync(broker.url, {
        clientId: 'outage-spy',
        username: 'fleet-monitor',
        password: readFileSync(join(broker.dir, 'fleet-monitor.password'), 'utf8').trim(),
        protocolVersion: 5,
      }),
    );
    const seen: string[] = [];
    spy.on('message', (topic) => seen.push(topic));
    await within(
      'the plain subscriber is subscribed',
      spy.subscribeAsync(['kiosk/JZ-0001/commands/ack', 'kiosk/JZ-0001/journal-extract'], { qos: 1 }),
    );
    release();
    await waitUntil(
      () => seen.includes('kiosk/JZ-0001/commands/ack') && seen.includes('kiosk/JZ-0001/journal-extract'),
      'the broker took the ack and the extract',
      10_000,
    );
    // taken by a broker with no monitor subscribed: still kept, as nobody stored them
    expect(subscriptions()).toEqual(before);
    expect(kiosk.repliesWaiting).toBe(2);
    expect((await b.store.commands('JZ-0001')).find((row) => row.id === command.id)?.result).toBeNull();
    expect(await b.store.journalExtracts('JZ-0001')).toEqual([]);

    monitorGate.open = true;
    await waitUntil(
      () => subscriptions().every((count, i) => count > before[i]!),
      'both monitors subscribe again',
      10_000,
    );
    await waitUntil(
      async () =>
        kiosk!.repliesWaiting === 0 &&
        (await b.store.commands('JZ-0001')).find((row) => row.id === command.id)?.result === 'done',
      'the ack and the extract are stored once the kiosk sends them again',
      20_000,
    );
    const extracts = await a.store.journalExtracts('JZ-0001');
    expect(extracts.map((row) => [row.commandId, row.transactions])).toEqual([[command.id, 1]]);
    expect(await a.store.journalExtractBody('JZ-0001', command.id)).toBe('{"transaction":{"id":"t-1"}}\n');
    expect(received).toEqual([command.id]);
    expect(JSON.parse(readFileSync(join(dir, 'fleet-replies.json'), 'utf8'))).toEqual({ replies: [] });
  });

  it('a command sent while Mosquitto is down: the operator is not kept waiting, the kiosk runs it once it is back', async () => {
    const gate = await openTcpGate(broker.port);
    gates.push(gate);
    const received: string[] = [];
    kiosk = new FleetPublisher({
      url: gate.url,
      kioskId: 'JZ-0001',
      password: SECRETS.kiosks['JZ-0001'],
      version: '0.1.0-test',
      onCommand: (command) => {
        received.push(command.id);
        return { result: 'done' };
      },
      reconnectPeriodMs: 100,
    });
    const connected = once(kiosk, 'connected');
    kiosk.start();
    await within('the kiosk is connected', connected);

    const disconnected = once(kiosk, 'disconnected');
    gate.open = false;
    await within('Mosquitto has stopped', broker.stop(), 10_000);
    await within('the kiosk sees Mosquitto gone', disconnected);
    const [a, b] = monitors as [FleetMonitor, FleetMonitor];
    const command = await within(
      'the command is sent with Mosquitto down',
      a.sendCommand('JZ-0001', { type: 'runSelfTest' }, 'ops'),
    );
    // answered within 5 s while Mosquitto stays away: not kept waiting until it is back
    expect((await b.store.commands('JZ-0001'))[0]).toMatchObject({ id: command.id, result: null });

    const before = subscriptions();
    await within('Mosquitto has started', broker.start(), 15_000);
    await waitUntil(
      () => subscriptions().every((count, i) => count > before[i]!),
      'both monitors subscribe again',
      10_000,
    );
    gate.open = true;
    await waitUntil(
      async () => (await b.store.commands('JZ-0001')).find((row) => row.id === command.id)?.result === 'done',
      'the kiosk acknowledges the command',
      15_000,
    );
    expect(received).toEqual([command.id]);
  });

  it('a command sent while Mosquitto does not answer and the monitor still thinks it is connected: the operator is not kept waiting, the kiosk runs it once Mosquitto answers', async () => {
    const received: string[] = [];
    kiosk = new FleetPublisher({
      url: broker.url,
      kioskId: 'JZ-0001',
      password: SECRETS.kiosks['JZ-0001'],
      version: '0.1.0-test',
      onCommand: (command) => {
        received.push(command.id);
        return { result: 'done' };
      },
      reconnectPeriodMs: 100,
    });
    const connected = once(kiosk, 'connected');
    kiosk.start();
    await within('the kiosk is connected', connected);
    const [a, b] = monitors as [FleetMonitor, FleetMonitor];
    await waitUntil(() => (a.broker as ExternalBroker).connected, 'the monitor is connected', 10_000);

    broker.freeze();
    const command = await within(
      'the command is sent with Mosquitto not answering',
      a.sendCommand('JZ-0001', { type: 'runSelfTest' }, 'ops'),
    );
    // answered within 5 s while Mosquitto stays away: not kept waiting until it is back
    expect((a.broker as ExternalBroker).connected).toBe(true);
    expect((await b.store.commands('JZ-0001')).find((row) => row.id === command.id)?.result).toBeNull();

    broker.thaw();
    await waitUntil(
      async () => (await b.store.commands('JZ-0001')).find((row) => row.id === command.id)?.result === 'done',
      'the kiosk acknowledges the command',
      15_000,
    );
    expect(received).toEqual([command.id]);
  });
});

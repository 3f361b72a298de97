/**
 * The kiosk's FleetPublisher (bounded, persisted queue) against the large-fleet stack (a real
 * Mosquitto, two fleet monitors sharing the ingest, one PostgreSQL database: broker-outage-stack).
 * Fault: Mosquitto restarts; what the kiosk sent meanwhile is stored exactly once after it comes
 * back, whichever monitor takes it. With CI=true a missing Mosquitto or PostgreSQL fails the suite.
 *
 * Mosquitto 2.0 does not restore shared subscriptions after a restart: what a kiosk sends before
 * the monitors subscribe again is taken (PUBACK) and dropped by the broker (ADR 0011). The kiosk
 * therefore keeps each event until a monitor acks it as stored. The monitors reach Mosquitto
 * through a gate the first test keeps shut until the kiosk's events are all at the broker, so the
 * monitors re-subscribe late on purpose. A command's ack and a journal extract are kept by the
 * kiosk the same way (until a monitor acks their command id): the second test answers a command
 * while Mosquitto restarts under it, the monitors again kept away until the broker has taken (and,
 * with no monitor subscribed, dropped) both.
 */
import { expect, it } from '@jest/globals';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';

import { eventually } from '@kiosk/domain/testing';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import type { KioskStatusInput } from '../src/telemetry/mqtt/fleet-publisher.js';
import { outageStack, within } from './broker-outage-stack.js';

const STATUS: KioskStatusInput = {
  mode: 'inService',
  journeysOffered: ['balance'],
  devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'ok' }] }],
};

describeOnExternalStack('kiosk telemetry through Mosquitto restarting', (stack) => {
  const s = outageStack(stack);
  const stored = async (): Promise<{ seq: number; id: string }[]> =>
    (await s.monitors[0].store.recentEvents('JZ-0001', 1000)) as { seq: number; id: string }[];

  it('Mosquitto restarted while a kiosk publishes, the monitors re-subscribing later: no event lost, none doubled', async () => {
    const kiosk = s.kiosk({
      onCommand: () => ({ result: 'done' }),
      queueFile: join(s.dir, 'fleet-queue.json'),
      ackTimeoutMs: 1000,
    });
    const connected = once(kiosk, 'connected');
    kiosk.start();
    await within('the kiosk is connected', connected);
    kiosk.publishStatus(STATUS);
    for (let i = 0; i < 3; i++) kiosk.publishEvent({ type: 'anomaly', code: 'DOOR_OPENED' });
    await eventually(
      async () => (await stored()).length === 3 && kiosk.queued === 0,
      'the first events are stored and acknowledged',
      { withinMs: 15_000 },
    );

    // the broker restarts; the monitors stay away from it until the kiosk has sent everything
    const disconnected = once(kiosk, 'disconnected');
    s.monitorGate.open = false;
    await within('Mosquitto has stopped', s.broker.stop(), 10_000);
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
    const before = s.subscriptions();
    await within('Mosquitto has started', s.broker.start(), 15_000);
    await within('the kiosk is connected again', reconnected);
    for (let i = 0; i < 5; i++) kiosk.publishEvent({ type: 'anomaly', code: 'DOOR_OPENED' });
    await eventually(() => sent.size === 25, 'the broker took (PUBACK) all 25 events', { withinMs: 10_000 });
    // taken by a broker with no monitor subscribed: still queued, as nobody stored them
    expect(s.subscriptions()).toEqual(before);
    expect(kiosk.queued).toBe(25);
    expect((await stored()).length).toBe(3);

    s.monitorGate.open = true;
    await eventually(
      () => s.subscriptions().every((count, i) => count > before[i]!),
      'both monitors subscribe again',
      { withinMs: 10_000 },
    );
    await eventually(
      async () => kiosk.queued === 0 && (await stored()).length === 28,
      'every event is stored once the kiosk sends it again',
      { withinMs: 20_000 },
    );
    const events = await stored();
    expect(events.map((event) => event.seq).sort((a, b) => a - b)).toEqual([...Array(28).keys()]);
    expect(new Set(events.map((event) => event.id)).size).toBe(28);
    const [a, b] = s.monitors;
    await within('the ingests have settled', Promise.all([a.ingest.settled(), b.ingest.settled()]));
    expect(a.ingest.counters.events + b.ingest.counters.events).toBe(28);
    await eventually(
      async () => (await a.store.kiosk('JZ-0001'))?.connection === 'online',
      'the status is republished on reconnect',
      { withinMs: 15_000 },
    );
  });

  it('Mosquitto restarted under a kiosk answering a command, the monitors re-subscribing later: its ack and journal extract are stored, once each', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const received: string[] = [];
    const kiosk = s.kiosk({
      onCommand: async (command) => {
        received.push(command.id);
        await released;
        await kiosk.publishJournalExtract({
          commandId: command.id,
          from: '2026-01-01T00:00:00.000Z',
          to: '2026-01-02T00:00:00.000Z',
          transactions: 1,
          jsonl: '{"transaction":{"id":"t-1"}}\n',
        });
        return { result: 'done' };
      },
      repliesFile: join(s.dir, 'fleet-replies.json'),
      ackTimeoutMs: 1000,
    });
    const connected = once(kiosk, 'connected');
    kiosk.start();
    await within('the kiosk is connected', connected);
    const [a, b] = s.monitors;
    const command = await within(
      'the command is sent',
      a.sendCommand(
        'JZ-0001',
        { type: 'uploadJournalExtract', from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' },
        'ops',
      ),
    );
    await eventually(() => received.length === 1, 'the kiosk runs the command', { withinMs: 15_000 });

    // the broker restarts under the running command; the monitors stay away until it has the answer
    const disconnected = once(kiosk, 'disconnected');
    s.monitorGate.open = false;
    await within('Mosquitto has stopped', s.broker.stop(), 10_000);
    await within('the kiosk sees Mosquitto gone', disconnected);
    const reconnected = once(kiosk, 'connected');
    const before = s.subscriptions();
    await within('Mosquitto has started', s.broker.start(), 15_000);
    await within('the kiosk is connected again', reconnected);
    // a plain subscriber, not of the monitors' group, sees what the broker took meanwhile
    const spy = s.keep(
      await within(
        'a plain subscriber is connected',
        connectAsync(s.broker.url, {
          clientId: 'outage-spy',
          username: 'fleet-monitor',
          password: readFileSync(join(s.broker.dir, 'fleet-monitor.password'), 'utf8').trim(),
          protocolVersion: 5,
        }),
      ),
    );
    const seen: string[] = [];
    spy.on('message', (topic) => seen.push(topic));
    await within(
      'the plain subscriber is subscribed',
      spy.subscribeAsync(['kiosk/JZ-0001/commands/ack', 'kiosk/JZ-0001/journal-extract'], { qos: 1 }),
    );
    release();
    await eventually(
      () => seen.includes('kiosk/JZ-0001/commands/ack') && seen.includes('kiosk/JZ-0001/journal-extract'),
      'the broker took the ack and the extract',
      { withinMs: 10_000 },
    );
    // taken by a broker with no monitor subscribed: still kept, as nobody stored them
    expect(s.subscriptions()).toEqual(before);
    expect(kiosk.repliesWaiting).toBe(2);
    expect((await b.store.commands('JZ-0001')).find((row) => row.id === command.id)?.result).toBeNull();
    expect(await b.store.journalExtracts('JZ-0001')).toEqual([]);

    s.monitorGate.open = true;
    await eventually(
      () => s.subscriptions().every((count, i) => count > before[i]!),
      'both monitors subscribe again',
      { withinMs: 10_000 },
    );
    await eventually(
      async () =>
        kiosk.repliesWaiting === 0 &&
        (await b.store.commands('JZ-0001')).find((row) => row.id === command.id)?.result === 'done',
      'the ack and the extract are stored once the kiosk sends them again',
      { withinMs: 20_000 },
    );
    const extracts = await a.store.journalExtracts('JZ-0001');
    expect(extracts.map((row) => [row.commandId, row.transactions])).toEqual([[command.id, 1]]);
    expect(await a.store.journalExtractBody('JZ-0001', command.id)).toBe('{"transaction":{"id":"t-1"}}\n');
    expect(received).toEqual([command.id]);
    expect(JSON.parse(readFileSync(join(s.dir, 'fleet-replies.json'), 'utf8'))).toEqual({ replies: [] });
  });
});

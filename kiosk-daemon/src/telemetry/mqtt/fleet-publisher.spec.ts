/**
 * FleetPublisher against the fleet monitor's embedded broker on 127.0.0.1 (in process, ephemeral
 * port, in-memory store): status, events and heartbeats arrive; a broker outage loses no event; the
 * queue is bounded and reports what it dropped; a queue file carries events over a daemon restart;
 * commands reach the handler once and are acknowledged; a command for another kiosk is refused.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { once } from 'node:events';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Command } from '@kiosk/fleet-monitor/contract';
import { eventually } from '@kiosk/domain/testing';
import type { CommandHandler, KioskStatusInput } from './fleet-publisher.js';
import { publisherFleet, started } from './publisher-fleet.spec-support.js';

const world = publisherFleet({ k1: 'secret-1', k2: 'secret-2', 'JZ-0001': 'secret-jz' }, 'fleet-publisher-');
const { publisher } = world;

const STATUS: KioskStatusInput = {
  mode: 'inService',
  journeysOffered: ['balance', 'withdraw'],
  devices: [
    { kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'ok', count: 700 }] },
  ],
};

const { storedEvents, commandResult, brokerDown } = world;

describe('FleetPublisher', () => {
  it('publishes its retained status, heartbeats and events to the monitor', async () => {
    const kiosk = await started(publisher({ heartbeatIntervalS: 1 }));
    kiosk.publishStatus(STATUS);
    kiosk.publishEvent({
      type: 'journeyOutcome',
      journey: 'withdraw',
      outcome: 'completed',
      durationMs: 41_000,
    });
    await eventually(
      async () =>
        (await storedEvents()).length === 1 && Boolean((await world.fleet.store.kiosk('k1'))?.status),
      'status and event arrive',
      { withinMs: 5_000 },
    );
    expect(await world.fleet.store.kiosk('k1')).toMatchObject({
      connection: 'online',
      // no zone configured: the domain's default, the zone its journeys' days are counted in
      status: {
        kioskId: 'k1',
        version: '0.1.0-test',
        mode: 'inService',
        heartbeatIntervalS: 1,
        timeZone: 'Asia/Shanghai',
      },
    });
    expect((await storedEvents())[0]).toMatchObject({
      kioskId: 'k1',
      seq: 0,
      type: 'journeyOutcome',
      outcome: 'completed',
    });
    await eventually(async () => world.fleet.ingest.counters.heartbeats >= 1, 'a heartbeat arrives', {
      withinMs: 5_000,
    });
  });

  it("connects under the daemon's configured id and reports its hall and its time zone", async () => {
    const kiosk = await started(
      publisher({ kioskId: 'JZ-0001', password: 'secret-jz', hallId: 'hall-1', timeZone: 'Asia/Urumqi' }),
    );
    kiosk.publishStatus(STATUS);
    await eventually(
      async () => Boolean((await world.fleet.store.kiosk('JZ-0001'))?.status),
      'the status arrives',
      { withinMs: 5_000 },
    );
    expect((await world.fleet.store.kiosk('JZ-0001'))?.status).toMatchObject({
      kioskId: 'JZ-0001',
      hallId: 'hall-1',
      // the zone its journeys' days are counted in: the fleet's daily window ends on its today
      timeZone: 'Asia/Urumqi',
    });
  });

  it('broker outage: events raised while it is down are all delivered after it comes back, once each', async () => {
    const kiosk = await started(publisher());
    kiosk.publishStatus(STATUS);
    for (let i = 0; i < 3; i++) kiosk.publishEvent({ type: 'anomaly', code: 'DOOR_OPENED' });
    // stored and acknowledged: an event leaves the queue only on the monitor's ack
    await eventually(
      async () => (await storedEvents()).length === 3 && kiosk.queued === 0,
      'the first events arrive',
      { withinMs: 5_000 },
    );

    await brokerDown(kiosk);
    for (let i = 0; i < 20; i++)
      kiosk.publishEvent({
        type: 'retract',
        device: 'cardReader',
        item: 'card',
        code: 'CARD_NOT_TAKEN_RETRACTED',
      });
    expect(kiosk.queued).toBe(20);

    const reconnected = once(kiosk, 'connected');
    await world.fleet.broker.start();
    await reconnected;
    await eventually(
      async () => kiosk.queued === 0 && (await storedEvents()).length === 23,
      'every queued event arrives',
      { withinMs: 10_000 },
    );
    expect((await storedEvents()).map((event) => event.seq).sort((a, b) => a - b)).toEqual([
      ...Array(23).keys(),
    ]);
    expect(new Set((await storedEvents()).map((event) => event.id)).size).toBe(23);
    await eventually(
      async () => (await world.fleet.store.kiosk('k1'))?.connection === 'online',
      'the status is republished on reconnect',
      { withinMs: 5_000 },
    );
  });

  it('queue overflow: keeps the newest events up to its limit and reports how many it dropped', async () => {
    const kiosk = await started(publisher({ queueLimit: 5 }));
    await brokerDown(kiosk);
    for (let i = 0; i < 12; i++) kiosk.publishEvent({ type: 'anomaly', code: 'DOOR_OPENED' });
    expect(kiosk.queued).toBe(5);

    await world.fleet.broker.start();
    await eventually(
      async () => (await storedEvents()).length === 6,
      'the kept events and the drop report arrive',
      { withinMs: 10_000 },
    );
    const events = (await storedEvents()).sort((a, b) => a.seq - b.seq);
    expect(events.map((event) => [event.seq, event.type])).toEqual([
      [7, 'anomaly'],
      [8, 'anomaly'],
      [9, 'anomaly'],
      [10, 'anomaly'],
      [11, 'anomaly'],
      [12, 'eventsDropped'],
    ]);
    expect(events[5]).toMatchObject({ count: 7 });
  });

  it('daemon restart during an outage: a new publisher on the same queue file delivers the old events', async () => {
    const queueFile = join(world.dir, 'telemetry-queue.json');
    const before = await started(publisher({ queueFile }));
    await brokerDown(before);
    for (let i = 0; i < 3; i++)
      before.publishEvent({ type: 'deviceFault', device: 'cardPrinter', code: 'CARD_PRINTER_JAM' });
    await before.stop();

    const after = publisher({ queueFile });
    expect(after.queued).toBe(3);
    await world.fleet.broker.start();
    after.start();
    await eventually(async () => (await storedEvents()).length === 3, 'the queued events arrive', {
      withinMs: 10_000,
    });
    expect(after.publishEvent({ type: 'faultCleared', device: 'cardPrinter' }).seq).toBe(3);
    // the monitor stores the event, then clears the fault's alert, then acks it: the ack is the last
    await eventually(
      async () => (await storedEvents()).length === 4 && after.queued === 0,
      'the new event arrives and is acknowledged',
      { withinMs: 5_000 },
    );
    expect(await world.fleet.store.activeAlerts()).toEqual([]);
  });

  it('runs each command once through the handler and acknowledges it; the monitor records the ack', async () => {
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const kiosk = await started(publisher({ onCommand: handler }));
    kiosk.publishStatus(STATUS);
    const handled = once(kiosk, 'commandHandled');
    const command = await world.fleet.sendCommand(
      'k1',
      { type: 'outOfService', reason: 'DEVICE_SUPPLY_EMPTY' },
      'zhang',
    );
    await handled;
    expect(handler).toHaveBeenCalledWith(
      expect.objectContaining({ id: command.id, type: 'outOfService', issuedBy: 'zhang' }),
    );
    await commandResult('done', 'the ack is recorded');

    // a redelivery (QoS 1 may repeat) is acknowledged again without running the command twice
    const acks = world.fleet.ingest.counters.acks;
    await world.fleet.broker.publishCommand('k1', JSON.stringify(command));
    await eventually(async () => world.fleet.ingest.counters.acks === acks + 1, 'the second ack arrives', {
      withinMs: 5_000,
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('a command sent while the kiosk is away reaches it when it comes back (persistent session)', async () => {
    const away = await started(publisher());
    await away.stop();
    const command = await world.fleet.sendCommand('k1', { type: 'inService' }, 'zhang');

    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const back = publisher({ onCommand: handler });
    const handled = once(back, 'commandHandled');
    back.start();
    const [received] = (await handled) as [Command];
    expect(received.id).toBe(command.id);
    await commandResult('done', 'the ack is recorded');
  });

  it('a handler that throws: the command is acknowledged as failed with a code', async () => {
    await started(
      publisher({
        onCommand: () => {
          throw new Error('self-test rig missing');
        },
      }),
    );
    await world.fleet.sendCommand('k1', { type: 'runSelfTest' }, 'zhang');
    await commandResult('failed', 'the failure is recorded');
    expect((await world.fleet.store.commands('k1'))[0]).toMatchObject({ code: 'TELEMETRY_COMMAND_FAILED' });
  });

  it('a command addressed to another kiosk, or malformed, is refused and never reaches the handler', async () => {
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const kiosk = await started(publisher({ onCommand: handler }));
    const foreign: Command = {
      id: randomUUID(),
      kioskId: 'k2',
      type: 'restart',
      issuedAt: new Date().toISOString(),
      issuedBy: 'x',
    };
    const refused = once(kiosk, 'commandRefused');
    await world.fleet.broker.publishCommand('k1', JSON.stringify(foreign));
    expect(await refused).toEqual([{ code: 'TELEMETRY_COMMAND_FOR_OTHER_KIOSK', commandId: foreign.id }]);

    const malformed = once(kiosk, 'commandRefused');
    await world.fleet.broker.publishCommand('k1', '{"type":"restart"');
    expect(await malformed).toEqual([{ code: 'TELEMETRY_COMMAND_MALFORMED' }]);
    expect(handler).not.toHaveBeenCalled();
  });

  it("a newer monitor's command of a type this kiosk does not know: refused with TELEMETRY_COMMAND_UNKNOWN, the refusal stored at the monitor, not left to expire", async () => {
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const kiosk = await started(publisher({ onCommand: handler }));
    // as a newer monitor records and sends it (ADR 0018)
    const newer = {
      id: randomUUID(),
      kioskId: 'k1',
      type: 'reloadConfig',
      issuedAt: new Date().toISOString(),
      issuedBy: 'ops',
    } as unknown as Command;
    await world.fleet.store.saveCommand(newer);
    const refused = once(kiosk, 'commandRefused');
    await world.fleet.broker.publishCommand('k1', JSON.stringify(newer));
    expect(await refused).toEqual([{ code: 'TELEMETRY_COMMAND_UNKNOWN', commandId: newer.id }]);
    await commandResult('rejected', 'the refusal stored at the monitor');
    expect((await world.fleet.store.commands('k1'))[0]).toMatchObject({
      id: newer.id,
      result: 'rejected',
      code: 'TELEMETRY_COMMAND_UNKNOWN',
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('forged credentials: the broker refuses it and it reports the refusal instead of crashing', async () => {
    const kiosk = publisher({ password: 'secret-2' });
    const refused = once(kiosk, 'connectionError');
    kiosk.start();
    const [error] = (await refused) as [Error & { code?: number }];
    expect(error.code).toBe(4);
    expect(kiosk.connected).toBe(false);
  });

  it('a clean stop publishes the retained offline status: the monitor raises offline (shutdown)', async () => {
    const kiosk = await started(publisher());
    kiosk.publishStatus(STATUS);
    await eventually(async () => (await world.fleet.store.kiosk('k1'))?.connection === 'online', 'online', {
      withinMs: 5_000,
    });
    const raised = once(world.fleet.ingest, 'alertRaised');
    await kiosk.stop();
    expect(await raised).toEqual([{ kioskId: 'k1', kind: 'offline', key: 'offline', code: 'SHUTDOWN' }]);
  });
});

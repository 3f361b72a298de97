/**
 * Fault: a journal extract asked while the kiosk is off the broker, on the large-fleet stack: a
 * real Mosquitto with per-kiosk password and ACL files, two fleet monitors sharing the ingest, one
 * PostgreSQL database. The kiosk's FleetPublisher reaches Mosquitto through a TCP gate that cuts its
 * line. The command waits for the kiosk (pending, with its expiry, seen from either monitor) and is
 * answered once it is back: handed over by Mosquitto from the kiosk's persistent session, or, when
 * that session was lost meanwhile, sent again by the monitor that saw the kiosk come back. Either
 * way the kiosk runs it once and the extract is stored once. (Not back within the expiry: the
 * embedded-broker spec beside the kiosk's fleet code.) With CI=true a missing Mosquitto or
 * PostgreSQL fails the suite.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { once } from 'node:events';
import { connectAsync } from 'mqtt';
import {
  createTestDatabase,
  FleetMonitor,
  openTcpGate,
  startTestMosquitto,
  type TcpGate,
  type TestDatabase,
  type TestMosquitto,
} from '@kiosk/fleet-monitor';
import { eventually } from '@kiosk/domain/testing';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import { monitorConfigOn } from '../../fleet-monitor/src/testing/monitor-config-on.js';
import type { Command } from '@kiosk/fleet-monitor/contract';
import { FleetPublisher, type CommandHandler } from '../src/telemetry/mqtt/fleet-publisher.js';

const KIOSK = 'JZ-0001';
const SECRETS = {
  kiosks: { [KIOSK]: 'secret-of-jz-0001' },
  monitors: { 'fleet-monitor': 'monitor-secret' },
};
const RANGE = { from: '2026-11-26T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' };
const JSONL = '{"id":"JZ-0001-000001","journey":"balance","steps":[]}\n';

describeOnExternalStack('journal extract asked while the kiosk is offline, on Mosquitto', (stack) => {
  jest.setTimeout(30_000);
  let broker: TestMosquitto;
  let db: TestDatabase;
  const monitors: FleetMonitor[] = [];
  let gate: TcpGate;
  let kiosk: FleetPublisher | undefined;

  beforeAll(async () => {
    broker = await startTestMosquitto(SECRETS);
    db = await createTestDatabase(stack.postgresUrl, 'kiosk_fleet_offline');
    for (const name of ['a', 'b']) {
      const monitor = new FleetMonitor(
        monitorConfigOn(broker, db.url, {
          clientId: `offline-extract-${name}`,
          sweepIntervalMs: 500,
          withoutKiosks: true,
          reconnectPeriodMs: 100,
        }),
      );
      await monitor.start();
      monitors.push(monitor);
    }
  });
  afterEach(async () => {
    await kiosk?.stop();
    kiosk = undefined;
    await gate?.close();
  });
  afterAll(async () => {
    for (const monitor of monitors.splice(0)) await monitor.stop();
    await db?.drop();
    await broker?.close();
  });

  const [a, b] = [() => monitors[0]!, () => monitors[1]!];
  const row = async (monitor: FleetMonitor, id: string) =>
    (await monitor.store.commands(KIOSK)).find((command) => command.id === id);

  /** The kiosk through its gate, its extract handler counting its runs; online on the monitors. */
  async function startKiosk(): Promise<jest.Mock<CommandHandler>> {
    gate = await openTcpGate(broker.port);
    const handler = jest.fn<CommandHandler>(async (command: Command) => {
      if (command.type !== 'uploadJournalExtract') return { result: 'done' };
      await kiosk!.publishJournalExtract({ commandId: command.id, ...RANGE, transactions: 1, jsonl: JSONL });
      return { result: 'done' };
    });
    kiosk = new FleetPublisher({
      url: gate.url,
      kioskId: KIOSK,
      password: SECRETS.kiosks[KIOSK],
      version: '0.1.0-test',
      onCommand: handler,
      heartbeatIntervalS: 1,
      reconnectPeriodMs: 100,
      ackTimeoutMs: 1000,
    });
    const connected = once(kiosk, 'connected');
    kiosk.start();
    await connected;
    kiosk.publishStatus({ mode: 'inService', journeysOffered: ['balance'], devices: [] });
    await eventually(async () => (await b().store.kiosk(KIOSK))?.connection === 'online', 'online', {
      withinMs: 15_000,
    });
    return handler;
  }

  /** Cuts the kiosk's line; its last will marks it offline. */
  async function takeOffline(): Promise<void> {
    const disconnected = once(kiosk!, 'disconnected');
    gate.shut();
    await disconnected;
    await eventually(async () => (await a().store.kiosk(KIOSK))?.connection === 'offline', 'offline', {
      withinMs: 15_000,
    });
  }

  async function askWhileOffline(): Promise<Command> {
    const asked = await a().sendCommand(KIOSK, { type: 'uploadJournalExtract', ...RANGE }, 'ops');
    expect(await row(b(), asked.id)).toMatchObject({ result: null, expiresAt: asked.expiresAt });
    return asked;
  }

  async function answeredOnce(asked: Command, handler: jest.Mock<CommandHandler>): Promise<void> {
    // the extract and the ack may reach different monitors of the group: either may be stored first
    await eventually(
      async () =>
        (await row(b(), asked.id))?.result === 'done' &&
        (await a().store.journalExtractBody(KIOSK, asked.id)) !== undefined,
      'the kiosk answers with its extract',
      { withinMs: 20_000 },
    );
    expect(await b().store.journalExtractBody(KIOSK, asked.id)).toBe(JSONL);
    expect((await a().store.journalExtracts(KIOSK)).filter((row) => row.commandId === asked.id)).toHaveLength(
      1,
    );
    await eventually(() => kiosk!.repliesWaiting === 0, 'a monitor acks the ack and the extract', {
      withinMs: 10_000,
    });
    expect(handler).toHaveBeenCalledTimes(1);
  }

  describe('journal extract asked while the kiosk is offline, on Mosquitto with two monitors', () => {
    it('Mosquitto keeps it in the kiosk session: answered once the kiosk is back, run once, stored once', async () => {
      const handler = await startKiosk();
      await takeOffline();
      const asked = await askWhileOffline();
      gate.open = true;
      await answeredOnce(asked, handler);
    });

    it('the kiosk session lost meanwhile: the monitor that saw it come back sends it again', async () => {
      const handler = await startKiosk();
      await takeOffline();
      const asked = await askWhileOffline();
      // Mosquitto forgets the session and what it queued for it: a clean session under the kiosk's id
      await (
        await connectAsync(broker.url, {
          clientId: KIOSK,
          username: KIOSK,
          password: SECRETS.kiosks[KIOSK],
          clean: true,
          protocolVersion: 4,
        })
      ).endAsync();
      gate.open = true;
      await answeredOnce(asked, handler);
    });
  });
});

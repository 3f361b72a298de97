/**
 * Fault: a journal extract asked while the kiosk is off the broker (ADR 0011). The kiosk's
 * FleetPublisher against the fleet monitor's embedded broker, the kiosk's line through a TCP gate
 * that cuts it. The command waits in the monitor's command table ("waiting for the kiosk") and the
 * kiosk answers it once it is back, even when the broker lost its session meanwhile; an extract
 * made while the line is down goes when it is back; past the command's expiry the monitor records
 * it failed (TELEMETRY_COMMAND_EXPIRED) and the kiosk, back later, refuses it and uploads nothing.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { once } from 'node:events';
import { connectAsync } from 'mqtt';
import { openTcpGate, startTestFleet, type FleetMonitor, type TcpGate } from '@kiosk/fleet-monitor';
import type { Command } from '@kiosk/fleet-monitor/contract';
import { eventually } from '@kiosk/domain/testing';
import { FleetPublisher, type CommandHandler, type KioskStatusInput } from '../mqtt/fleet-publisher.js';

const STATUS: KioskStatusInput = { mode: 'inService', journeysOffered: ['balance'], devices: [] };
const RANGE = { from: '2026-11-26T00:00:00.000Z', to: '2026-11-27T00:00:00.000Z' };
const JSONL = '{"id":"JZ-0001-000001","journey":"balance","steps":[]}\n';

let fleet: FleetMonitor;
let gate: TcpGate;
let kiosk: FleetPublisher | undefined;

afterEach(async () => {
  await kiosk?.stop();
  kiosk = undefined;
  await gate.close();
  await fleet.stop();
});

/** the kiosk's extract handler: the journal read, the extract handed to the publisher, done */
function uploading(before: () => Promise<void> = async () => undefined): jest.Mock<CommandHandler> {
  return jest.fn<CommandHandler>(async (command: Command) => {
    if (command.type !== 'uploadJournalExtract') return { result: 'done' };
    await before();
    await kiosk!.publishJournalExtract({ commandId: command.id, ...RANGE, transactions: 1, jsonl: JSONL });
    return { result: 'done' };
  });
}

async function startKiosk(onCommand: CommandHandler): Promise<FleetPublisher> {
  kiosk = new FleetPublisher({
    url: gate.url,
    kioskId: 'k1',
    password: 'secret-1',
    version: '0.1.0-test',
    onCommand,
    reconnectPeriodMs: 50,
    ackTimeoutMs: 500,
  });
  const connected = once(kiosk, 'connected');
  kiosk.start();
  await connected;
  kiosk.publishStatus(STATUS);
  await eventually(async () => (await fleet.store.kiosk('k1'))?.connection === 'online', 'the kiosk online', {
    withinMs: 5_000,
  });
  return kiosk;
}

async function takeOffline(): Promise<void> {
  const disconnected = once(kiosk!, 'disconnected');
  gate.shut();
  await disconnected;
  await eventually(
    async () => (await fleet.store.kiosk('k1'))?.connection === 'offline',
    'the kiosk offline',
    { withinMs: 5_000 },
  );
}

const row = async (id: string) => (await fleet.store.commands('k1')).find((command) => command.id === id);

describe('journal extract asked while the kiosk is offline', () => {
  it('waits for the kiosk, and is answered once it is back, though the broker lost its session meanwhile', async () => {
    let url: string;
    ({ fleet, url } = await startTestFleet({ kiosks: { k1: 'secret-1' } }));
    gate = await openTcpGate(Number(new URL(url).port));
    const handler = uploading();
    await startKiosk(handler);
    await takeOffline();

    const asked = await fleet.sendCommand('k1', { type: 'uploadJournalExtract', ...RANGE }, 'ops');
    const waiting = await row(asked.id);
    expect(waiting).toMatchObject({ result: null, code: null, expiresAt: asked.expiresAt });
    expect(Date.parse(waiting!.expiresAt!) - Date.parse(asked.issuedAt)).toBe(86_400_000);
    // the broker forgets the kiosk's session and what it kept for it (as a broker restarted without
    // persistence would): a clean session under the kiosk's own id
    await (
      await connectAsync(url, { clientId: 'k1', username: 'k1', password: 'secret-1', clean: true })
    ).endAsync();

    gate.open = true;
    await eventually(async () => (await row(asked.id))?.result === 'done', 'the kiosk answers the command', {
      withinMs: 5_000,
    });
    expect(await fleet.store.journalExtractBody('k1', asked.id)).toBe(JSONL);
    await eventually(() => kiosk!.repliesWaiting === 0, 'the monitor acks the ack and the extract', {
      withinMs: 5_000,
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('the line drops while the kiosk reads its journal: the extract goes once the kiosk is back, the command done', async () => {
    let url: string;
    ({ fleet, url } = await startTestFleet({ kiosks: { k1: 'secret-1' } }));
    gate = await openTcpGate(Number(new URL(url).port));
    let read!: () => void;
    const journalRead = new Promise<void>((resolve) => (read = resolve));
    const handler = uploading(() => journalRead);
    await startKiosk(handler);

    const asked = await fleet.sendCommand('k1', { type: 'uploadJournalExtract', ...RANGE }, 'ops');
    await eventually(() => handler.mock.calls.length === 1, 'the kiosk reads its journal', {
      withinMs: 5_000,
    });
    await takeOffline();
    read();
    await eventually(() => kiosk!.repliesWaiting === 2, 'the kiosk keeps the extract and the ack', {
      withinMs: 5_000,
    });
    expect((await row(asked.id))?.result).toBeNull();

    gate.open = true;
    await eventually(async () => (await row(asked.id))?.result === 'done', 'the ack arrives', {
      withinMs: 5_000,
    });
    expect(await fleet.store.journalExtracts('k1')).toEqual([
      expect.objectContaining({ commandId: asked.id, transactions: 1 }),
    ]);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('not back within the command expiry: failed with TELEMETRY_COMMAND_EXPIRED; the kiosk back later refuses it and uploads nothing', async () => {
    let url: string;
    ({ fleet, url } = await startTestFleet({
      kiosks: { k1: 'secret-1' },
      commandExpiryS: 1,
      sweepIntervalMs: 100,
    }));
    gate = await openTcpGate(Number(new URL(url).port));
    const handler = uploading();
    await startKiosk(handler);
    await takeOffline();

    const asked = await fleet.sendCommand('k1', { type: 'uploadJournalExtract', ...RANGE }, 'ops');
    await eventually(async () => (await row(asked.id))?.result !== null, 'the command expires', {
      withinMs: 5000,
    });
    expect(await row(asked.id)).toMatchObject({ result: 'failed', code: 'TELEMETRY_COMMAND_EXPIRED' });

    // the broker kept the command in the kiosk's session: it arrives, late, and is refused
    const refused = once(kiosk!, 'commandRefused');
    gate.open = true;
    expect(await refused).toEqual([{ code: 'TELEMETRY_COMMAND_EXPIRED', commandId: asked.id }]);
    await eventually(() => kiosk!.repliesWaiting === 0, 'the monitor acks the refusal', { withinMs: 5_000 });
    expect(await row(asked.id)).toMatchObject({ result: 'failed', code: 'TELEMETRY_COMMAND_EXPIRED' });
    expect(await fleet.store.journalExtracts('k1')).toEqual([]);
    expect(handler).not.toHaveBeenCalled();
  });
});

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { FleetStore } from '../store/fleet-store.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { FleetIngest } from './fleet-ingest.js';

let store: FleetStore;
let ingest: FleetIngest;
let clock: Date;

beforeEach(() => {
  store = new SqliteFleetStore(':memory:');
  clock = new Date('2026-11-26T20:00:00.000Z');
  ingest = new FleetIngest(store, () => clock);
});
afterEach(() => store.close());

const send = (topic: string, body: unknown): Promise<void> =>
  ingest.accept(topic, Buffer.from(JSON.stringify(body)));

function status(
  kioskId: string,
  paper: 'ok' | 'low' | 'empty',
  device: 'online' | 'hardwareError' = 'online',
): object {
  return {
    connection: 'online',
    kioskId,
    mode: paper === 'empty' ? 'degraded' : 'inService',
    version: '0.1.0',
    journeysOffered: ['balance'],
    devices: [{ kind: 'receiptPrinter', device, supplies: [{ name: 'paper', level: paper }] }],
    heartbeatIntervalS: 10,
    at: clock.toISOString(),
  };
}

const activeKeys = async (): Promise<string[]> =>
  (await store.activeAlerts()).map((alert) => `${alert.kioskId}:${alert.key}`);

describe('fleet ingest', () => {
  it('raises a supply alert when paper runs out and clears it when the refill is reported', async () => {
    await send('kiosk/k1/status', status('k1', 'ok'));
    expect(await activeKeys()).toEqual([]);
    await send('kiosk/k1/status', status('k1', 'empty'));
    expect(await store.activeAlerts()).toMatchObject([
      { kioskId: 'k1', kind: 'supplyEmpty', key: 'supply/receiptPrinter/paper' },
    ]);
    await send('kiosk/k1/status', status('k1', 'ok'));
    expect(await activeKeys()).toEqual([]);
    expect((await store.alertHistory())[0]!.clearedAt).not.toBeNull();
  });

  it('raises a device fault alert from a status and from an event, once', async () => {
    await send('kiosk/k1/status', status('k1', 'ok', 'hardwareError'));
    await send('kiosk/k1/events', {
      id: randomUUID(),
      kioskId: 'k1',
      seq: 0,
      at: clock.toISOString(),
      type: 'deviceFault',
      device: 'receiptPrinter',
      code: 'PRINTER_CUTTER_ERROR',
    });
    expect(await activeKeys()).toEqual(['k1:fault/receiptPrinter']);
  });

  it('stores a replayed event once', async () => {
    const event = {
      id: randomUUID(),
      kioskId: 'k1',
      seq: 3,
      at: clock.toISOString(),
      type: 'anomaly',
      code: 'DOOR_OPENED',
    };
    await send('kiosk/k1/events', event);
    await send('kiosk/k1/events', event);
    expect(await store.recentEvents('k1')).toHaveLength(1);
    expect(ingest.counters).toMatchObject({ events: 1, duplicateEvents: 1 });
    expect(await activeKeys()).toEqual([`k1:anomaly/${event.id}`]);
  });

  it('a staff alert the kiosk tells again under its id (a restart during an outage) is stored once and raises nothing again, even once resolved', async () => {
    const base = { kioskId: 'k1', at: clock.toISOString(), type: 'recoveryNeedsStaff' };
    const paper = { device: 'receiptPrinter', supply: 'paper' };
    const act = { ...base, id: randomUUID(), seq: 6, code: 'MAINTENANCE_SUPPLY_UNSETTLED', ...paper };
    const withdrawal = {
      ...base,
      id: randomUUID(),
      seq: 7,
      code: 'SELF_TEST_FAILED',
      cause: 'WITHDRAWAL_UNDECIDED',
    };
    for (const event of [act, withdrawal, act, withdrawal]) await send('kiosk/k1/events', event);
    expect(await store.recentEvents('k1')).toHaveLength(2);
    expect(ingest.counters).toMatchObject({ events: 2, duplicateEvents: 2 });
    expect(await activeKeys()).toEqual(['k1:supplyAct/receiptPrinter/paper', 'k1:recovery/SELF_TEST_FAILED']);
    // staff answered the act and settled the withdrawal: told again after that, nothing comes back
    const refill = {
      ...base,
      id: randomUUID(),
      seq: 8,
      type: 'maintenance',
      action: 'refill',
      ...paper,
      count: 1,
    };
    await send('kiosk/k1/events', refill);
    await send('kiosk/k1/status', status('k1', 'ok'));
    expect(await activeKeys()).toEqual([]);
    for (const event of [act, withdrawal]) await send('kiosk/k1/events', event);
    expect(await activeKeys()).toEqual([]);
    expect(ingest.counters).toMatchObject({ duplicateEvents: 4 });
  });

  it('a recovery that needs staff, and events the kiosk had to drop, each raise an alert to acknowledge', async () => {
    const base = { kioskId: 'k1', seq: 4, at: clock.toISOString() };
    await send('kiosk/k1/events', {
      ...base,
      id: randomUUID(),
      type: 'recoveryNeedsStaff',
      code: 'CARD_STATE_CONFLICT',
    });
    await send('kiosk/k1/events', { ...base, id: randomUUID(), seq: 5, type: 'eventsDropped', count: 12 });
    expect(await store.activeAlerts()).toMatchObject([
      { kind: 'recoveryNeedsStaff', key: 'recovery/CARD_STATE_CONFLICT', code: 'CARD_STATE_CONFLICT' },
      { kind: 'anomaly', code: 'TELEMETRY_EVENTS_DROPPED' },
    ]);
  });

  it('last will: marks the kiosk offline and raises the offline alert; its next status clears it', async () => {
    await send('kiosk/k1/status', status('k1', 'ok'));
    await send('kiosk/k1/status', {
      connection: 'offline',
      kioskId: 'k1',
      cause: 'lastWill',
      at: clock.toISOString(),
    });
    expect((await store.kiosk('k1'))?.connection).toBe('offline');
    expect(await store.activeAlerts()).toMatchObject([{ kind: 'offline', code: 'LAST_WILL' }]);
    await send('kiosk/k1/status', status('k1', 'ok'));
    expect(await activeKeys()).toEqual([]);
  });

  it('heartbeat missed: a kiosk silent for three intervals goes offline', async () => {
    await send('kiosk/k1/status', status('k1', 'ok'));
    clock = new Date(clock.getTime() + 29_000);
    expect(await ingest.sweepSilentKiosks()).toEqual([]);
    await send('kiosk/k1/heartbeat', {
      kioskId: 'k1',
      seq: 1,
      at: clock.toISOString(),
      uptimeS: 29,
      queued: 0,
    });
    clock = new Date(clock.getTime() + 31_000);
    expect(await ingest.sweepSilentKiosks()).toEqual(['k1']);
    expect(await store.activeAlerts()).toMatchObject([{ kind: 'offline', code: 'HEARTBEAT_MISSED' }]);
  });

  it('payload for another kiosk than its topic: rejected, nothing stored', async () => {
    await send('kiosk/k1/status', status('k2', 'empty'));
    expect(await store.kiosks()).toEqual([]);
    expect(ingest.counters.rejected).toBe(1);
  });

  it('malformed payloads are counted and dropped, never thrown', async () => {
    await expect(ingest.accept('kiosk/k1/events', Buffer.from('{not json'))).resolves.toBeUndefined();
    await send('kiosk/k1/events', { kioskId: 'k1', type: 'deviceFault' });
    await send('kiosk/k1/heartbeat', { kioskId: 'k1', seq: -1 });
    await send('other/topic', {});
    expect(ingest.counters.rejected).toBe(4);
  });

  it('store failure: counted and reported, never thrown into the broker', async () => {
    await store.close();
    const rejected: string[] = [];
    ingest.on('rejected', ({ reason }) => rejected.push(reason));
    await expect(send('kiosk/k1/status', status('k1', 'ok'))).resolves.toBeUndefined();
    expect(ingest.counters.failed).toBe(1);
    expect(rejected[0]).toMatch(/^not stored: /);
    store = new SqliteFleetStore(':memory:'); // for afterEach
  });

  it('records a command ack once, and only from the kiosk the command went to', async () => {
    const id = randomUUID();
    await store.saveCommand({
      id,
      kioskId: 'k1',
      type: 'inService',
      issuedAt: clock.toISOString(),
      issuedBy: 'ops',
    });
    await send('kiosk/k2/commands/ack', {
      commandId: id,
      kioskId: 'k2',
      result: 'done',
      at: clock.toISOString(),
    });
    expect((await store.commands('k1'))[0]!.result).toBeNull();
    await send('kiosk/k1/commands/ack', {
      commandId: id,
      kioskId: 'k1',
      result: 'done',
      at: clock.toISOString(),
    });
    expect((await store.commands('k1'))[0]).toMatchObject({ result: 'done' });
  });
});

describe('daily counts', () => {
  it('counts cards issued, withdrawals, completed and failed journeys per day, per kiosk or fleet-wide', async () => {
    const outcome = (kioskId: string, at: string, journey: string, result: string): Promise<void> =>
      send(`kiosk/${kioskId}/events`, {
        id: randomUUID(),
        kioskId,
        seq: 0,
        at,
        type: 'journeyOutcome',
        journey,
        outcome: result,
        durationMs: 1,
      });
    await outcome('k1', '2026-11-25T09:00:00.000Z', 'issueCard', 'completed');
    await outcome('k1', '2026-11-25T10:00:00.000Z', 'withdraw', 'completed');
    await outcome('k2', '2026-11-25T11:00:00.000Z', 'withdraw', 'failed');
    await outcome('k2', '2026-11-26T09:00:00.000Z', 'replaceCard', 'completed');
    await outcome('k2', '2026-11-20T09:00:00.000Z', 'withdraw', 'completed');
    expect(await store.dailyCounts('2026-11-24')).toEqual([
      { day: '2026-11-25', cardsIssued: 1, withdrawals: 1, completed: 2, failed: 1 },
      { day: '2026-11-26', cardsIssued: 1, withdrawals: 0, completed: 1, failed: 0 },
    ]);
    expect(await store.dailyCounts('2026-11-24', 'k1')).toEqual([
      { day: '2026-11-25', cardsIssued: 1, withdrawals: 1, completed: 2, failed: 0 },
    ]);
  });
});

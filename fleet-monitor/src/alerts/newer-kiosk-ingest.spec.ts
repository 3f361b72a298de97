/**
 * Kiosks and the monitor are upgraded at different times (ADR 0018): what a kiosk one release
 * ahead sends is kept, its unknown parts left out or kept as sent, counted and told once; what an
 * older kiosk sends is kept with what it leaves out "not reported".
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { FleetStore } from '../store/fleet-store.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { FleetIngest, type FleetIngestEvents } from './fleet-ingest.js';

let store: FleetStore;
let ingest: FleetIngest;
let told: FleetIngestEvents['unknown'][0][];
let stored: string[];
const at = '2026-11-27T09:00:00.000Z';

beforeEach(() => {
  store = new SqliteFleetStore(':memory:');
  ingest = new FleetIngest(store, () => new Date(at));
  told = [];
  stored = [];
  ingest.on('unknown', (part) => told.push(part));
  ingest.on('eventStored', ({ id }) => stored.push(id));
  ingest.on('replyStored', ({ commandId }) => stored.push(commandId));
});
afterEach(() => store.close());

const send = (topic: string, body: unknown): Promise<void> =>
  ingest.accept(topic, Buffer.from(JSON.stringify(body)));

/** a status as this release's kiosk sends it */
function status(kioskId: string, change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    connection: 'online',
    kioskId,
    mode: 'inService',
    version: '0.9.0',
    hallId: 'hall-1',
    journeysOffered: ['balance'],
    devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'empty' }] }],
    heartbeatIntervalS: 10,
    at,
    ...change,
  };
}

const event = (body: Record<string, unknown>): Record<string, unknown> => ({
  id: randomUUID(),
  kioskId: 'k1',
  seq: 1,
  at,
  ...body,
});

describe('a newer kiosk', () => {
  it("a kiosk's unknown device kind, device state, supply level, mode and journey keep its status on the dashboard", async () => {
    const devices = [
      { kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'empty' }] },
      { kind: 'coinHopper', device: 'sleeping', supplies: [{ name: 'coins', level: 'halfFull' }] },
    ];
    await send(
      'kiosk/k1/status',
      status('k1', { mode: 'updating', journeysOffered: ['balance', 'pension'], devices }),
    );
    const kept = (await store.kiosk('k1'))?.status;
    expect(kept).toMatchObject({ mode: 'updating', journeysOffered: ['balance', 'pension'], devices });
    // what the monitor knows of it still raises its alerts
    expect((await store.activeAlerts()).map((alert) => alert.key)).toEqual(['supply/receiptPrinter/paper']);
    expect(ingest.counters).toMatchObject({ status: 1, rejected: 0, withUnknown: 1 });
    expect(told.map((part) => part.part).sort()).toEqual([
      'value devices.1.device=sleeping',
      'value devices.1.kind=coinHopper',
      'value devices.1.supplies.0.level=halfFull',
      'value journeysOffered.1=pension',
      'value mode=updating',
    ]);
  });

  it('an unknown value is told once, however many kiosks send it', async () => {
    await send('kiosk/k1/status', status('k1', { mode: 'updating' }));
    await send('kiosk/k2/status', status('k2', { mode: 'updating' }));
    await send('kiosk/k1/status', status('k1', { mode: 'updating', at: '2026-11-27T09:00:01.000Z' }));
    expect(told).toEqual([{ topic: 'kiosk/k1/status', kioskId: 'k1', part: 'value mode=updating' }]);
    expect(ingest.counters).toMatchObject({ status: 3, withUnknown: 3, rejected: 0 });
  });

  it("a kiosk's unknown field keeps its status, and the field's value is never stored", async () => {
    const devices = [
      {
        kind: 'receiptPrinter',
        device: 'online',
        supplies: [{ name: 'paper', level: 'ok', refilledBy: 'Zhang San' }],
        firmware: '2.1',
      },
    ];
    await send('kiosk/k1/status', status('k1', { devices, residentName: 'Li Si' }));
    const kept = (await store.kiosk('k1'))?.status;
    expect(kept?.devices).toEqual([
      { kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'ok' }] },
    ]);
    expect(JSON.stringify(await store.kiosks())).not.toMatch(/Li Si|Zhang San|2\.1/);
    expect(told.map((part) => part.part).sort()).toEqual([
      'field devices.0.firmware',
      'field devices.0.supplies.0.refilledBy',
      'field residentName',
    ]);
  });

  it("a kiosk's event of an unknown type is stored and acknowledged, its code and device kept", async () => {
    const body = event({ type: 'coinJam', device: 'coinHopper', code: 'COIN_JAM', note: 'free text' });
    await send('kiosk/k1/events', body);
    expect(stored).toEqual([body.id]);
    expect(await store.recentEvents('k1')).toEqual([
      {
        id: body.id,
        kioskId: 'k1',
        seq: 1,
        at,
        type: 'unknownType',
        sentType: 'coinJam',
        device: 'coinHopper',
        code: 'COIN_JAM',
      },
    ]);
    expect(told.map((part) => part.part)).toEqual(['value type=coinJam']);
  });

  it("a kiosk's fault on a device kind the monitor does not know raises its alert", async () => {
    await send('kiosk/k1/events', event({ type: 'deviceFault', device: 'coinHopper', code: 'COIN_JAM' }));
    expect(await store.activeAlerts()).toMatchObject([
      { kioskId: 'k1', kind: 'deviceFault', key: 'fault/coinHopper', code: 'COIN_JAM' },
    ]);
    expect(ingest.counters).toMatchObject({ events: 1, rejected: 0 });
  });

  it("a kiosk's maintenance action, journey and outcome the monitor does not know keep the event", async () => {
    const maintenance = event({
      type: 'maintenance',
      action: 'refillCoins',
      device: 'coinHopper',
      count: 200,
    });
    const outcome = event({
      seq: 2,
      type: 'journeyOutcome',
      journey: 'pension',
      outcome: 'handedToStaff',
      durationMs: 5000,
      extra: 1,
    });
    await send('kiosk/k1/events', maintenance);
    await send('kiosk/k1/events', outcome);
    expect(stored).toEqual([maintenance.id, outcome.id]);
    const { extra: _left, ...kept } = outcome;
    expect(await store.recentEvents('k1')).toEqual(expect.arrayContaining([maintenance, kept]));
  });

  it("a kiosk's heartbeat with an unknown field keeps it online", async () => {
    await send('kiosk/k1/status', status('k1'));
    await send('kiosk/k1/status', { connection: 'offline', kioskId: 'k1', cause: 'lastWill', at });
    await send('kiosk/k1/heartbeat', { kioskId: 'k1', seq: 4, at, uptimeS: 30, queued: 0, cpuTempC: 51 });
    expect((await store.kiosk('k1'))?.connection).toBe('online');
    expect(ingest.counters).toMatchObject({ heartbeats: 1, rejected: 0 });
  });

  it("a kiosk's offline status with an unknown cause marks it offline", async () => {
    await send('kiosk/k1/status', status('k1'));
    await send('kiosk/k1/status', { connection: 'offline', kioskId: 'k1', cause: 'powerLoss', at });
    expect((await store.kiosk('k1'))?.connection).toBe('offline');
    expect((await store.activeAlerts()).find((alert) => alert.key === 'offline')?.code).toBe('LAST_WILL');
  });

  it("a kiosk's command acknowledgement with an unknown field is stored and acknowledged", async () => {
    const commandId = randomUUID();
    await store.saveCommand({ id: commandId, kioskId: 'k1', type: 'restart', issuedAt: at, issuedBy: 'op' });
    await send('kiosk/k1/commands/ack', {
      commandId,
      kioskId: 'k1',
      result: 'done',
      at,
      tookMs: 20,
    });
    expect(stored).toEqual([commandId]);
    expect((await store.commands('k1'))[0]).toMatchObject({ result: 'done' });
  });

  it('still refuses what is broken, not merely newer', async () => {
    await send('kiosk/k1/status', status('k1', { at: 'yesterday' }));
    await send('kiosk/k1/status', status('k1', { mode: 'free text with spaces' }));
    await send('kiosk/k1/events', event({ type: 'deviceFault', device: 'coinHopper', code: 'jam' }));
    expect(ingest.counters).toMatchObject({ status: 0, events: 0, rejected: 3 });
  });
});

describe('an older kiosk', () => {
  it("a first-release kiosk's status without a hall is kept, its hall not reported", async () => {
    const { hallId: _none, ...firstRelease } = status('k1');
    await send('kiosk/k1/status', firstRelease);
    expect((await store.kiosk('k1'))?.status).toEqual(firstRelease);
    expect(ingest.counters).toMatchObject({ status: 1, rejected: 0, withUnknown: 0 });
  });
});

/**
 * The fault: the fleet heard of a staff supply act left for staff (ADR 0022) only from one event a
 * daemon start, and of staff's answer only from that supply's refill or emptying event. An event
 * lost on the way (the kiosk's queue full while it was off the broker, its queue file set aside)
 * left the operator without the alert, or with one that never resolved. The kiosk's retained status
 * now lists every act still waiting (`supplyActsLeft`): each status raises the alert of each act
 * listed and resolves those no longer listed; a status that does not list them (an older kiosk)
 * leaves the alerts to the events as before. The ingest on the SQLite store, as the monitor runs it.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { FleetIngest } from './fleet-ingest.js';

const KEY = 'supplyAct/receiptPrinter/paper';
const PAPER = { device: 'receiptPrinter', supply: 'paper' };

describe('a supply act left for staff, its event lost', () => {
  let store: SqliteFleetStore;
  let ingest: FleetIngest;
  let clock = Date.parse('2026-11-28T06:00:00.000Z');
  const at = () => new Date((clock += 1000)).toISOString();
  const status = (extra: Record<string, unknown> = {}) => ({
    connection: 'online',
    kioskId: 'k1',
    mode: 'inService',
    version: '1',
    journeysOffered: ['balance'],
    devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'ok' }] }],
    heartbeatIntervalS: 10,
    at: at(),
    ...extra,
  });
  const send = (channel: string, body: object) =>
    ingest.accept(`kiosk/k1/${channel}`, Buffer.from(JSON.stringify(body)));
  const event = (body: Record<string, unknown>) =>
    send('events', { id: randomUUID(), kioskId: 'k1', seq: 1, at: at(), ...body });
  const active = async () => (await store.activeAlerts()).map(({ kind, key, code }) => ({ kind, key, code }));

  beforeEach(() => {
    store = new SqliteFleetStore(':memory:');
    ingest = new FleetIngest(store);
  });
  afterEach(async () => {
    await store.close();
  });

  it('fault: the event never came: the status listing the act raises its alert, once', async () => {
    await send('status', status({ supplyActsLeft: [PAPER] }));
    await send('status', status({ supplyActsLeft: [PAPER] }));
    expect(await active()).toEqual([
      { kind: 'recoveryNeedsStaff', key: KEY, code: 'MAINTENANCE_SUPPLY_UNSETTLED' },
    ]);
    expect(await store.alertHistory()).toHaveLength(1);
  });

  it("fault: staff's answer never came: the status no longer listing the act resolves its alert", async () => {
    await event({ type: 'recoveryNeedsStaff', code: 'MAINTENANCE_SUPPLY_UNSETTLED', ...PAPER });
    await send('status', status({ supplyActsLeft: [PAPER] }));
    expect(await active()).toMatchObject([{ key: KEY }]);
    await send('status', status({ supplyActsLeft: [] }));
    expect(await active()).toEqual([]);
    expect(await store.alertHistory()).toMatchObject([{ key: KEY, clearedAt: expect.any(String) }]);
  });

  it('an act of another supply stays while one is answered', async () => {
    const bin = { device: 'cardPrinter', supply: 'rejectBin' };
    await send('status', status({ supplyActsLeft: [PAPER, bin] }));
    await send('status', status({ supplyActsLeft: [bin] }));
    expect((await active()).map((a) => a.key)).toEqual(['supplyAct/cardPrinter/rejectBin']);
  });

  it('a kiosk of the release before lists none: its event raises the alert and its status leaves it', async () => {
    await event({ type: 'recoveryNeedsStaff', code: 'MAINTENANCE_SUPPLY_UNSETTLED', ...PAPER });
    await send('status', status());
    expect(await active()).toMatchObject([{ key: KEY }]);
    // its answer, told as that supply's refill, resolves it as before
    await event({ type: 'maintenance', action: 'refill', ...PAPER, count: 1 });
    expect(await active()).toEqual([]);
  });

  it('a kiosk a release ahead: an act on a device this monitor does not know raises its alert as named', async () => {
    await send('status', status({ supplyActsLeft: [{ device: 'coinHopper', supply: 'coins' }] }));
    expect(await active()).toMatchObject([{ key: 'supplyAct/coinHopper/coins' }]);
  });

  it('fault: a supply written as free text is refused with the status, as any name out of form', async () => {
    await send(
      'status',
      status({ supplyActsLeft: [{ device: 'receiptPrinter', supply: 'the paper roll' }] }),
    );
    expect(ingest.counters.rejected).toBe(1);
    expect(await active()).toEqual([]);
  });

  it("a field of an act a newer kiosk adds is left out, the act's alert raised", async () => {
    await send('status', status({ supplyActsLeft: [{ ...PAPER, quantity: 3 }] }));
    expect(ingest.counters).toMatchObject({ rejected: 0, withUnknown: 1 });
    expect(await active()).toMatchObject([{ key: KEY }]);
  });
});

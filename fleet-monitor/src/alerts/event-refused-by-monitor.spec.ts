/**
 * Fault: an event the monitor refuses was never acknowledged, so the kiosk sent it again until its
 * bounded queue dropped it (`event-refused-by-monitor-resent-until-dropped` in the kiosk daemon, end
 * to end). The ingest now tells each event it refuses for good by its id and a code, which the
 * monitor sends the kiosk as a refusal (`refusedEvents`); an event it may store when it comes again
 * (the store failed) is not refused, nor one of a newer kiosk it reads open (ADR 0018).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EVENT_REFUSALS } from '../contract/event-ack.contract.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { FleetIngest, type FleetIngestEvents } from './fleet-ingest.js';

let store: SqliteFleetStore;
let ingest: FleetIngest;
let refused: FleetIngestEvents['eventRefused'][0][];
let stored: string[];

beforeEach(() => {
  store = new SqliteFleetStore(':memory:');
  ingest = new FleetIngest(store, () => new Date('2026-11-29T10:00:00.000Z'));
  refused = [];
  stored = [];
  ingest.on('eventRefused', (refusal) => refused.push(refusal));
  ingest.on('eventStored', ({ id }) => stored.push(id));
});
afterEach(() => store.close());

const send = (kioskId: string, body: unknown): Promise<void> =>
  ingest.accept(`kiosk/${kioskId}/events`, Buffer.from(JSON.stringify(body)));

const anomaly = (extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  kioskId: 'k1',
  seq: 1,
  at: '2026-11-29T09:59:00.000Z',
  type: 'anomaly',
  code: 'PIN_BLOCKED',
  ...extra,
});

describe('event-refused-by-monitor-resent-until-dropped (the monitor)', () => {
  it('an event out of the contract is refused by its id, coded; one of another kiosk likewise', async () => {
    const broken = anomaly({ code: 'pin blocked' });
    await send('k1', broken);
    const stolen = anomaly({ kioskId: 'k2' });
    await send('k1', stolen);
    expect(refused).toEqual([
      { kioskId: 'k1', id: broken.id, code: EVENT_REFUSALS.malformed },
      { kioskId: 'k1', id: stolen.id, code: EVENT_REFUSALS.otherKiosk },
    ]);
    expect(stored).toEqual([]);
    expect(ingest.counters.rejected).toBe(2);
  });

  it('one without an id of its form cannot be named: refused to no one, counted', async () => {
    await send('k1', anomaly({ id: 'not-an-id', code: 'pin blocked' }));
    expect(refused).toEqual([]);
    expect(ingest.counters.rejected).toBe(1);
  });

  it("a newer kiosk's event of a type this monitor does not know is stored, not refused", async () => {
    const newer = anomaly({ type: 'cameraCalibrated', code: 'CAMERA_OK' });
    await send('k1', newer);
    expect(refused).toEqual([]);
    expect(stored).toEqual([newer.id]);
  });

  it('an event the store could not take is neither refused nor acked: the kiosk sends it again', async () => {
    store.close();
    await send('k1', anomaly());
    expect(refused).toEqual([]);
    expect(stored).toEqual([]);
    expect(ingest.counters.failed).toBe(1);
    store = new SqliteFleetStore(':memory:');
  });
});

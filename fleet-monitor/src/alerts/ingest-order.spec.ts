/**
 * The order the ingest stores messages in: one line by default (SQLite), one line per kiosk with
 * `linePerKiosk` (PostgreSQL), where a slow kiosk holds back only its own messages.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { TelemetryEvent } from '../contract/telemetry.contract.js';
import type { FleetStore } from '../store/fleet-store.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { FleetIngest } from './fleet-ingest.js';

let inner: SqliteFleetStore;
let release: () => void;
let stored: string[];

/** The SQLite store, with the first event of kiosk `slow` held until `release()`. */
function storeWithASlowKiosk(): FleetStore {
  let held = false;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return new Proxy(inner, {
    get(target, name, receiver) {
      if (name !== 'saveEvent') return Reflect.get(target, name, receiver) as unknown;
      return async (event: TelemetryEvent, now: string): Promise<boolean> => {
        if (event.kioskId === 'slow' && !held) {
          held = true;
          await gate;
        }
        stored.push(`${event.kioskId}:${event.seq}`);
        return target.saveEvent(event, now);
      };
    },
  });
}

const message = (kioskId: string, seq: number): [string, Buffer] => [
  `kiosk/${kioskId}/events`,
  Buffer.from(
    JSON.stringify({
      id: randomUUID(),
      kioskId,
      seq,
      at: new Date().toISOString(),
      type: 'anomaly',
      code: 'DOOR_OPENED',
    }),
  ),
];

beforeEach(() => {
  inner = new SqliteFleetStore(':memory:');
  stored = [];
});
afterEach(() => inner.close());

describe('ingest order', () => {
  it('one line: a slow message holds back every message after it, whichever kiosk', async () => {
    const ingest = new FleetIngest(storeWithASlowKiosk());
    const slow = ingest.accept(...message('slow', 0));
    const fast = ingest.accept(...message('fast', 0));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stored).toEqual([]);
    release();
    await Promise.all([slow, fast]);
    expect(stored).toEqual(['slow:0', 'fast:0']);
  });

  it('a line per kiosk: another kiosk goes on, the slow kiosk keeps its own order', async () => {
    const ingest = new FleetIngest(storeWithASlowKiosk(), () => new Date(), { linePerKiosk: true });
    const first = ingest.accept(...message('slow', 0));
    const second = ingest.accept(...message('slow', 1));
    await ingest.accept(...message('fast', 0));
    expect(stored).toEqual(['fast:0']);
    release();
    await Promise.all([first, second]);
    await ingest.settled();
    expect(stored).toEqual(['fast:0', 'slow:0', 'slow:1']);
  });
});

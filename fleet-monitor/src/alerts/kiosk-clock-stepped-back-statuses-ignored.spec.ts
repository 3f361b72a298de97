/**
 * Fault: a kiosk whose clock stepped back (NTP correcting a clock that ran fast, an RTC that lost
 * its battery at a restart) had its statuses ignored by the monitor until its clock caught up with
 * the last status's time: the monitor ordered a kiosk's statuses by the kiosk's `at` alone, so it
 * kept the last status before the step (in service, say, while the kiosk was out of service) for
 * minutes or hours, and the alerts the later statuses called for were neither raised nor cleared.
 * The kiosk now numbers its statuses (`run`: an id per start of its fleet link, a count within it)
 * and the monitor orders by that (`status-order.ts`); a kiosk of a release before, which sends no
 * run, is ordered by `at` as before.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { OnlineStatus, StatusRun } from '../contract/telemetry.contract.js';
import type { FleetStore } from '../store/fleet-store.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { FleetIngest } from './fleet-ingest.js';

let store: FleetStore;
let ingest: FleetIngest;

beforeEach(() => {
  store = new SqliteFleetStore(':memory:');
  ingest = new FleetIngest(store);
});
afterEach(() => store.close());

/** the kiosk's clock: an hour fast, right, set back to the year 2000 by an RTC without its battery */
const FAST = '2026-11-29T10:00:00.000Z';
const RIGHT = '2026-11-29T09:05:00.000Z';
const RTC_RESET = '2000-01-01T00:00:10.000Z';

/** k1's status at `at`: in service, or out of service with its card reader down */
function status(inService: boolean, at: string, run?: StatusRun): OnlineStatus {
  return {
    connection: 'online',
    kioskId: 'k1',
    mode: inService ? 'inService' : 'outOfService',
    ...(!inService && { reason: 'CARD_READER_DOWN', reasons: ['CARD_READER_DOWN'] }),
    version: '1.0.0',
    journeysOffered: inService ? ['balance'] : [],
    devices: [{ kind: 'cardReader', device: inService ? 'online' : 'offline', supplies: [] }],
    heartbeatIntervalS: 10,
    ...(run !== undefined && { run }),
    at,
  };
}

const send = (body: OnlineStatus): Promise<void> =>
  ingest.accept('kiosk/k1/status', Buffer.from(JSON.stringify(body)));
const mode = async () => (await store.kiosk('k1'))?.status?.mode;
const alertKeys = async () => (await store.activeAlerts()).map((alert) => alert.key);

describe('kiosk-clock-stepped-back-statuses-ignored', () => {
  it('kiosk-clock-stepped-back-statuses-ignored: NTP steps the clock back an hour, the kiosk goes out of service and back: the monitor follows at once, its alert raised and cleared', async () => {
    const run = randomUUID();
    await send(status(true, FAST, { id: run, seq: 0 }));
    await send(status(false, RIGHT, { id: run, seq: 1 }));
    expect(await mode()).toBe('outOfService');
    expect(await alertKeys()).toEqual(['fault/cardReader']);
    await send(status(true, '2026-11-29T09:06:00.000Z', { id: run, seq: 2 }));
    expect(await mode()).toBe('inService');
    expect(await alertKeys()).toEqual([]);
  });

  it('a restart with its RTC reset to 2000: the new run is the kiosk now, its alert raised', async () => {
    await send(status(true, RIGHT, { id: randomUUID(), seq: 7 }));
    await send(status(false, RTC_RESET, { id: randomUUID(), seq: 0 }));
    expect(await mode()).toBe('outOfService');
    expect(await alertKeys()).toEqual(['fault/cardReader']);
  });

  it('the first status of a kiosk upgraded to number its statuses is taken whatever its time', async () => {
    await send(status(true, FAST));
    await send(status(false, RIGHT, { id: randomUUID(), seq: 0 }));
    expect(await mode()).toBe('outOfService');
  });

  it('a late status of the same run (lower count) is refused, however late its time; the same status sent again is taken', async () => {
    const run = randomUUID();
    await send(status(false, RIGHT, { id: run, seq: 4 }));
    await send(status(true, FAST, { id: run, seq: 3 }));
    expect(await mode()).toBe('outOfService');
    expect(await alertKeys()).toEqual(['fault/cardReader']);
    await send(status(false, RIGHT, { id: run, seq: 4 }));
    expect((await store.kiosk('k1'))?.status?.run).toEqual({ id: run, seq: 4 });
  });

  it('a late status of a run that has ended (a redelivery after the restart) is refused, its alert not cleared', async () => {
    const before = randomUUID();
    await send(status(true, RIGHT, { id: before, seq: 3 }));
    await send(status(false, RTC_RESET, { id: randomUUID(), seq: 0 }));
    await send(status(true, FAST, { id: before, seq: 4 }));
    expect(await mode()).toBe('outOfService');
    expect(await alertKeys()).toEqual(['fault/cardReader']);
  });

  it('a kiosk of a release before (no run) is ordered by its time, as before', async () => {
    await send(status(true, RIGHT));
    await send(status(false, '2026-11-29T09:00:00.000Z'));
    expect(await mode()).toBe('inService');
    await send(status(false, '2026-11-29T09:06:00.000Z'));
    expect(await mode()).toBe('outOfService');
  });

  it("a monitor's SQLite file of a release before (no ended runs kept) reads on, its kiosks ordered by their runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleet-before-runs-'));
    try {
      const path = join(dir, 'fleet.sqlite');
      const before = new Database(path);
      before.exec(`CREATE TABLE kiosks (kiosk_id TEXT PRIMARY KEY, connection TEXT NOT NULL, status_json TEXT,
        last_seen_at TEXT NOT NULL, heartbeat_interval_s INTEGER NOT NULL DEFAULT 10, last_heartbeat_seq INTEGER)`);
      before
        .prepare(`INSERT INTO kiosks VALUES ('k1', 'online', ?, ?, 10, NULL)`)
        .run(JSON.stringify(status(true, FAST)), FAST);
      before.close();
      const reopened = new SqliteFleetStore(path);
      try {
        expect(await reopened.saveStatus(status(false, RIGHT, { id: randomUUID(), seq: 0 }), RIGHT)).toBe(
          true,
        );
        expect((await reopened.kiosk('k1'))?.status?.mode).toBe('outOfService');
      } finally {
        await reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

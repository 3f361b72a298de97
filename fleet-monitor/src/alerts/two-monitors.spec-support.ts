/**
 * Two monitors on one store, for the specs of a kiosk's statuses stored out of order across monitors
 * (ADR 0011): two ingests on one SQLite store stand for them, the quick one storing the kiosk's
 * messages first, the slower after; k1's online and offline statuses numbered with their connection.
 */
import { afterEach, beforeEach } from '@jest/globals';
import type { OfflineStatus, OnlineStatus } from '../contract/telemetry.contract.js';
import type { FleetStore } from '../store/fleet-store.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { FleetIngest } from './fleet-ingest.js';
import { k1Online } from './k1-online.spec-support.js';

export interface TwoMonitors {
  readonly store: FleetStore;
  /** the monitor that stores the kiosk's messages first */
  readonly quick: FleetIngest;
  /** the slower one */
  readonly slow: FleetIngest;
}

/** A fresh store and its two monitors for each case (read `monitors()` inside the case). */
export function twoMonitors(): () => TwoMonitors {
  let current: TwoMonitors | undefined;
  beforeEach(() => {
    const store = new SqliteFleetStore(':memory:');
    current = { store, quick: new FleetIngest(store), slow: new FleetIngest(store) };
  });
  afterEach(() => current?.store.close());
  return () => current!;
}

export const RUN = { id: '0b7a5c2e-8f3d-4b61-9a0e-2f4c6d8e1a3b', seq: 3 };

/** k1 in service, sent on connection `connectionSeq` (none: a kiosk of a release before) */
export const online = (connectionSeq?: number): OnlineStatus =>
  k1Online(RUN, connectionSeq, '2026-11-29T09:00:00.000Z');

/** the offline status ending connection `connectionSeq`: its last will, or its clean stop */
export const offline = (
  connectionSeq?: number,
  cause: OfflineStatus['cause'] = 'lastWill',
): OfflineStatus => ({
  connection: 'offline',
  kioskId: 'k1',
  cause,
  ...(connectionSeq !== undefined && { connectionSeq }),
  at: '2026-11-29T09:00:00.000Z',
});

export const take = (monitor: FleetIngest, body: OnlineStatus | OfflineStatus): Promise<void> =>
  monitor.accept('kiosk/k1/status', Buffer.from(JSON.stringify(body)));

/** What the store says of k1: its connection, and its offline alerts raised and still active. */
export async function kioskSeen(store: FleetStore) {
  const row = await store.kiosk('k1');
  const offlineAlerts = (await store.alertHistory()).filter((alert) => alert.key === 'offline');
  return {
    connection: row?.connection,
    offlineRaised: offlineAlerts.length,
    offlineActive: offlineAlerts.filter((alert) => alert.clearedAt === null).length,
  };
}

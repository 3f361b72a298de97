/**
 * What one monitor's ingest tells the others on the same PostgreSQL (`PostgresChangeFeed`), and how
 * it takes theirs: with shared subscriptions each event, ack, extract and heartbeat reaches one
 * monitor, so whatever follows an ingest (the dashboard) hears the others' through it (`handled`,
 * `alertRaised`, `alertCleared`, `event`). Statuses are not relayed: every monitor gets them. A
 * heartbeat is told at most once per `HEARTBEAT_RELAY_EVERY_MS` per kiosk: a page on another monitor
 * refreshes a kiosk's last-seen time once a minute (`LAST_SEEN_PUSH_EVERY_MS`) from them, and the
 * heartbeats went to the monitor that took them only (a kiosk heard by its heartbeats alone showed
 * its last status's time there for hours), while relaying every one would be the fleet's whole
 * heartbeat rate in NOTIFYs.
 */
import type { FleetIngest } from '../alerts/fleet-ingest.js';
import { parseTelemetryTopic } from '../contract/telemetry.contract.js';
import { LAST_SEEN_PUSH_EVERY_MS } from '../dashboard/dashboard-feed.js';
import type { FleetChange } from './postgres-change-feed.js';

/** half the page's refresh: a page on another monitor refreshes within that refresh and this */
export const HEARTBEAT_RELAY_EVERY_MS = LAST_SEEN_PUSH_EVERY_MS / 2;

/**
 * Tells `publish` what `ingest` changes; answers the taker of the others' changes, which emits them
 * on `ingest` (and does not tell them back).
 */
export function relayIngest(
  ingest: FleetIngest,
  publish: (change: FleetChange) => void,
  now: () => number = Date.now,
): (change: FleetChange) => void {
  let remote = false;
  const heartbeatToldAt = new Map<string, number>();
  const tell = (change: FleetChange): void => {
    if (!remote) publish(change);
  };
  ingest.on('handled', (topic) => {
    const parsed = parseTelemetryTopic(topic);
    // statuses reach every monitor, a new event goes as `event`
    if (!parsed || parsed.channel === 'status' || parsed.channel === 'events') return;
    if (parsed.channel === 'heartbeat') {
      const toldAt = heartbeatToldAt.get(parsed.kioskId);
      if (toldAt !== undefined && now() - toldAt < HEARTBEAT_RELAY_EVERY_MS) return;
      if (!remote) heartbeatToldAt.set(parsed.kioskId, now());
    }
    tell({ kind: 'handled', topic });
  });
  ingest.on('alertRaised', (alert) => tell({ kind: 'alertRaised', alert }));
  ingest.on('alertCleared', (alert) => tell({ kind: 'alertCleared', alert }));
  ingest.on('event', (event) => tell({ kind: 'event', event }));
  return (change) => {
    remote = true;
    try {
      if (change.kind === 'handled') ingest.emit('handled', change.topic);
      else if (change.kind === 'event') {
        ingest.emit('event', change.event);
        ingest.emit('handled', `kiosk/${change.event.kioskId}/events`);
      } else if (change.kind === 'alertRaised') ingest.emit('alertRaised', change.alert);
      else ingest.emit('alertCleared', change.alert);
    } finally {
      remote = false;
    }
  };
}

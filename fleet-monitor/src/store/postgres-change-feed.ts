/**
 * What one fleet monitor changed, told to the others on the same PostgreSQL (LISTEN/NOTIFY on
 * channel `fleet_changes`): with shared subscriptions each event, ack and extract reaches one
 * monitor, and an alert is raised by whichever monitor stored it first, so a dashboard on another
 * monitor would not hear of it. Each monitor publishes its ingest's changes and hands the others'
 * to `onRemote`; its own come back from the server and are dropped by their `from`. Statuses and
 * last wills are not relayed: they reach every monitor anyway. Best effort: a change feed that
 * lost its connection connects again, and what was said meanwhile is not replayed (the store has
 * it; a page sees it at its next change or reload).
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { OneLine } from '@kiosk/domain';
import type { AlertKind } from './fleet-store.js';
import type { ReceivedEvent as TelemetryEvent } from '../contract/telemetry-reading.js';

export const FLEET_CHANGES_CHANNEL = 'fleet_changes';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more */
const MAX_PAYLOAD = 7900;
const RECONNECT_MS = 1000;

export type FleetChange =
  | { readonly kind: 'handled'; readonly topic: string }
  | {
      readonly kind: 'alertRaised';
      readonly alert: { kioskId: string; kind: AlertKind; key: string; code: string | null };
    }
  | { readonly kind: 'alertCleared'; readonly alert: { kioskId: string; key: string } }
  | { readonly kind: 'event'; readonly event: TelemetryEvent };

/** The little of pg's Client this feed uses (pg ships no types of its own). */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<unknown>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): void;
  on(event: 'error' | 'end', listener: (error?: Error) => void): void;
  end(): Promise<void>;
}
type PgModule = { Client: new (options: { connectionString: string }) => PgClient };

export class PostgresChangeFeed {
  /** this monitor, as its notifications say */
  readonly from = randomUUID();
  private client?: PgClient;
  private closed = false;
  private reconnect?: NodeJS.Timeout;
  /** the NOTIFYs, one query at a time on the client */
  private readonly sending = new OneLine();

  private constructor(
    private readonly url: string,
    private readonly onRemote: (change: FleetChange) => void,
  ) {}

  static async open(url: string, onRemote: (change: FleetChange) => void): Promise<PostgresChangeFeed> {
    const feed = new PostgresChangeFeed(url, onRemote);
    await feed.connect();
    return feed;
  }

  private async connect(): Promise<void> {
    const pg = createRequire(import.meta.url)('pg') as PgModule;
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel !== FLEET_CHANGES_CHANNEL || message.payload === undefined) return;
      let parsed: (FleetChange & { from?: string }) | undefined;
      try {
        parsed = JSON.parse(message.payload) as FleetChange & { from?: string };
      } catch {
        return;
      }
      if (parsed.from !== this.from) this.onRemote(parsed);
    });
    const lost = (): void => {
      if (this.client !== client) return;
      this.client = undefined;
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    await client.query(`LISTEN ${FLEET_CHANGES_CHANNEL}`);
    this.client = client;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      this.connect().catch(() => this.scheduleReconnect());
    }, RECONNECT_MS);
  }

  /** Tells the other monitors; never throws (a change that cannot be told is left to the store). */
  publish(change: FleetChange): void {
    const payload = JSON.stringify({ ...change, from: this.from });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) return;
    const client = this.client;
    if (!client) return;
    this.sending
      .run(() => client.query('SELECT pg_notify($1, $2)', [FLEET_CHANGES_CHANNEL, payload]))
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnect);
    const client = this.client;
    this.client = undefined;
    await this.sending.settled();
    await client?.end().catch(() => undefined);
  }
}

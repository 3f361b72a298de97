/**
 * The fleet monitor's store on PostgreSQL, for a large fleet: several monitors (each taking its
 * share of the broker's messages) write to one database. This class holds the kiosks' rows (statuses,
 * liveness) and events; the alerts are in `PostgresAlertStore`, the commands and extracts in
 * `PostgresCommandStore`, which it extends. TypeORM gives the pool and runs this
 * store's own migrations at open; the queries are the SQLite store's, in PostgreSQL's words.
 * Idempotence lives in the keys, not in the monitor: an event id is stored once
 * (`ON CONFLICT DO NOTHING`), one active alert per kiosk and key (a partial unique index), an
 * extract once per command, an acknowledgement once; so a message delivered twice, or to two
 * monitors, counts once. A status transaction that loses a deadlock to another monitor is tried
 * again.
 */
import { createRequire } from 'node:module';
import type * as TypeOrm from 'typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import type { StatusRun } from '../contract/telemetry.contract.js';
import type {
  ReceivedEvent as TelemetryEvent,
  ReceivedOnlineStatus as OnlineStatus,
} from '../contract/telemetry-reading.js';
import type { DailyCounts, FleetStore, KioskRow } from './fleet-store.js';
import type { OpenTransaction } from './sql-fleet-store.js';
import type { PostgresResult } from './postgres-command-store.js';
import { PostgresAlertStore } from './postgres-alert-store.js';
import { InitialFleetPostgres1764200000000 } from './migrations/postgres/1764200000000-initial-fleet.migration.js';
import { PendingCommandsPostgres1764300000000 } from './migrations/postgres/1764300000000-pending-commands.migration.js';
import { KioskEndedRunsPostgres1764400000000 } from './migrations/postgres/1764400000000-kiosk-ended-runs.migration.js';
import { KioskOfflineConnectionPostgres1764500000000 } from './migrations/postgres/1764500000000-kiosk-offline-connection.migration.js';
import { KioskEarlierCountPostgres1764600000000 } from './migrations/postgres/1764600000000-kiosk-earlier-count.migration.js';
import { connectionTakenSql, heartbeatTakenSql, orderAfter, type StoredOrder } from './status-order.js';

// TypeORM is CommonJS; required so that Node does not parse its index twice for named exports
const typeorm = createRequire(import.meta.url)('typeorm') as typeof TypeOrm;

export const FLEET_POSTGRES_MIGRATIONS = [
  InitialFleetPostgres1764200000000,
  PendingCommandsPostgres1764300000000,
  KioskEndedRunsPostgres1764400000000,
  KioskOfflineConnectionPostgres1764500000000,
  KioskEarlierCountPostgres1764600000000,
];

/** PostgreSQL's "deadlock detected" and "could not serialize": the transaction may simply be run again */
const RETRYABLE = new Set(['40P01', '40001']);
const TRANSACTION_ATTEMPTS = 3;

/** the stored status's connection, and whether an offline of connection `seq` is of the kiosk now (`status-order.ts`) */
const STORED_SEQ = `(kiosks.status_json ->> 'connectionSeq')::bigint`;
const connectionTaken = (seq: string): string =>
  connectionTakenSql(seq, STORED_SEQ, 'kiosks.earlier_count_seq');

const KIOSK_COLUMNS = `kiosk_id AS "kioskId", connection, status_json AS status, last_seen_at AS "lastSeenAt",
  heartbeat_interval_s AS "heartbeatIntervalS", last_heartbeat_seq AS "lastHeartbeatSeq"`;

export class PostgresFleetStore extends PostgresAlertStore implements FleetStore {
  protected override readonly transactionAttempts = TRANSACTION_ATTEMPTS;

  /** `runner` set: a store bound to one transaction (given to `transaction`'s work) */
  private constructor(
    private readonly dataSource: DataSource,
    private readonly runner?: QueryRunner,
  ) {
    super();
  }

  /** Connects (a small pool), runs the migrations not yet run, and answers the store. */
  static async open(url: string, poolSize = 8): Promise<PostgresFleetStore> {
    const dataSource = new typeorm.DataSource({
      type: 'postgres',
      url,
      migrations: FLEET_POSTGRES_MIGRATIONS,
      migrationsRun: true,
      synchronize: false,
      extra: { max: poolSize, connectionTimeoutMillis: 5000 },
    });
    await dataSource.initialize();
    return new PostgresFleetStore(dataSource);
  }

  protected async run(sql: string, params: unknown[]): Promise<PostgresResult> {
    const runner = this.runner ?? this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(sql, params, true);
      return { records: (result.records ?? []) as Record<string, unknown>[], affected: result.affected ?? 0 };
    } finally {
      if (runner !== this.runner) await runner.release();
    }
  }

  protected async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.run(sql, params)).records as T[];
  }

  /**
   * Whether the status is the kiosk's latest is decided on its row locked (`status-order.ts`), so a
   * monitor storing another status of the kiosk meanwhile waits for this one, then reads it.
   */
  saveStatus(status: OnlineStatus, now: string): Promise<boolean> {
    return this.transaction((store) => (store as PostgresFleetStore).saveStatusLocked(status, now));
  }

  private async saveStatusLocked(status: OnlineStatus, now: string): Promise<boolean> {
    const params = [status.kioskId, JSON.stringify(status), now, status.heartbeatIntervalS];
    for (;;) {
      const [row] = await this.rows<{
        at: string | null;
        run: StatusRun | null;
        connectionSeq: number | null;
        endedRuns: string[];
        offlineConnectionSeq: number | null;
        earlierCountSeq: number | null;
      }>(
        // the bigint as a number (exact below 2^53, as the contract's counts are)
        `SELECT status_json ->> 'at' AS at, status_json -> 'run' AS run,
           (status_json ->> 'connectionSeq')::float8 AS "connectionSeq", ended_runs AS "endedRuns",
           offline_connection_seq::float8 AS "offlineConnectionSeq", earlier_count_seq::float8 AS "earlierCountSeq"
         FROM kiosks WHERE kiosk_id = $1 FOR UPDATE`,
        [status.kioskId],
      );
      const stored: StoredOrder = {
        status:
          row?.at == null
            ? null
            : {
                at: row.at,
                ...(row.run !== null && { run: row.run }),
                ...(row.connectionSeq !== null && { connectionSeq: row.connectionSeq }),
              },
        endedRuns: row?.endedRuns ?? [],
        offlineConnectionSeq: row?.offlineConnectionSeq ?? null,
        earlierCountSeq: row?.earlierCountSeq ?? null,
      };
      const after = orderAfter(stored, status);
      if (!after) return false;
      const order = [JSON.stringify(after.endedRuns), after.offlineConnectionSeq, after.earlierCountSeq];
      if (row) {
        await this.run(
          `UPDATE kiosks SET connection = 'online', status_json = $2::jsonb, last_seen_at = $3,
             heartbeat_interval_s = $4, ended_runs = $5::jsonb, offline_connection_seq = $6,
             earlier_count_seq = $7 WHERE kiosk_id = $1`,
          [...params, ...order],
        );
        return true;
      }
      const { affected } = await this.run(
        `INSERT INTO kiosks (kiosk_id, connection, status_json, last_seen_at, heartbeat_interval_s, ended_runs,
           offline_connection_seq, earlier_count_seq) VALUES ($1, 'online', $2::jsonb, $3, $4, $5::jsonb, $6, $7)
         ON CONFLICT (kiosk_id) DO NOTHING`,
        [...params, ...order],
      );
      if (affected === 1) return true;
      // another monitor stored the kiosk's first row meanwhile: read it, locked, and decide again
    }
  }

  /**
   * The upsert locks the kiosk's row: a status another monitor stores meanwhile waits, or is read. A
   * taken offline keeps the highest connection one ended (greatest() leaves a null out); one of the
   * count before the kiosk's count began again is kept out (`status-order.ts`).
   */
  async markOffline(kioskId: string, now: string, connectionSeq?: number): Promise<boolean> {
    const { affected } = await this.run(
      `INSERT INTO kiosks (kiosk_id, connection, last_seen_at, offline_connection_seq) VALUES ($1, 'offline', $2, $3)
       ON CONFLICT (kiosk_id) DO UPDATE SET connection = 'offline',
         offline_connection_seq = greatest(kiosks.offline_connection_seq, $3::bigint)
       WHERE ${connectionTaken('$3::bigint')}`,
      [kioskId, now, connectionSeq ?? null],
    );
    return affected === 1;
  }

  /** a heartbeat of a connection an offline ended, or not of the kiosk now, is late: it changes nothing */
  async saveHeartbeat(kioskId: string, seq: number, now: string, connectionSeq?: number): Promise<boolean> {
    const { affected } = await this.run(
      `UPDATE kiosks SET last_seen_at = $3, last_heartbeat_seq = $2, connection = 'online' WHERE kiosk_id = $1
         AND ${heartbeatTakenSql('$4::bigint', STORED_SEQ, 'kiosks.earlier_count_seq', 'kiosks.offline_connection_seq')}`,
      [kioskId, seq, now, connectionSeq ?? null],
    );
    return affected === 1;
  }

  async saveEvent(event: TelemetryEvent, now: string): Promise<boolean> {
    const { affected } = await this.run(
      `INSERT INTO events (id, kiosk_id, seq, type, at, received_at, body_json)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) ON CONFLICT (id) DO NOTHING`,
      [event.id, event.kioskId, event.seq, event.type, event.at, now, JSON.stringify(event)],
    );
    return affected === 1;
  }

  async kiosk(kioskId: string): Promise<KioskRow | undefined> {
    const [row] = await this.rows<KioskRow>(`SELECT ${KIOSK_COLUMNS} FROM kiosks WHERE kiosk_id = $1`, [
      kioskId,
    ]);
    return row;
  }

  kiosks(): Promise<KioskRow[]> {
    return this.rows<KioskRow>(`SELECT ${KIOSK_COLUMNS} FROM kiosks ORDER BY kiosk_id COLLATE "C"`, []);
  }

  async silentKiosks(now: string, missedHeartbeats: number, heardSince?: string): Promise<string[]> {
    const rows = await this.rows<{ kioskId: string }>(
      // greatest() leaves a null `heardSince` out
      `SELECT kiosk_id AS "kioskId" FROM kiosks WHERE connection = 'online'
         AND $1::timestamptz - greatest(last_seen_at::timestamptz, $3::timestamptz)
           > make_interval(secs => heartbeat_interval_s * $2)
       ORDER BY kiosk_id COLLATE "C"`,
      [now, missedHeartbeats, heardSince ?? null],
    );
    return rows.map((row) => row.kioskId);
  }

  async recentEvents(kioskId: string, limit = 50): Promise<TelemetryEvent[]> {
    const rows = await this.rows<{ body: TelemetryEvent }>(
      `SELECT body_json AS body FROM events WHERE kiosk_id = $1 ORDER BY seq DESC LIMIT $2`,
      [kioskId, limit],
    );
    return rows.map((row) => row.body);
  }

  dailyCounts(since: string, kioskId: string | null = null): Promise<DailyCounts[]> {
    return this.rows<DailyCounts>(
      // by the kiosk's day (an older kiosk's: the UTC day of `at`), as on SQLite
      `SELECT day,
         count(*) FILTER (WHERE journey IN ('issueCard', 'replaceCard') AND outcome = 'completed')::int
           AS "cardsIssued",
         count(*) FILTER (WHERE journey = 'withdraw' AND outcome = 'completed')::int AS withdrawals,
         count(*) FILTER (WHERE outcome = 'completed')::int AS completed,
         count(*) FILTER (WHERE outcome IN ('failed', 'timedOut'))::int AS failed
       FROM (SELECT coalesce(body_json ->> 'day', substr(at, 1, 10)) AS day, body_json ->> 'journey' AS journey,
           body_json ->> 'outcome' AS outcome FROM events
         WHERE type = 'journeyOutcome' AND at >= to_char($1::text::date - 1, 'YYYY-MM-DD')
           AND ($2::text IS NULL OR kiosk_id = $2)) AS outcomes
       WHERE day >= $1::text GROUP BY day ORDER BY day`,
      [since, kioskId],
    );
  }

  async kioskTimeZones(kioskId: string | null = null): Promise<(string | null)[]> {
    const rows = await this.rows<{ zone: string | null }>(
      `SELECT DISTINCT status_json ->> 'timeZone' AS zone FROM kiosks WHERE $1::text IS NULL OR kiosk_id = $1`,
      [kioskId],
    );
    return rows.map((row) => row.zone);
  }

  /** a pooled connection of its own; a store already inside a transaction joins it */
  protected async begin(): Promise<OpenTransaction | undefined> {
    if (this.runner) return undefined;
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
    } catch (error) {
      await runner.release();
      throw error;
    }
    return {
      store: new PostgresFleetStore(this.dataSource, runner),
      commit: () => runner.commitTransaction(),
      rollback: async () => {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
      },
      release: () => runner.release(),
    };
  }

  protected override retryable(error: unknown): boolean {
    const code = (error as { driverError?: { code?: string } }).driverError?.code;
    return code !== undefined && RETRYABLE.has(code);
  }

  async close(): Promise<void> {
    if (this.runner) return;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

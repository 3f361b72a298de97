/**
 * The SQL of the fleet monitor's SQLite store (`SqliteFleetStore`): the schema, created at open,
 * and every statement it runs, prepared once on its connection by name.
 */
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { ALERTS_RESOLVED_BY_ACKNOWLEDGING } from './fleet-store.js';
import { connectionTakenSql, heartbeatTakenSql } from './status-order.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kiosks (
  kiosk_id TEXT PRIMARY KEY, connection TEXT NOT NULL, status_json TEXT,
  last_seen_at TEXT NOT NULL, heartbeat_interval_s INTEGER NOT NULL DEFAULT 10, last_heartbeat_seq INTEGER,
  ended_runs TEXT NOT NULL DEFAULT '[]', offline_connection_seq INTEGER, earlier_count_seq INTEGER);
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,
  at TEXT NOT NULL, received_at TEXT NOT NULL, body_json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_kiosk ON events (kiosk_id, seq);
CREATE TABLE IF NOT EXISTS alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, kiosk_id TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
  code TEXT, raised_at TEXT NOT NULL, cleared_at TEXT, acknowledged_at TEXT, acknowledged_by TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS one_active_alert ON alerts (kiosk_id, key) WHERE cleared_at IS NULL;
CREATE TABLE IF NOT EXISTS commands (
  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, type TEXT NOT NULL, body_json TEXT NOT NULL,
  issued_by TEXT NOT NULL, issued_at TEXT NOT NULL, result TEXT, code TEXT, acked_at TEXT);
CREATE INDEX IF NOT EXISTS pending_commands ON commands (kiosk_id, issued_at) WHERE result IS NULL;
CREATE TABLE IF NOT EXISTS journal_extracts (
  command_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, from_at TEXT NOT NULL, to_at TEXT NOT NULL,
  transactions INTEGER NOT NULL, bytes INTEGER NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL,
  jsonl TEXT NOT NULL);
`;

const ALERT_COLUMNS = `id, kiosk_id AS kioskId, kind, key, code, raised_at AS raisedAt, cleared_at AS clearedAt,
  acknowledged_at AS acknowledgedAt, acknowledged_by AS acknowledgedBy`;

/** the kinds whose acknowledgement resolves them, as SQL: `ALERTS_RESOLVED_BY_ACKNOWLEDGING` */
const RESOLVED_BY_ACKNOWLEDGING = ALERTS_RESOLVED_BY_ACKNOWLEDGING.map((kind) => `'${kind}'`).join(', ');

export type SqliteFleetStatements = Record<string, Statement>;

/** Creates the schema if missing and prepares the store's statements on `db`. */
export function prepareFleetStatements(db: SqliteDatabase): SqliteFleetStatements {
  db.exec(SCHEMA);
  // a file of a release before the runs (ADR 0018's addendum): its kiosks have seen none end
  const kioskColumns = db.prepare(`SELECT name FROM pragma_table_info('kiosks')`).pluck().all();
  if (!kioskColumns.includes('ended_runs'))
    db.exec(`ALTER TABLE kiosks ADD COLUMN ended_runs TEXT NOT NULL DEFAULT '[]'`);
  // a file of a release before the offline's number kept (ADR 0011): none stored yet
  if (!kioskColumns.includes('offline_connection_seq'))
    db.exec(`ALTER TABLE kiosks ADD COLUMN offline_connection_seq INTEGER`);
  // nor where a count before a count begun again lay
  if (!kioskColumns.includes('earlier_count_seq'))
    db.exec(`ALTER TABLE kiosks ADD COLUMN earlier_count_seq INTEGER`);
  const prepare = (sql: string): Statement => db.prepare(sql);
  const storedSeq = `status_json ->> '$.connectionSeq'`;
  const connectionTaken = connectionTakenSql('@connectionSeq', storedSeq, 'earlier_count_seq');
  return {
    // whether the status is the kiosk's latest is decided before (`status-order.ts`)
    upsertStatus:
      prepare(`INSERT INTO kiosks (kiosk_id, connection, status_json, last_seen_at, heartbeat_interval_s,
        ended_runs, offline_connection_seq, earlier_count_seq)
      VALUES (@kioskId, 'online', @json, @now, @interval, @endedRuns, @gone, @earlier)
      ON CONFLICT (kiosk_id) DO UPDATE SET connection = 'online', status_json = @json, last_seen_at = @now,
        heartbeat_interval_s = @interval, ended_runs = @endedRuns, offline_connection_seq = @gone,
        earlier_count_seq = @earlier`),
    statusOrder: prepare(
      `SELECT status_json ->> '$.at' AS at, status_json -> '$.run' AS run,
      status_json ->> '$.connectionSeq' AS connectionSeq, ended_runs AS endedRuns,
      offline_connection_seq AS offlineConnectionSeq, earlier_count_seq AS earlierCountSeq
      FROM kiosks WHERE kiosk_id = ?`,
    ),
    // an offline status of a connection before the stored online status's changes nothing; one taken
    // keeps the highest connection an offline ended, so its online status stored late is refused; one
    // perhaps of the count before the kiosk's count began again is kept out (ADR 0011, `status-order.ts`)
    markOffline: prepare(`INSERT INTO kiosks (kiosk_id, connection, last_seen_at, offline_connection_seq)
      VALUES (@kioskId, 'offline', @now, @connectionSeq)
      ON CONFLICT (kiosk_id) DO UPDATE SET connection = 'offline',
        offline_connection_seq = coalesce(max(offline_connection_seq, @connectionSeq), offline_connection_seq, @connectionSeq)
      WHERE ${connectionTaken}`),
    // a heartbeat of a connection an offline ended, or not of the kiosk now, is late: it changes nothing
    heartbeat:
      prepare(`UPDATE kiosks SET last_seen_at = @now, last_heartbeat_seq = @seq, connection = 'online'
      WHERE kiosk_id = @kioskId
        AND ${heartbeatTakenSql('@connectionSeq', storedSeq, 'earlier_count_seq', 'offline_connection_seq')}`),
    insertEvent: prepare(`INSERT OR IGNORE INTO events (id, kiosk_id, seq, type, at, received_at, body_json)
      VALUES (@id, @kioskId, @seq, @type, @at, @now, @json)`),
    kiosk:
      prepare(`SELECT kiosk_id AS kioskId, connection, status_json AS statusJson, last_seen_at AS lastSeenAt,
      heartbeat_interval_s AS heartbeatIntervalS, last_heartbeat_seq AS lastHeartbeatSeq FROM kiosks WHERE kiosk_id = ?`),
    kiosks:
      prepare(`SELECT kiosk_id AS kioskId, connection, status_json AS statusJson, last_seen_at AS lastSeenAt,
      heartbeat_interval_s AS heartbeatIntervalS, last_heartbeat_seq AS lastHeartbeatSeq FROM kiosks ORDER BY kiosk_id`),
    silent: prepare(`SELECT kiosk_id AS kioskId FROM kiosks WHERE connection = 'online'
      AND (julianday(@now) - julianday(max(last_seen_at, @since))) * 86400000 > heartbeat_interval_s * 1000 * @missed
      ORDER BY kiosk_id`),
    events: prepare(`SELECT body_json AS json FROM events WHERE kiosk_id = ? ORDER BY seq DESC LIMIT ?`),
    // by the kiosk's day (an older kiosk's: the UTC day of `at`); `at` from the day before `since`,
    // so that a kiosk's day ahead of UTC starts in it
    daily: prepare(`SELECT day,
        sum(journey IN ('issueCard', 'replaceCard') AND outcome = 'completed') AS cardsIssued,
        sum(journey = 'withdraw' AND outcome = 'completed') AS withdrawals,
        sum(outcome = 'completed') AS completed,
        sum(outcome IN ('failed', 'timedOut')) AS failed
      FROM (SELECT coalesce(body_json ->> '$.day', substr(at, 1, 10)) AS day, body_json ->> '$.journey' AS journey,
          body_json ->> '$.outcome' AS outcome FROM events
        WHERE type = 'journeyOutcome' AND at >= date(@since, '-1 day') AND (@kioskId IS NULL OR kiosk_id = @kioskId))
      WHERE day >= @since GROUP BY day ORDER BY day`),
    timeZones: prepare(`SELECT DISTINCT status_json ->> '$.timeZone' AS zone FROM kiosks
      WHERE @kioskId IS NULL OR kiosk_id = @kioskId`),
    raiseAlert: prepare(`INSERT OR IGNORE INTO alerts (kiosk_id, kind, key, code, raised_at)
      VALUES (@kioskId, @kind, @key, @code, @now)`),
    clearAlert: prepare(
      `UPDATE alerts SET cleared_at = @now WHERE kiosk_id = @kioskId AND key = @key AND cleared_at IS NULL`,
    ),
    activeAlerts: prepare(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE cleared_at IS NULL ORDER BY id`),
    // on one_active_alert (kiosk_id, key) WHERE cleared_at IS NULL: the kiosk's rows only
    activeAlertsOf: prepare(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE kiosk_id = ? AND cleared_at IS NULL ORDER BY id`,
    ),
    alertHistory: prepare(`SELECT ${ALERT_COLUMNS} FROM alerts ORDER BY id DESC LIMIT ?`),
    alert: prepare(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = ?`),
    // an anomaly has nothing else to clear it: its acknowledgement resolves it (`RESOLVED_BY_ACKNOWLEDGING`)
    acknowledgeAlert: prepare(`UPDATE alerts SET acknowledged_at = @now, acknowledged_by = @by,
        cleared_at = CASE WHEN kind IN (${RESOLVED_BY_ACKNOWLEDGING}) THEN coalesce(cleared_at, @now) ELSE cleared_at END
      WHERE id = @id AND acknowledged_at IS NULL`),
    insertCommand: prepare(`INSERT INTO commands (id, kiosk_id, type, body_json, issued_by, issued_at)
      VALUES (@id, @kioskId, @type, @json, @issuedBy, @issuedAt)`),
    ackCommand: prepare(`UPDATE commands SET result = @result, code = @code, acked_at = @at
      WHERE id = @commandId AND kiosk_id = @kioskId AND result IS NULL`),
    // only the extract an operator asked of this kiosk: an extract of no such command (a kiosk's bug,
    // a stolen credential) would fill the store with journals nobody asked for, a megabyte each
    insertExtract:
      prepare(`INSERT OR IGNORE INTO journal_extracts (command_id, kiosk_id, from_at, to_at, transactions,
      bytes, at, received_at, jsonl) SELECT @commandId, @kioskId, @from, @to, @transactions, @bytes, @at,
      @now, @jsonl WHERE EXISTS (SELECT 1 FROM commands WHERE id = @commandId AND kiosk_id = @kioskId
        AND type = 'uploadJournalExtract')`),
    extracts: prepare(`SELECT command_id AS commandId, kiosk_id AS kioskId, from_at AS "from", to_at AS "to",
      transactions, bytes, at, received_at AS receivedAt FROM journal_extracts WHERE kiosk_id = ?
      ORDER BY received_at DESC LIMIT 50`),
    extractBody: prepare(`SELECT jsonl FROM journal_extracts WHERE kiosk_id = ? AND command_id = ?`),
    commands:
      prepare(`SELECT id, kiosk_id AS kioskId, type, issued_by AS issuedBy, issued_at AS issuedAt, result, code,
      acked_at AS ackedAt, body_json ->> '$.expiresAt' AS expiresAt FROM commands WHERE kiosk_id = ?
      ORDER BY issued_at DESC LIMIT ?`),
    pendingCommands: prepare(`SELECT body_json AS json FROM commands WHERE kiosk_id = @kioskId
      AND result IS NULL AND body_json ->> '$.expiresAt' > @now ORDER BY issued_at, id`),
    expireCommands: prepare(`UPDATE commands SET result = 'failed', code = @code, acked_at = @now
      WHERE result IS NULL AND body_json ->> '$.expiresAt' <= @now RETURNING kiosk_id AS kioskId, id`),
  };
}

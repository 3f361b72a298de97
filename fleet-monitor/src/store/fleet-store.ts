/**
 * The fleet monitor's store: plain better-sqlite3 (WAL, synchronous NORMAL), prepared statements,
 * schema created at open. Kiosks (last status and liveness), events (each id once), alerts
 * (raised, cleared, acknowledged: the history), commands (issued, acknowledged: the audit).
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type {
  Command,
  CommandAck,
  JournalExtract,
  OnlineStatus,
  TelemetryEvent,
} from '../contract/telemetry.contract.js';

export type AlertKind =
  'offline' | 'supplyLow' | 'supplyEmpty' | 'deviceFault' | 'anomaly' | 'recoveryNeedsStaff';

export interface AlertRow {
  readonly id: number;
  readonly kioskId: string;
  readonly kind: AlertKind;
  /** what the alert is about, e.g. `receiptPrinter/paper`; one active alert per kiosk and key */
  readonly key: string;
  readonly code: string | null;
  readonly raisedAt: string;
  readonly clearedAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
}

export interface KioskRow {
  readonly kioskId: string;
  readonly connection: 'online' | 'offline';
  readonly status: OnlineStatus | null;
  readonly lastSeenAt: string;
  readonly heartbeatIntervalS: number;
  readonly lastHeartbeatSeq: number | null;
}

/** One day of the fleet's (or one kiosk's) journeys, for the dashboard's charts. */
export interface DailyCounts {
  /** UTC date, YYYY-MM-DD */
  readonly day: string;
  readonly cardsIssued: number;
  readonly withdrawals: number;
  readonly completed: number;
  readonly failed: number;
}

export interface CommandRow {
  readonly id: string;
  readonly kioskId: string;
  readonly type: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly result: string | null;
  readonly code: string | null;
  readonly ackedAt: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kiosks (
  kiosk_id TEXT PRIMARY KEY, connection TEXT NOT NULL, status_json TEXT,
  last_seen_at TEXT NOT NULL, heartbeat_interval_s INTEGER NOT NULL DEFAULT 10, last_heartbeat_seq INTEGER);
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
CREATE TABLE IF NOT EXISTS journal_extracts (
  command_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, from_at TEXT NOT NULL, to_at TEXT NOT NULL,
  transactions INTEGER NOT NULL, bytes INTEGER NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL,
  jsonl TEXT NOT NULL);
`;

/** A journal extract a kiosk uploaded, without its body. */
export interface JournalExtractRow {
  readonly commandId: string;
  readonly kioskId: string;
  readonly from: string;
  readonly to: string;
  readonly transactions: number;
  readonly bytes: number;
  readonly at: string;
  readonly receivedAt: string;
}

const ALERT_COLUMNS = `id, kiosk_id AS kioskId, kind, key, code, raised_at AS raisedAt, cleared_at AS clearedAt,
  acknowledged_at AS acknowledgedAt, acknowledged_by AS acknowledgedBy`;

export class FleetStore {
  private readonly db: SqliteDatabase;
  private readonly statements: Record<string, Statement>;

  /** `path` is a file, or ':memory:' for tests */
  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    const prepare = (sql: string): Statement => this.db.prepare(sql);
    this.statements = {
      upsertStatus:
        prepare(`INSERT INTO kiosks (kiosk_id, connection, status_json, last_seen_at, heartbeat_interval_s)
        VALUES (@kioskId, 'online', @json, @now, @interval)
        ON CONFLICT (kiosk_id) DO UPDATE SET connection = 'online', status_json = @json, last_seen_at = @now,
          heartbeat_interval_s = @interval`),
      markOffline:
        prepare(`INSERT INTO kiosks (kiosk_id, connection, last_seen_at) VALUES (@kioskId, 'offline', @now)
        ON CONFLICT (kiosk_id) DO UPDATE SET connection = 'offline'`),
      heartbeat:
        prepare(`UPDATE kiosks SET last_seen_at = @now, last_heartbeat_seq = @seq, connection = 'online'
        WHERE kiosk_id = @kioskId`),
      insertEvent: prepare(`INSERT OR IGNORE INTO events (id, kiosk_id, seq, type, at, received_at, body_json)
        VALUES (@id, @kioskId, @seq, @type, @at, @now, @json)`),
      kiosk:
        prepare(`SELECT kiosk_id AS kioskId, connection, status_json AS statusJson, last_seen_at AS lastSeenAt,
        heartbeat_interval_s AS heartbeatIntervalS, last_heartbeat_seq AS lastHeartbeatSeq FROM kiosks WHERE kiosk_id = ?`),
      kiosks:
        prepare(`SELECT kiosk_id AS kioskId, connection, status_json AS statusJson, last_seen_at AS lastSeenAt,
        heartbeat_interval_s AS heartbeatIntervalS, last_heartbeat_seq AS lastHeartbeatSeq FROM kiosks ORDER BY kiosk_id`),
      events: prepare(`SELECT body_json AS json FROM events WHERE kiosk_id = ? ORDER BY seq DESC LIMIT ?`),
      daily: prepare(`SELECT substr(at, 1, 10) AS day,
          sum(journey IN ('issueCard', 'replaceCard') AND outcome = 'completed') AS cardsIssued,
          sum(journey = 'withdraw' AND outcome = 'completed') AS withdrawals,
          sum(outcome = 'completed') AS completed,
          sum(outcome IN ('failed', 'timedOut')) AS failed
        FROM (SELECT at, body_json ->> '$.journey' AS journey, body_json ->> '$.outcome' AS outcome FROM events
          WHERE type = 'journeyOutcome' AND at >= @since AND (@kioskId IS NULL OR kiosk_id = @kioskId))
        GROUP BY day ORDER BY day`),
      raiseAlert: prepare(`INSERT OR IGNORE INTO alerts (kiosk_id, kind, key, code, raised_at)
        VALUES (@kioskId, @kind, @key, @code, @now)`),
      clearAlert: prepare(
        `UPDATE alerts SET cleared_at = @now WHERE kiosk_id = @kioskId AND key = @key AND cleared_at IS NULL`,
      ),
      activeAlerts: prepare(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE cleared_at IS NULL ORDER BY id`),
      alertHistory: prepare(`SELECT ${ALERT_COLUMNS} FROM alerts ORDER BY id DESC LIMIT ?`),
      alert: prepare(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = ?`),
      acknowledgeAlert: prepare(`UPDATE alerts SET acknowledged_at = @now, acknowledged_by = @by
        WHERE id = @id AND acknowledged_at IS NULL`),
      insertCommand: prepare(`INSERT INTO commands (id, kiosk_id, type, body_json, issued_by, issued_at)
        VALUES (@id, @kioskId, @type, @json, @issuedBy, @issuedAt)`),
      ackCommand: prepare(`UPDATE commands SET result = @result, code = @code, acked_at = @at
        WHERE id = @commandId AND kiosk_id = @kioskId AND result IS NULL`),
      insertExtract:
        prepare(`INSERT OR IGNORE INTO journal_extracts (command_id, kiosk_id, from_at, to_at, transactions,
        bytes, at, received_at, jsonl) VALUES (@commandId, @kioskId, @from, @to, @transactions, @bytes, @at,
        @now, @jsonl)`),
      extracts:
        prepare(`SELECT command_id AS commandId, kiosk_id AS kioskId, from_at AS "from", to_at AS "to",
        transactions, bytes, at, received_at AS receivedAt FROM journal_extracts WHERE kiosk_id = ?
        ORDER BY received_at DESC LIMIT 50`),
      extractBody: prepare(`SELECT jsonl FROM journal_extracts WHERE kiosk_id = ? AND command_id = ?`),
      commands:
        prepare(`SELECT id, kiosk_id AS kioskId, type, issued_by AS issuedBy, issued_at AS issuedAt, result, code,
        acked_at AS ackedAt FROM commands WHERE kiosk_id = ? ORDER BY issued_at DESC LIMIT ?`),
    };
  }

  private run(name: string, params: unknown): number {
    return this.statements[name]!.run(params).changes;
  }

  saveStatus(status: OnlineStatus, now: string): void {
    this.run('upsertStatus', {
      kioskId: status.kioskId,
      json: JSON.stringify(status),
      now,
      interval: status.heartbeatIntervalS,
    });
  }

  /** true when the kiosk was online before */
  markOffline(kioskId: string, now: string): boolean {
    const before = this.kiosk(kioskId)?.connection;
    this.run('markOffline', { kioskId, now });
    return before !== 'offline';
  }

  /** false when the kiosk has sent no status yet (its heartbeat is not stored) */
  saveHeartbeat(kioskId: string, seq: number, now: string): boolean {
    return this.run('heartbeat', { kioskId, seq, now }) === 1;
  }

  /** false for an event id seen before */
  saveEvent(event: TelemetryEvent, now: string): boolean {
    return this.run('insertEvent', { ...event, now, json: JSON.stringify(event) }) === 1;
  }

  kiosk(kioskId: string): KioskRow | undefined {
    const row = this.statements.kiosk!.get(kioskId) as
      (Omit<KioskRow, 'status'> & { statusJson: string | null }) | undefined;
    return row && toKioskRow(row);
  }

  kiosks(): KioskRow[] {
    return (
      this.statements.kiosks!.all() as (Omit<KioskRow, 'status'> & { statusJson: string | null })[]
    ).map(toKioskRow);
  }

  recentEvents(kioskId: string, limit = 50): TelemetryEvent[] {
    return (this.statements.events!.all(kioskId, limit) as { json: string }[]).map(
      (row) => JSON.parse(row.json) as TelemetryEvent,
    );
  }

  /** Journeys per UTC day since `since` (ISO), for one kiosk or (kioskId null) the whole fleet. */
  dailyCounts(since: string, kioskId: string | null = null): DailyCounts[] {
    return this.statements.daily!.all({ since, kioskId }) as DailyCounts[];
  }

  /** true when a new alert was raised (false when one is already active for this kiosk and key) */
  raiseAlert(kioskId: string, kind: AlertKind, key: string, code: string | null, now: string): boolean {
    return this.run('raiseAlert', { kioskId, kind, key, code, now }) === 1;
  }

  clearAlert(kioskId: string, key: string, now: string): boolean {
    return this.run('clearAlert', { kioskId, key, now }) === 1;
  }

  activeAlerts(): AlertRow[] {
    return this.statements.activeAlerts!.all() as AlertRow[];
  }

  alertHistory(limit = 200): AlertRow[] {
    return this.statements.alertHistory!.all(limit) as AlertRow[];
  }

  alert(id: number): AlertRow | undefined {
    return this.statements.alert!.get(id) as AlertRow | undefined;
  }

  acknowledgeAlert(id: number, by: string, now: string): boolean {
    return this.run('acknowledgeAlert', { id, by, now }) === 1;
  }

  saveCommand(command: Command): void {
    this.run('insertCommand', { ...command, json: JSON.stringify(command) });
  }

  /** false when the command is unknown, belongs to another kiosk, or was acknowledged already */
  saveAck(ack: CommandAck): boolean {
    return this.run('ackCommand', { ...ack, code: ack.code ?? null }) === 1;
  }

  commands(kioskId: string, limit = 50): CommandRow[] {
    return this.statements.commands!.all(kioskId, limit) as CommandRow[];
  }

  /** false for an extract of a command already stored (a redelivery) */
  saveJournalExtract(extract: JournalExtract, now: string): boolean {
    return (
      this.run('insertExtract', { ...extract, bytes: Buffer.byteLength(extract.jsonl, 'utf8'), now }) === 1
    );
  }

  journalExtracts(kioskId: string): JournalExtractRow[] {
    return this.statements.extracts!.all(kioskId) as JournalExtractRow[];
  }

  journalExtractBody(kioskId: string, commandId: string): string | undefined {
    return (this.statements.extractBody!.get(kioskId, commandId) as { jsonl: string } | undefined)?.jsonl;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    this.db.close();
  }
}

function toKioskRow(row: Omit<KioskRow, 'status'> & { statusJson: string | null }): KioskRow {
  const { statusJson, ...rest } = row;
  return { ...rest, status: statusJson === null ? null : (JSON.parse(statusJson) as OnlineStatus) };
}

/**
 * The fleet monitor's store on SQLite, the default for one monitor: plain better-sqlite3 (WAL,
 * synchronous NORMAL), prepared statements, schema created at open. Every call runs synchronously
 * and returns a settled promise, so a `transaction` whose work only awaits this store runs
 * without anything else interleaving.
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
import type {
  AlertKind,
  AlertRow,
  CommandRow,
  DailyCounts,
  FleetStore,
  JournalExtractRow,
  KioskRow,
} from './fleet-store.js';
import { SqlFleetStore, type OpenTransaction } from './sql-fleet-store.js';

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
CREATE INDEX IF NOT EXISTS pending_commands ON commands (kiosk_id, issued_at) WHERE result IS NULL;
CREATE TABLE IF NOT EXISTS journal_extracts (
  command_id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, from_at TEXT NOT NULL, to_at TEXT NOT NULL,
  transactions INTEGER NOT NULL, bytes INTEGER NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL,
  jsonl TEXT NOT NULL);
`;

const ALERT_COLUMNS = `id, kiosk_id AS kioskId, kind, key, code, raised_at AS raisedAt, cleared_at AS clearedAt,
  acknowledged_at AS acknowledgedAt, acknowledged_by AS acknowledgedBy`;

export class SqliteFleetStore extends SqlFleetStore implements FleetStore {
  private readonly db: SqliteDatabase;
  private readonly statements: Record<string, Statement>;

  /** `path` is a file, or ':memory:' for tests */
  constructor(path: string) {
    super();
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
          heartbeat_interval_s = @interval
        WHERE kiosks.status_json IS NULL OR kiosks.status_json ->> '$.at' <= @at`),
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
      silent: prepare(`SELECT kiosk_id AS kioskId FROM kiosks WHERE connection = 'online'
        AND (julianday(@now) - julianday(last_seen_at)) * 86400000 > heartbeat_interval_s * 1000 * @missed
        ORDER BY kiosk_id`),
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
        acked_at AS ackedAt, body_json ->> '$.expiresAt' AS expiresAt FROM commands WHERE kiosk_id = ?
        ORDER BY issued_at DESC LIMIT ?`),
      pendingCommands: prepare(`SELECT body_json AS json FROM commands WHERE kiosk_id = @kioskId
        AND result IS NULL AND body_json ->> '$.expiresAt' > @now ORDER BY issued_at, id`),
      expireCommands: prepare(`UPDATE commands SET result = 'failed', code = @code, acked_at = @now
        WHERE result IS NULL AND body_json ->> '$.expiresAt' <= @now RETURNING kiosk_id AS kioskId, id`),
    };
  }

  private run(name: string, params: unknown): number {
    return this.statements[name]!.run(params).changes;
  }

  saveStatus(status: OnlineStatus, now: string): Promise<boolean> {
    return settled(
      () =>
        this.run('upsertStatus', {
          kioskId: status.kioskId,
          json: JSON.stringify(status),
          now,
          at: status.at,
          interval: status.heartbeatIntervalS,
        }) === 1,
    );
  }

  markOffline(kioskId: string, now: string): Promise<boolean> {
    return settled(() => {
      const before = this.kioskNow(kioskId)?.connection;
      this.run('markOffline', { kioskId, now });
      return before !== 'offline';
    });
  }

  saveHeartbeat(kioskId: string, seq: number, now: string): Promise<boolean> {
    return settled(() => this.run('heartbeat', { kioskId, seq, now }) === 1);
  }

  saveEvent(event: TelemetryEvent, now: string): Promise<boolean> {
    return settled(() => this.run('insertEvent', { ...event, now, json: JSON.stringify(event) }) === 1);
  }

  kiosk(kioskId: string): Promise<KioskRow | undefined> {
    return settled(() => this.kioskNow(kioskId));
  }

  private kioskNow(kioskId: string): KioskRow | undefined {
    const row = this.statements.kiosk!.get(kioskId) as
      (Omit<KioskRow, 'status'> & { statusJson: string | null }) | undefined;
    return row && toKioskRow(row);
  }

  kiosks(): Promise<KioskRow[]> {
    return settled(() =>
      (this.statements.kiosks!.all() as (Omit<KioskRow, 'status'> & { statusJson: string | null })[]).map(
        toKioskRow,
      ),
    );
  }

  silentKiosks(now: string, missedHeartbeats: number): Promise<string[]> {
    return settled(() =>
      (this.statements.silent!.all({ now, missed: missedHeartbeats }) as { kioskId: string }[]).map(
        (row) => row.kioskId,
      ),
    );
  }

  recentEvents(kioskId: string, limit = 50): Promise<TelemetryEvent[]> {
    return settled(() =>
      (this.statements.events!.all(kioskId, limit) as { json: string }[]).map(
        (row) => JSON.parse(row.json) as TelemetryEvent,
      ),
    );
  }

  dailyCounts(since: string, kioskId: string | null = null): Promise<DailyCounts[]> {
    return settled(() => this.statements.daily!.all({ since, kioskId }) as DailyCounts[]);
  }

  raiseAlert(
    kioskId: string,
    kind: AlertKind,
    key: string,
    code: string | null,
    now: string,
  ): Promise<boolean> {
    return settled(() => this.run('raiseAlert', { kioskId, kind, key, code, now }) === 1);
  }

  clearAlert(kioskId: string, key: string, now: string): Promise<boolean> {
    return settled(() => this.run('clearAlert', { kioskId, key, now }) === 1);
  }

  activeAlerts(): Promise<AlertRow[]> {
    return settled(() => this.statements.activeAlerts!.all() as AlertRow[]);
  }

  alertHistory(limit = 200): Promise<AlertRow[]> {
    return settled(() => this.statements.alertHistory!.all(limit) as AlertRow[]);
  }

  alert(id: number): Promise<AlertRow | undefined> {
    return settled(() => this.statements.alert!.get(id) as AlertRow | undefined);
  }

  acknowledgeAlert(id: number, by: string, now: string): Promise<boolean> {
    return settled(() => this.run('acknowledgeAlert', { id, by, now }) === 1);
  }

  saveCommand(command: Command): Promise<void> {
    return settled(() => {
      this.run('insertCommand', { ...command, json: JSON.stringify(command) });
    });
  }

  saveAck(ack: CommandAck): Promise<boolean> {
    return settled(() => this.run('ackCommand', { ...ack, code: ack.code ?? null }) === 1);
  }

  commands(kioskId: string, limit = 50): Promise<CommandRow[]> {
    return settled(() => this.statements.commands!.all(kioskId, limit) as CommandRow[]);
  }

  pendingCommands(kioskId: string, now: string): Promise<Command[]> {
    return settled(() =>
      (this.statements.pendingCommands!.all({ kioskId, now }) as { json: string }[]).map(
        (row) => JSON.parse(row.json) as Command,
      ),
    );
  }

  expireCommands(now: string, code: string): Promise<{ kioskId: string; id: string }[]> {
    return settled(
      () => this.statements.expireCommands!.all({ now, code }) as { kioskId: string; id: string }[],
    );
  }

  saveJournalExtract(extract: JournalExtract, now: string): Promise<boolean> {
    return settled(
      () =>
        this.run('insertExtract', { ...extract, bytes: Buffer.byteLength(extract.jsonl, 'utf8'), now }) === 1,
    );
  }

  journalExtracts(kioskId: string): Promise<JournalExtractRow[]> {
    return settled(() => this.statements.extracts!.all(kioskId) as JournalExtractRow[]);
  }

  journalExtractBody(kioskId: string, commandId: string): Promise<string | undefined> {
    return settled(
      () => (this.statements.extractBody!.get(kioskId, commandId) as { jsonl: string } | undefined)?.jsonl,
    );
  }

  /** at once, on the one connection: the transaction's work uses this same store */
  protected begin(): OpenTransaction {
    this.db.exec('BEGIN IMMEDIATE');
    return {
      store: this,
      commit: () => void this.db.exec('COMMIT'),
      rollback: () => void (this.db.inTransaction && this.db.exec('ROLLBACK')),
    };
  }

  close(): Promise<void> {
    return settled(() => {
      this.db.close();
    });
  }
}

/** Runs a synchronous statement now and hands its result (or its error) over as a promise. */
function settled<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

function toKioskRow(row: Omit<KioskRow, 'status'> & { statusJson: string | null }): KioskRow {
  const { statusJson, ...rest } = row;
  return { ...rest, status: statusJson === null ? null : (JSON.parse(statusJson) as OnlineStatus) };
}

/**
 * The fleet monitor's store, as the rest of the monitor sees it: kiosks (last status and
 * liveness), events (each id once), alerts (raised, cleared, acknowledged: the history), commands
 * (issued, acknowledged: the audit) and journal extracts. Two implementations with the same
 * behaviour: SQLite (`SqliteFleetStore`, the default, one monitor) and PostgreSQL
 * (`PostgresFleetStore`, several monitors on one database). Every write is idempotent where a
 * message can arrive twice or at two monitors at once (event ids, one active alert per kiosk and
 * key, an acknowledgement once), and answers whether it changed anything.
 */
import {
  isFinalAnswer,
  type Command,
  type CommandAck,
  type CommandResult,
  type CommandType,
  type JournalExtract,
} from '../contract/telemetry.contract.js';
import type { ReceivedEvent, ReceivedOnlineStatus } from '../contract/telemetry-reading.js';

/** The result a command's row takes from `ack`: none (still waiting) for a not-run answer (ADR 0027). */
export const storedResult = (ack: CommandAck): CommandResult | null =>
  isFinalAnswer(ack) ? ack.result : null;

/** The kinds of alert the monitor raises (the dashboard words each one). */
export const ALERT_KINDS = [
  'offline',
  'supplyLow',
  'supplyEmpty',
  'deviceFault',
  'anomaly',
  'recoveryNeedsStaff',
  /** a card or notes left at the kiosk for staff, while its status's reasons say so (`staff-trip-reasons.ts`) */
  'leftAtKiosk',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * The kinds an operator's acknowledgement resolves: nothing else clears an anomaly (ADR 0004), so an
 * acknowledged one stayed active for good, every kiosk's list and count growing with each anomaly
 * it ever had (a kiosk needing attention forever) and every push to the dashboards carrying them all.
 */
export const ALERTS_RESOLVED_BY_ACKNOWLEDGING: readonly AlertKind[] = ['anomaly'];

/** The code of an `offline` alert: the kiosk's last will, its clean shutdown, or heartbeats missed. */
export const OFFLINE_ALERT_CODES = ['LAST_WILL', 'SHUTDOWN', 'HEARTBEAT_MISSED'] as const;
export type OfflineAlertCode = (typeof OFFLINE_ALERT_CODES)[number];

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
  readonly status: ReceivedOnlineStatus | null;
  readonly lastSeenAt: string;
  readonly heartbeatIntervalS: number;
  readonly lastHeartbeatSeq: number | null;
}

/** One day of the fleet's (or one kiosk's) journeys, for the dashboard's charts. */
export interface DailyCounts {
  /** the kiosks' day, YYYY-MM-DD (each journey's `day`; the UTC date of an older kiosk's) */
  readonly day: string;
  readonly cardsIssued: number;
  readonly withdrawals: number;
  readonly completed: number;
  readonly failed: number;
}

export interface CommandRow {
  readonly id: string;
  readonly kioskId: string;
  readonly type: CommandType;
  readonly issuedBy: string;
  readonly issuedAt: string;
  readonly result: CommandResult | null;
  readonly code: string | null;
  readonly ackedAt: string | null;
  /** until when the kiosk may still run it (null: a command without expiry) */
  readonly expiresAt: string | null;
}

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

export interface FleetStore {
  /** Stores a kiosk's online status; false when the stored one is newer (by the kiosk's `at`). */
  saveStatus(status: ReceivedOnlineStatus, now: string): Promise<boolean>;
  /**
   * Marks the kiosk offline; false, changing nothing, when `connectionSeq` (the connection its offline
   * status ends) is below the stored online status's: a last will come after the kiosk's next
   * connection's status (another monitor stored that first); or, while the kiosk's count begun again
   * is below the count before's, any but the stored status's (`status-order.ts`). Without it (an older
   * kiosk, a heartbeat missed), or a stored status without one, it is taken. Decided on the kiosk's row locked.
   */
  markOffline(kioskId: string, now: string, connectionSeq?: number): Promise<boolean>;
  /**
   * false when the kiosk has sent no status yet (its heartbeat is not stored), or when `connectionSeq`
   * (the connection it was sent on) is late: ended by an offline stored, or not the kiosk's now
   * (`status-order.ts`); without it (an older kiosk) it is taken as before
   */
  saveHeartbeat(kioskId: string, seq: number, now: string, connectionSeq?: number): Promise<boolean>;
  /** false for an event id seen before */
  saveEvent(event: ReceivedEvent, now: string): Promise<boolean>;
  kiosk(kioskId: string): Promise<KioskRow | undefined>;
  kiosks(): Promise<KioskRow[]>;
  /**
   * ids of kiosks online but silent for more than `missedHeartbeats` of their heartbeat intervals at
   * `now` (ISO), counted from `heardSince` (ISO) when they were last seen before it: a monitor hears
   * nothing while it is down, so its silence says nothing of a kiosk
   */
  silentKiosks(now: string, missedHeartbeats: number, heardSince?: string): Promise<string[]>;
  /** newest first */
  recentEvents(kioskId: string, limit?: number): Promise<ReceivedEvent[]>;
  /** Journeys per kiosk's day from the day `since` (YYYY-MM-DD), for one kiosk or (kioskId null) the whole fleet. */
  dailyCounts(since: string, kioskId?: string | null): Promise<DailyCounts[]>;
  /**
   * The time zones the kiosks' statuses name (one kiosk's, `kioskId` given), each once; null for
   * kiosks that name none (an older kiosk, one never seen online): whose today the daily counts end on.
   */
  kioskTimeZones(kioskId?: string | null): Promise<(string | null)[]>;
  /** true when a new alert was raised (false when one is already active for this kiosk and key) */
  raiseAlert(
    kioskId: string,
    kind: AlertKind,
    key: string,
    code: string | null,
    now: string,
  ): Promise<boolean>;
  clearAlert(kioskId: string, key: string, now: string): Promise<boolean>;
  activeAlerts(): Promise<AlertRow[]>;
  /** one kiosk's active alerts, as `activeAlerts` lists them (by id): a status's ingest reads no other kiosk's */
  activeAlertsOf(kioskId: string): Promise<AlertRow[]>;
  /** newest first */
  alertHistory(limit?: number): Promise<AlertRow[]>;
  alert(id: number): Promise<AlertRow | undefined>;
  /** false when acknowledged before; resolves it too when of a kind nothing else clears (`ALERTS_RESOLVED_BY_ACKNOWLEDGING`) */
  acknowledgeAlert(id: number, by: string, now: string): Promise<boolean>;
  saveCommand(command: Command): Promise<void>;
  /**
   * False when the command is unknown, belongs to another kiosk, or was acknowledged already. A
   * not-run answer (`isFinalAnswer`, the kiosk's journal unavailable) stores its code and time but
   * leaves the command unacknowledged (`storedResult`): still pending, sent again, expiring, its
   * next answer stored over it; a final answer is never replaced.
   */
  saveAck(ack: CommandAck): Promise<boolean>;
  commands(kioskId: string, limit?: number): Promise<CommandRow[]>;
  /** The kiosk's commands not acknowledged yet and not expired at `now`, oldest first (to send again). */
  pendingCommands(kioskId: string, now: string): Promise<Command[]>;
  /**
   * Records every command still unacknowledged whose expiry is past at `now` as failed with
   * `code` (each once, whichever monitor gets there first) and answers those it recorded.
   */
  expireCommands(now: string, code: string): Promise<{ kioskId: string; id: string }[]>;
  /** false for an extract of a command already stored (a redelivery), or of no extract command of its kiosk */
  saveJournalExtract(extract: JournalExtract, now: string): Promise<boolean>;
  journalExtracts(kioskId: string): Promise<JournalExtractRow[]>;
  journalExtractBody(kioskId: string, commandId: string): Promise<string | undefined>;
  /**
   * Runs `work` in one transaction against the store it is given (use only that one inside);
   * committed when it resolves, rolled back when it rejects.
   */
  transaction<T>(work: (store: FleetStore) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The fleet monitor's store on SQLite, the default for one monitor: plain better-sqlite3 (WAL,
 * synchronous NORMAL), prepared statements, schema created at open (the SQL in
 * `sqlite-fleet-statements.ts`). Every call runs synchronously
 * and returns a settled promise, so a `transaction` whose work only awaits this store runs
 * without anything else interleaving.
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Command, CommandAck, JournalExtract, StatusRun } from '../contract/telemetry.contract.js';
import type {
  ReceivedEvent as TelemetryEvent,
  ReceivedOnlineStatus as OnlineStatus,
} from '../contract/telemetry-reading.js';
import {
  storedResult,
  type AlertKind,
  type AlertRow,
  type CommandRow,
  type DailyCounts,
  type FleetStore,
  type JournalExtractRow,
  type KioskRow,
} from './fleet-store.js';
import { SqlFleetStore, type OpenTransaction } from './sql-fleet-store.js';
import { prepareFleetStatements, type SqliteFleetStatements } from './sqlite-fleet-statements.js';
import { orderAfter, type StoredOrder } from './status-order.js';

export class SqliteFleetStore extends SqlFleetStore implements FleetStore {
  private readonly db: SqliteDatabase;
  private readonly statements: SqliteFleetStatements;

  /** `path` is a file, or ':memory:' for tests */
  constructor(path: string) {
    super();
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.statements = prepareFleetStatements(this.db);
  }

  private run(name: string, params: unknown): number {
    return this.statements[name]!.run(params).changes;
  }

  saveStatus(status: OnlineStatus, now: string): Promise<boolean> {
    return settled(() => {
      const row = this.statements.statusOrder!.get(status.kioskId) as
        | {
            at: string | null;
            run: string | null;
            connectionSeq: number | null;
            endedRuns: string;
            offlineConnectionSeq: number | null;
            earlierCountSeq: number | null;
          }
        | undefined;
      const stored: StoredOrder = {
        status:
          row?.at == null
            ? null
            : {
                at: row.at,
                ...(row.run !== null && { run: JSON.parse(row.run) as StatusRun }),
                ...(row.connectionSeq !== null && { connectionSeq: row.connectionSeq }),
              },
        endedRuns: row ? (JSON.parse(row.endedRuns) as string[]) : [],
        offlineConnectionSeq: row?.offlineConnectionSeq ?? null,
        earlierCountSeq: row?.earlierCountSeq ?? null,
      };
      const after = orderAfter(stored, status);
      if (!after) return false;
      this.run('upsertStatus', {
        kioskId: status.kioskId,
        json: JSON.stringify(status),
        now,
        interval: status.heartbeatIntervalS,
        endedRuns: JSON.stringify(after.endedRuns),
        gone: after.offlineConnectionSeq,
        earlier: after.earlierCountSeq,
      });
      return true;
    });
  }

  markOffline(kioskId: string, now: string, connectionSeq?: number): Promise<boolean> {
    return settled(
      () => this.run('markOffline', { kioskId, now, connectionSeq: connectionSeq ?? null }) === 1,
    );
  }

  saveHeartbeat(kioskId: string, seq: number, now: string, connectionSeq?: number): Promise<boolean> {
    return settled(
      () => this.run('heartbeat', { kioskId, seq, now, connectionSeq: connectionSeq ?? null }) === 1,
    );
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

  silentKiosks(now: string, missedHeartbeats: number, heardSince = ''): Promise<string[]> {
    return settled(() =>
      (
        this.statements.silent!.all({ now, missed: missedHeartbeats, since: heardSince }) as {
          kioskId: string;
        }[]
      ).map((row) => row.kioskId),
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

  kioskTimeZones(kioskId: string | null = null): Promise<(string | null)[]> {
    return settled(() =>
      (this.statements.timeZones!.all({ kioskId }) as { zone: string | null }[]).map((row) => row.zone),
    );
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

  activeAlertsOf(kioskId: string): Promise<AlertRow[]> {
    return settled(() => this.statements.activeAlertsOf!.all(kioskId) as AlertRow[]);
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
    const result = storedResult(ack);
    return settled(() => this.run('ackCommand', { ...ack, result, code: ack.code ?? null }) === 1);
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

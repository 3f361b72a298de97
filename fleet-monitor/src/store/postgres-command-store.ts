/**
 * The PostgreSQL store's commands and journal extracts (its kiosks and events are in
 * `PostgresFleetStore`, which runs the queries, its alerts in `PostgresAlertStore`): a command
 * audited once, its acknowledgement once (`result IS NULL`; a not-run answer keeps it waiting:
 * `storedResult`), an extract once per command; the
 * commands a kiosk has not answered yet are sent to it again when it comes back, and recorded failed
 * once past their expiry.
 */
import type { Command, CommandAck, JournalExtract } from '../contract/telemetry.contract.js';
import { storedResult, type CommandRow, type JournalExtractRow } from './fleet-store.js';
import { SqlFleetStore } from './sql-fleet-store.js';

export interface PostgresResult {
  readonly records: Record<string, unknown>[];
  readonly affected: number;
}

export abstract class PostgresCommandStore extends SqlFleetStore {
  protected abstract run(sql: string, params: unknown[]): Promise<PostgresResult>;
  protected abstract rows<T>(sql: string, params: unknown[]): Promise<T[]>;

  async saveCommand(command: Command): Promise<void> {
    await this.run(
      `INSERT INTO commands (id, kiosk_id, type, body_json, issued_by, issued_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
      [
        command.id,
        command.kioskId,
        command.type,
        JSON.stringify(command),
        command.issuedBy,
        command.issuedAt,
      ],
    );
  }

  async saveAck(ack: CommandAck): Promise<boolean> {
    const { affected } = await this.run(
      `UPDATE commands SET result = $3, code = $4, acked_at = $5
       WHERE id = $1 AND kiosk_id = $2 AND result IS NULL`,
      [ack.commandId, ack.kioskId, storedResult(ack), ack.code ?? null, ack.at],
    );
    return affected === 1;
  }

  commands(kioskId: string, limit = 50): Promise<CommandRow[]> {
    return this.rows<CommandRow>(
      `SELECT id, kiosk_id AS "kioskId", type, issued_by AS "issuedBy", issued_at AS "issuedAt", result, code,
         acked_at AS "ackedAt", body_json ->> 'expiresAt' AS "expiresAt" FROM commands WHERE kiosk_id = $1
         ORDER BY issued_at DESC LIMIT $2`,
      [kioskId, limit],
    );
  }

  async pendingCommands(kioskId: string, now: string): Promise<Command[]> {
    const rows = await this.rows<{ body: Command }>(
      `SELECT body_json AS body FROM commands WHERE kiosk_id = $1 AND result IS NULL
         AND body_json ->> 'expiresAt' > $2 ORDER BY issued_at, id`,
      [kioskId, now],
    );
    return rows.map((row) => row.body);
  }

  expireCommands(now: string, code: string): Promise<{ kioskId: string; id: string }[]> {
    return this.rows<{ kioskId: string; id: string }>(
      `UPDATE commands SET result = 'failed', code = $2, acked_at = $1
       WHERE result IS NULL AND body_json ->> 'expiresAt' <= $1 RETURNING kiosk_id AS "kioskId", id`,
      [now, code],
    );
  }

  async saveJournalExtract(extract: JournalExtract, now: string): Promise<boolean> {
    const { affected } = await this.run(
      // only the extract an operator asked of this kiosk, as on SQLite
      `INSERT INTO journal_extracts (command_id, kiosk_id, from_at, to_at, transactions, bytes, at, received_at,
         jsonl) SELECT $1::text, $2::text, $3::text, $4::text, $5::int, $6::int, $7::text, $8::text, $9::text
       WHERE EXISTS (SELECT 1 FROM commands WHERE id = $1 AND kiosk_id = $2 AND type = 'uploadJournalExtract')
       ON CONFLICT (command_id) DO NOTHING`,
      [
        extract.commandId,
        extract.kioskId,
        extract.from,
        extract.to,
        extract.transactions,
        Buffer.byteLength(extract.jsonl, 'utf8'),
        extract.at,
        now,
        extract.jsonl,
      ],
    );
    return affected === 1;
  }

  journalExtracts(kioskId: string): Promise<JournalExtractRow[]> {
    return this.rows<JournalExtractRow>(
      `SELECT command_id AS "commandId", kiosk_id AS "kioskId", from_at AS "from", to_at AS "to", transactions,
         bytes, at, received_at AS "receivedAt" FROM journal_extracts WHERE kiosk_id = $1
       ORDER BY received_at DESC LIMIT 50`,
      [kioskId],
    );
  }

  async journalExtractBody(kioskId: string, commandId: string): Promise<string | undefined> {
    const [row] = await this.rows<{ jsonl: string }>(
      `SELECT jsonl FROM journal_extracts WHERE kiosk_id = $1 AND command_id = $2`,
      [kioskId, commandId],
    );
    return row?.jsonl;
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fleet monitor's tables on PostgreSQL: the same rows as the SQLite store, with the keys that
 * make several monitors on one database idempotent (event id, extract per command, one active
 * alert per kiosk and key). Times stay ISO-8601 text, as the kiosks send them; bodies are jsonb.
 */
export class InitialFleetPostgres1764200000000 implements MigrationInterface {
  name = 'InitialFleetPostgres1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "kiosks" (
      "kiosk_id" text PRIMARY KEY NOT NULL,
      "connection" text NOT NULL,
      "status_json" jsonb,
      "last_seen_at" text NOT NULL,
      "heartbeat_interval_s" integer NOT NULL DEFAULT 10,
      "last_heartbeat_seq" integer
    )`);
    await q.query(`CREATE TABLE "events" (
      "id" text PRIMARY KEY NOT NULL,
      "kiosk_id" text NOT NULL,
      "seq" integer NOT NULL,
      "type" text NOT NULL,
      "at" text NOT NULL,
      "received_at" text NOT NULL,
      "body_json" jsonb NOT NULL
    )`);
    await q.query(`CREATE INDEX "events_by_kiosk" ON "events" ("kiosk_id", "seq")`);
    await q.query(
      `CREATE INDEX "journey_outcomes_by_day" ON "events" ("at") WHERE "type" = 'journeyOutcome'`,
    );
    await q.query(`CREATE TABLE "alerts" (
      "id" integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      "kiosk_id" text NOT NULL,
      "kind" text NOT NULL,
      "key" text NOT NULL,
      "code" text,
      "raised_at" text NOT NULL,
      "cleared_at" text,
      "acknowledged_at" text,
      "acknowledged_by" text
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "one_active_alert" ON "alerts" ("kiosk_id", "key") WHERE "cleared_at" IS NULL`,
    );
    await q.query(`CREATE TABLE "commands" (
      "id" text PRIMARY KEY NOT NULL,
      "kiosk_id" text NOT NULL,
      "type" text NOT NULL,
      "body_json" jsonb NOT NULL,
      "issued_by" text NOT NULL,
      "issued_at" text NOT NULL,
      "result" text,
      "code" text,
      "acked_at" text
    )`);
    await q.query(`CREATE INDEX "commands_by_kiosk" ON "commands" ("kiosk_id", "issued_at")`);
    await q.query(`CREATE TABLE "journal_extracts" (
      "command_id" text PRIMARY KEY NOT NULL,
      "kiosk_id" text NOT NULL,
      "from_at" text NOT NULL,
      "to_at" text NOT NULL,
      "transactions" integer NOT NULL,
      "bytes" integer NOT NULL,
      "at" text NOT NULL,
      "received_at" text NOT NULL,
      "jsonl" text NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['journal_extracts', 'commands', 'alerts', 'events', 'kiosks'])
      await q.query(`DROP TABLE "${table}"`);
  }
}

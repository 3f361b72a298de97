import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commands a kiosk has not answered yet, found without reading the whole audit: the monitors
 * send them again when the kiosk comes back and record them failed once their expiry is past
 * (ADR 0011). The SQLite store makes the same index at open.
 */
export class PendingCommandsPostgres1764300000000 implements MigrationInterface {
  name = 'PendingCommandsPostgres1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "pending_commands" ON "commands" ("kiosk_id", "issued_at") WHERE "result" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "pending_commands"`);
  }
}

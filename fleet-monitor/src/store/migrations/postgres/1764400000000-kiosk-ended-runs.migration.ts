import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runs of a kiosk's fleet link the monitors saw end (ADR 0018's addendum on runs): a late
 * status of one of them is refused whatever its time (`status-order.ts`). The SQLite store adds the
 * same column at open.
 */
export class KioskEndedRunsPostgres1764400000000 implements MigrationInterface {
  name = 'KioskEndedRunsPostgres1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "kiosks" ADD COLUMN "ended_runs" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "kiosks" DROP COLUMN "ended_runs"`);
  }
}

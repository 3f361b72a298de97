import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a kiosk's count of connections before its count began again lay (ADR 0011, a lost count
 * file and a clock behind): the connection of the status stored last before it. A will numbered from
 * it on is of the count before, come late, and is kept out (`status-order.ts`). The SQLite store adds
 * the same column at open.
 */
export class KioskEarlierCountPostgres1764600000000 implements MigrationInterface {
  name = 'KioskEarlierCountPostgres1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "kiosks" ADD COLUMN "earlier_count_seq" bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "kiosks" DROP COLUMN "earlier_count_seq"`);
  }
}

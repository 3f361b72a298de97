import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The connection the last numbered offline status of a kiosk ended (its will or clean stop, ADR
 * 0011): an online status of that connection or an earlier one, stored late by a slower monitor, is
 * refused (`status-order.ts`). A bigint: a kiosk's count may be seeded from its clock's milliseconds.
 * The SQLite store adds the same column at open.
 */
export class KioskOfflineConnectionPostgres1764500000000 implements MigrationInterface {
  name = 'KioskOfflineConnectionPostgres1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "kiosks" ADD COLUMN "offline_connection_seq" bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "kiosks" DROP COLUMN "offline_connection_seq"`);
  }
}

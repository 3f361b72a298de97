import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Field staff's supply acts on PostgreSQL (refills, bins emptied, stock used by self tests), append-only. */
export class MaintenanceSupplyPostgres1764230000000 implements MigrationInterface {
  name = 'MaintenanceSupplyPostgres1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "maintenance_supply" (
      "id" SERIAL PRIMARY KEY NOT NULL,
      "transactionId" varchar(64) NOT NULL,
      "staffId" varchar(16) NOT NULL,
      "kind" varchar(24) NOT NULL,
      "supply" varchar(32) NOT NULL,
      "action" varchar(8) NOT NULL,
      "quantity" integer NOT NULL,
      "journalBefore" integer,
      "countedByStaff" integer,
      "deviceBefore" integer,
      "deviceAfter" integer,
      "at" varchar(30) NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "IDX_maintenance_supply_kind" ON "maintenance_supply" ("kind", "supply", "id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "maintenance_supply"`);
  }
}

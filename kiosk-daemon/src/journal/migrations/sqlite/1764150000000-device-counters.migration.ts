import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Device counters: an append-only history of what each device reported it holds. */
export class DeviceCounters1764150000000 implements MigrationInterface {
  name = 'DeviceCounters1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "device_counters" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "kind" varchar(24) NOT NULL,
      "at" varchar(30) NOT NULL,
      "counters" text NOT NULL
    )`);
    await q.query(`CREATE INDEX "IDX_device_counters_kind" ON "device_counters" ("kind", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "device_counters"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Personal data of a transaction, sealed with AES-256-GCM under the key named by `keyId`. */
export class SealedPersonalData1764150001000 implements MigrationInterface {
  name = 'SealedPersonalData1764150001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "journal_personal_data" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "transactionId" varchar(64) NOT NULL REFERENCES "journal_transaction" ("id"),
      "field" varchar(24) NOT NULL,
      "keyId" varchar(16) NOT NULL,
      "sealed" text NOT NULL
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_journal_personal_data_tx_field" ON "journal_personal_data" ("transactionId", "field")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "journal_personal_data"`);
  }
}

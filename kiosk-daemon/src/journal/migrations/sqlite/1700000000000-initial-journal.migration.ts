import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first journal schema: transactions and their steps. */
export class InitialJournal1700000000000 implements MigrationInterface {
  name = 'InitialJournal1700000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "journal_transaction" (
      "id" varchar(64) PRIMARY KEY NOT NULL,
      "kioskId" varchar(40) NOT NULL,
      "serial" integer NOT NULL,
      "sessionId" varchar(64) NOT NULL,
      "journey" varchar(32) NOT NULL,
      "status" varchar(16) NOT NULL,
      "outcome" varchar(24),
      "errorCode" varchar(48),
      "maskedCardNumber" varchar(32),
      "startedAt" varchar(30) NOT NULL,
      "endedAt" varchar(30)
    )`);
    await q.query(`CREATE INDEX "IDX_journal_transaction_session" ON "journal_transaction" ("sessionId")`);
    await q.query(`CREATE INDEX "IDX_journal_transaction_status" ON "journal_transaction" ("status")`);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_journal_transaction_serial" ON "journal_transaction" ("kioskId", "serial")`,
    );
    await q.query(`CREATE TABLE "journal_step" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      "transactionId" varchar(64) NOT NULL REFERENCES "journal_transaction" ("id"),
      "seq" integer NOT NULL,
      "step" varchar(48) NOT NULL,
      "phase" varchar(8) NOT NULL,
      "at" varchar(30) NOT NULL,
      "detail" text
    )`);
    await q.query(`CREATE UNIQUE INDEX "IDX_journal_step_tx_seq" ON "journal_step" ("transactionId", "seq")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "journal_step"`);
    await q.query(`DROP TABLE "journal_transaction"`);
  }
}

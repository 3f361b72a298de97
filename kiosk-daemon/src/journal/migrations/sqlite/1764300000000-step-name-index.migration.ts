import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index on the step's name: the journal is read by it (the withdrawals left for staff the fleet
 * is told of at every session end, `transactionsWithStep`; `lastStepNamed`), and without it each
 * such read scanned every step the kiosk ever journaled. By name, then id (`lastStepNamed`'s
 * order), with the transaction (what `transactionsWithStep` reads, from the index alone).
 */
export class StepNameIndex1764300000000 implements MigrationInterface {
  name = 'StepNameIndex1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_journal_step_name" ON "journal_step" ("step", "id", "transactionId")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_journal_step_name"`);
  }
}

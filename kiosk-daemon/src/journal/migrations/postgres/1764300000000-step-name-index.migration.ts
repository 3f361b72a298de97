import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index on the step's name on PostgreSQL, as on SQLite (`StepNameIndex1764300000000`): the
 * withdrawals left for staff and `lastStepNamed` read the journal by it.
 */
export class StepNameIndexPostgres1764300000000 implements MigrationInterface {
  name = 'StepNameIndexPostgres1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_journal_step_name" ON "journal_step" ("step", "id", "transactionId")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_journal_step_name"`);
  }
}

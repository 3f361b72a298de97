import { JournalStep } from './journal-step.entity.js';
import type { DataSource } from './typeorm-runtime.js';

/**
 * The transactions, open or closed, in which the journaled acts `steps` have more intents than
 * dones (the kiosk stopped, or the host did not answer, between the two): what boot resumes.
 */
export async function transactionsWithUnfinished(
  db: DataSource,
  steps: readonly string[],
): Promise<string[]> {
  const rows = await db
    .getRepository(JournalStep)
    .createQueryBuilder('s')
    .select('s.transactionId', 'transactionId')
    .where('s.step IN (:...steps)', { steps })
    .groupBy('s.transactionId')
    .having(
      `SUM(CASE WHEN s.phase = 'intent' THEN 1 ELSE 0 END) > SUM(CASE WHEN s.phase = 'done' THEN 1 ELSE 0 END)`,
    )
    .orderBy('s.transactionId', 'ASC')
    .getRawMany<{ transactionId: string }>();
  return rows.map((r) => r.transactionId);
}

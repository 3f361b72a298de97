/**
 * The transactions of one journey that hold a step of the given names, open or closed, in serial
 * order: what the kiosk reads of the journal alone when it must name every transaction a kind of
 * step marks (the withdrawals left for staff the fleet is told of, ADR 0004), the host not asked.
 */
import { JournalStep } from './journal-step.entity.js';
import { JournalTransaction } from './journal-transaction.entity.js';
import type { DataSource } from './typeorm-runtime.js';

export async function transactionsWithStep(
  db: DataSource,
  journey: string,
  steps: readonly string[],
): Promise<string[]> {
  if (steps.length === 0) return [];
  const marked = db
    .getRepository(JournalStep)
    .createQueryBuilder('s')
    .select('s.transactionId')
    .where('s.step IN (:...steps)');
  const rows = await db
    .getRepository(JournalTransaction)
    .createQueryBuilder('t')
    .select(['t.id', 't.serial'])
    .where('t.journey = :journey')
    .andWhere(`t.id IN (${marked.getQuery()})`)
    .setParameters({ journey, steps: [...steps] })
    .orderBy('t.serial', 'ASC')
    .getMany();
  return rows.map((row) => row.id);
}

/**
 * The transactions of one journey that hold a step of the given names, open or closed, in serial
 * order, less those a later step ended (`transactionsWithStepUnended`): what the kiosk reads of the
 * journal alone when it must name every transaction a kind of step still marks (the withdrawals
 * left for staff or ended undecided the fleet is told of, ADR 0004), the host not asked. The ended
 * are left out in the same query, so a read that is made often (at every session end) costs one
 * query however many were ended long ago. (Every transaction ever marked, no end asked, was the
 * read before: the journal-read bench keeps it as its baseline, with ends that end nothing.)
 */
import { JournalStep } from './journal-step.entity.js';
import { JournalTransaction } from './journal-transaction.entity.js';
import type { DataSource } from './typeorm-runtime.js';

/** What ends a transaction's mark (a step of the marking names): none of it is left out when empty. */
export interface StepMarkEnds {
  /** steps that end the mark when journaled after it (by seq) in `phase` */
  readonly after: readonly string[];
  readonly phase: string;
  /** steps that end it wherever they stand in the transaction, of any phase */
  readonly anywhere: readonly string[];
}

/**
 * The transactions of `journey` holding a step of `steps` that no step of `ends.after` (in its
 * phase) follows, and no step of `ends.anywhere` at all, by serial: one query.
 */
export async function transactionsWithStepUnended(
  db: DataSource,
  journey: string,
  steps: readonly string[],
  ends: StepMarkEnds,
): Promise<string[]> {
  if (steps.length === 0) return [];
  const column = (alias: string, name: string) => `${db.driver.escape(alias)}.${db.driver.escape(name)}`;
  // one look-up per marking step, by the transaction's steps (transactionId, seq), never by name:
  // a name's index would walk every ending step ever journaled for each
  const endedBy: string[] = [];
  if (ends.anywhere.length > 0) endedBy.push(`${column('e', 'step')} IN (:...endsAnywhere)`);
  if (ends.after.length > 0)
    endedBy.push(
      `(${column('e', 'seq')} > ${column('s', 'seq')} AND ${column('e', 'phase')} = :endPhase AND ${column('e', 'step')} IN (:...endsAfter))`,
    );
  const marked = db
    .getRepository(JournalStep)
    .createQueryBuilder('s')
    .select('s.transactionId')
    .where('s.step IN (:...steps)');
  if (endedBy.length > 0) {
    const ended = db
      .getRepository(JournalStep)
      .createQueryBuilder('e')
      .select('1')
      .where(`${column('e', 'transactionId')} = ${column('s', 'transactionId')}`)
      .andWhere(`(${endedBy.join(' OR ')})`);
    marked.andWhere(`NOT EXISTS (${ended.getQuery()})`);
  }
  const found = db
    .getRepository(JournalTransaction)
    .createQueryBuilder('t')
    .select(['t.id', 't.serial'])
    .where('t.journey = :journey')
    .andWhere(`t.id IN (${marked.getQuery()})`);
  const rows = await found
    .setParameters({
      journey,
      steps: [...steps],
      endPhase: ends.phase,
      endsAfter: [...ends.after],
      endsAnywhere: [...ends.anywhere],
    })
    .orderBy('t.serial', 'ASC')
    .getMany();
  return rows.map((row) => row.id);
}

/** Unfinished transactions, oldest first: what recovery at boot must finish or reverse. */
export function openTransactionsOf(db: DataSource): Promise<JournalTransaction[]> {
  return db.getRepository(JournalTransaction).find({ where: { status: 'open' }, order: { serial: 'ASC' } });
}

/**
 * The steps of every transaction of `transactionId`'s session, open or closed, by serial then step
 * order (none when it is not in the journal): a session's card is read in its first journey and
 * stays with it through its next, each in a transaction of its own (ADR 0028). One query, however
 * many transactions the session has: its session found by a subquery, its transactions joined.
 */
export function sessionStepsOf(db: DataSource, transactionId: string): Promise<JournalStep[]> {
  const sessionOf = db
    .getRepository(JournalTransaction)
    .createQueryBuilder('o')
    .select('o.sessionId')
    .where('o.id = :transactionId');
  return db
    .getRepository(JournalStep)
    .createQueryBuilder('s')
    .innerJoin(JournalTransaction, 't', 't.id = s.transactionId')
    .where(`t.sessionId = (${sessionOf.getQuery()})`)
    .setParameters({ transactionId })
    .orderBy('t.serial', 'ASC')
    .addOrderBy('s.seq', 'ASC')
    .getMany();
}

import type { EntityManager } from 'typeorm';
import { JournalStep } from './journal-step.entity.js';
import type { OwedActKind } from './owed-host-acts.js';
import type { DataSource } from './typeorm-runtime.js';

/**
 * How a refusal of the host is journaled where it stands (`failed` with `triedAgain: false` in its
 * detail, as JSON.stringify writes it): the act is settled, as by its done.
 */
const REFUSED = '%"triedAgain":false%';

/**
 * The transactions, open or closed (among `among` where given), in which the journaled acts
 * `steps` have more intents than dones (the kiosk stopped, or the host did not answer, between the
 * two): what boot resumes. With `refusalSettles`, a refusal that stands counts as a done, so a
 * transaction whose acts were all answered or refused is not named (a PIN outcome the host refused
 * is final: not read again at every boot).
 */
export async function transactionsWithUnfinished(
  db: DataSource | EntityManager,
  steps: readonly string[],
  options: { readonly refusalSettles?: boolean; readonly among?: readonly string[] } = {},
): Promise<string[]> {
  if (options.among?.length === 0) return [];
  const settled = options.refusalSettles
    ? `s.phase = 'done' OR (s.phase = 'failed' AND s.detail LIKE :refused)`
    : `s.phase = 'done'`;
  const query = db
    .getRepository(JournalStep)
    .createQueryBuilder('s')
    .select('s.transactionId', 'transactionId')
    .where('s.step IN (:...steps)', { steps });
  if (options.among) query.andWhere('s.transactionId IN (:...among)', { among: options.among });
  const rows = await query
    .groupBy('s.transactionId')
    .having(
      `SUM(CASE WHEN s.phase = 'intent' THEN 1 ELSE 0 END) > SUM(CASE WHEN ${settled} THEN 1 ELSE 0 END)`,
      options.refusalSettles ? { refused: REFUSED } : {},
    )
    .orderBy('s.transactionId', 'ASC')
    .getRawMany<{ transactionId: string }>();
  return rows.map((r) => r.transactionId);
}

/**
 * The transactions that may owe an act of `kind` (`owed-host-acts.ts`): its steps' intents
 * outnumber their dones. Each is then read whole and decided by `kind.owedIn`, by the boot's
 * resume and by retention alike.
 */
export function transactionsMayOwe(
  db: DataSource | EntityManager,
  kind: OwedActKind,
  among?: readonly string[],
): Promise<string[]> {
  return transactionsWithUnfinished(db, kind.steps, {
    ...(kind.refusalSettles && { refusalSettles: true }),
    ...(among && { among }),
  });
}

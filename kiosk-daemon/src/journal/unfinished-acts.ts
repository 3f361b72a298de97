import type { EntityManager } from 'typeorm';
import { JournalStep } from './journal-step.entity.js';
import { OWED_ACT_KINDS, type OwedAct, type OwedActKind, type OwedActKindName } from './owed-host-acts.js';
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
  options: {
    readonly refusalSettles?: boolean;
    readonly among?: readonly string[];
    readonly owedOnceDone?: OwedActKind['owedOnceDone'];
  } = {},
): Promise<string[]> {
  if (options.among?.length === 0) return [];
  const settled = options.refusalSettles
    ? `s.phase = 'done' OR (s.phase = 'failed' AND s.detail LIKE :refused)`
    : `s.phase = 'done'`;
  const ofSteps = (phase: string) => `SUM(CASE WHEN s.step IN (:...steps) AND (${phase}) THEN 1 ELSE 0 END)`;
  let unfinished = `${ofSteps(`s.phase = 'intent'`)} > ${ofSteps(settled)}`;
  const chip = options.owedOnceDone;
  if (chip) {
    // the chip's dones outnumber the act's: owed before its intent was journaled
    const like = chip.detailLike === undefined ? '' : ' AND s.detail LIKE :chipLike';
    unfinished += ` OR SUM(CASE WHEN s.step = :chip AND s.phase = 'done'${like} THEN 1 ELSE 0 END) > ${ofSteps(`s.phase = 'done'`)}`;
  }
  const query = db
    .getRepository(JournalStep)
    .createQueryBuilder('s')
    .select('s.transactionId', 'transactionId')
    .where('s.step IN (:...all)', { all: chip ? [...steps, chip.step] : steps });
  if (options.among) query.andWhere('s.transactionId IN (:...among)', { among: options.among });
  const rows = await query
    .groupBy('s.transactionId')
    .having(unfinished, {
      steps,
      ...(options.refusalSettles && { refused: REFUSED }),
      ...(chip && { chip: chip.step }),
      ...(chip?.detailLike !== undefined && { chipLike: chip.detailLike }),
    })
    .orderBy('s.transactionId', 'ASC')
    .getRawMany<{ transactionId: string }>();
  return rows.map((r) => r.transactionId);
}

/**
 * The transactions that may owe an act of `kind` (`owed-host-acts.ts`): its steps' intents
 * outnumber their dones, or the chip's step that makes it owed (`owedOnceDone`) was done more often
 * than the act. Each is then read whole and decided by `kind.owedIn`, by the boot's
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
    ...(kind.owedOnceDone && { owedOnceDone: kind.owedOnceDone }),
  });
}

/** An act owed in a transaction, with its kind and the transaction's steps it was read from. */
export interface OwedActFound {
  readonly transactionId: string;
  readonly kind: OwedActKindName;
  readonly act: OwedAct<JournalStep>;
  readonly steps: readonly JournalStep[];
}

/**
 * Every act owed in the transactions `ids`, kind by kind (`OWED_ACT_KINDS`): the transactions that
 * may owe one (`transactionsMayOwe`) read whole and decided by the kind's `owedIn`, as the boot's
 * resumes decide. What retention keeps, and what it gives up past the grace (ADR 0025).
 */
export async function owedActsAmong(m: EntityManager, ids: readonly string[]): Promise<OwedActFound[]> {
  const found: OwedActFound[] = [];
  for (const [kind, definition] of Object.entries(OWED_ACT_KINDS) as [OwedActKindName, OwedActKind][]) {
    for (const transactionId of await transactionsMayOwe(m, definition, ids)) {
      const steps = await m.find(JournalStep, { where: { transactionId }, order: { seq: 'ASC' } });
      for (const act of definition.owedIn(steps)) found.push({ transactionId, kind, act, steps });
    }
  }
  return found;
}

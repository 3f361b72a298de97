/**
 * The fleet's alert of a host act given up derives from the journal (ADR 0025): the give-up is
 * journaled first (`owed-acts-given-up.ts`), the fleet link queues its alert, and once a monitor
 * stored it (its ack, ADR 0011) the journal records it told (`GIVEN_UP_TOLD_STEP`, an `event` step
 * of the same transaction). With a fleet section, retention keeps a transaction with an act given
 * up and not yet told, and each boot tells those again: a crash between the give-up and the alert
 * (the link starts after the journal's boot retention), or a restart while the alert waited in the
 * queue for a broker away, no longer loses the alert. Told again, it carries the same event id
 * (`givenUpEventId`): the queue holds it once and the monitor stores it once.
 */
import { ErrorCode } from '@kiosk/domain';
import type { EntityManager } from 'typeorm';
import { In, Like } from './typeorm-runtime.js';
import { JournalStep } from './journal-step.entity.js';
import { closedBefore } from './journal-retention.js';
import { OWED_ACT_KINDS, type OwedActKindName } from './owed-host-acts.js';
import { stepDetail } from './step-detail.js';
import { givenUpWhy, type GivenUpAct } from './given-up-act.js';

/** Journaled when a monitor stored the alert of an act given up: the act's step and attempt. */
export const GIVEN_UP_TOLD_STEP = 'hostAct.givenUpTold';

/** The told step's detail: which act of the transaction was told. */
export function givenUpToldDetail(act: GivenUpAct): Record<string, string | number> {
  return { act: act.step, ...(act.attempt !== undefined && { attempt: act.attempt }) };
}

/** Which one act given up is: its transaction, step and attempt. */
export const givenUpKey = (act: Pick<GivenUpAct, 'transactionId' | 'step' | 'attempt'>): string =>
  `${act.transactionId}|${act.step}|${act.attempt ?? ''}`;

const kindOf = (step: string): OwedActKindName | undefined =>
  (Object.keys(OWED_ACT_KINDS) as OwedActKindName[]).find((kind) =>
    (OWED_ACT_KINDS[kind].steps as readonly string[]).includes(step),
  );

const attemptIn = (d: Record<string, unknown>) =>
  typeof d['attempt'] === 'number' ? d['attempt'] : undefined;

/**
 * The acts the journal says were given up and not yet told to the fleet, in journal order. Only
 * transactions closed before `cutoff` (the give-up's, `giveUpCutoff`) can hold one: those are few
 * (retention removes them once told), so a boot reads no more than retention does.
 */
export async function untoldGivenUp(m: EntityManager, cutoff: string): Promise<GivenUpAct[]> {
  const failed: JournalStep[] = [];
  for (const chunk of await closedBefore(m, cutoff)) {
    // the detail is the journal's JSON text: the code's key and value side by side, no space
    const code = Like(`%"code":"${ErrorCode.HOST_ACT_ABANDONED}"%`);
    const where = { transactionId: In(chunk), phase: 'failed' as const, detail: code };
    failed.push(...(await m.find(JournalStep, { where, order: { id: 'ASC' } })));
  }
  const given = failed.filter((s) => stepDetail(s)['code'] === ErrorCode.HOST_ACT_ABANDONED);
  const told = new Set<string>();
  const ids = [...new Set(given.map((s) => s.transactionId))];
  for (let i = 0; i < ids.length; i += 500) {
    const where = { step: GIVEN_UP_TOLD_STEP, transactionId: In(ids.slice(i, i + 500)) };
    for (const s of await m.find(JournalStep, { where })) {
      const d = stepDetail(s);
      told.add(givenUpKey({ transactionId: s.transactionId, step: String(d['act']), attempt: attemptIn(d) }));
    }
  }
  const untold: GivenUpAct[] = [];
  for (const s of given) {
    const d = stepDetail(s);
    const kind = kindOf(s.step);
    const attempt = attemptIn(d);
    const act = { transactionId: s.transactionId, step: s.step, ...(attempt !== undefined && { attempt }) };
    if (!kind || told.has(givenUpKey(act))) continue;
    untold.push({
      ...act,
      kind,
      ...givenUpWhy(d['abandoned'] === 'REFUSED', d['lastCode']),
    });
  }
  return untold;
}

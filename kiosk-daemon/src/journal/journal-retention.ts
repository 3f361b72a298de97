/**
 * What the journal's retention removes, in one database transaction: closed transactions that
 * ended before the cutoff (with their steps and personal data) except those with a host act still
 * owed (`OWED_HOST_ACTS`: the boot's resend reads them until the host answered), device counters recorded before
 * it except each device's latest (its current count), and field staff's supply acts made before
 * it except those of a maintenance visit still open.
 */
import type { KioskConfig } from '@kiosk/config';
import type { EntityManager } from 'typeorm';
import { In, LessThan } from './typeorm-runtime.js';
import { DeviceCountersRecord } from './device-counters.entity.js';
import { JournalPersonalData } from './journal-personal-data.entity.js';
import { JournalStep } from './journal-step.entity.js';
import { JournalTransaction } from './journal-transaction.entity.js';
import { MaintenanceSupplyRecord } from './maintenance-supply.entity.js';

/**
 * The journaled host acts the boot sends again while they have more intents than answers
 * (`transactionsWithUnfinished`): a PIN outcome, a withdrawal's release, reversal and confirm, a
 * card-making report and a PIN reset's report. A closed transaction holding one still owed stays
 * past the cutoff: after a long host outage its act is still resent, not lost.
 */
export const OWED_HOST_ACTS = [
  'host.pinOutcome',
  'withdrawal.release',
  'withdrawal.reverse',
  'withdrawal.confirm',
  'recovery.host.issued',
  'host.pinReset',
] as const;

/** The transactions among `ids` holding an owed host act: a PIN outcome's refusal that stands settles it (as at boot), the others' only a done. */
async function withOwedHostAct(m: EntityManager, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const settled = `s.phase = 'done' OR (s.step = 'host.pinOutcome' AND s.phase = 'failed' AND s.detail LIKE :refused)`;
  const rows = await m
    .getRepository(JournalStep)
    .createQueryBuilder('s')
    .select('s.transactionId', 'transactionId')
    .where('s.step IN (:...steps)', { steps: OWED_HOST_ACTS })
    .andWhere('s.transactionId IN (:...ids)', { ids })
    .groupBy('s.transactionId')
    .addGroupBy('s.step')
    .having(
      `SUM(CASE WHEN s.phase = 'intent' THEN 1 ELSE 0 END) > SUM(CASE WHEN ${settled} THEN 1 ELSE 0 END)`,
      { refused: '%"triedAgain":false%' },
    )
    .getRawMany<{ transactionId: string }>();
  return new Set(rows.map((r) => r.transactionId));
}

/** The moment before which records go: `journal.retentionDays` before `now`. */
export function retentionCutoff(config: Pick<KioskConfig, 'journal'>, now: Date): string {
  // the bench passes a config without a journal section: keep the schema's default then
  const days = (config.journal as KioskConfig['journal'] | undefined)?.retentionDays ?? 1825;
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** Returns how many transactions went. */
export async function removeRecordsBefore(m: EntityManager, cutoff: string): Promise<number> {
  const old = await m.find(JournalTransaction, {
    select: { id: true },
    where: { status: 'closed', endedAt: LessThan(cutoff) },
  });
  const ids: string[] = [];
  for (let i = 0; i < old.length; i += 500) {
    const chunk = old.slice(i, i + 500).map((t) => t.id);
    const owed = await withOwedHostAct(m, chunk);
    ids.push(...chunk.filter((id) => !owed.has(id)));
  }
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await m.delete(JournalStep, { transactionId: In(chunk) });
    await m.delete(JournalPersonalData, { transactionId: In(chunk) });
    await m.delete(JournalTransaction, chunk);
  }
  const latest = m
    .createQueryBuilder(DeviceCountersRecord, 'l')
    .select('MAX(l.id)')
    .groupBy('l.kind')
    .getQuery();
  await m
    .createQueryBuilder()
    .delete()
    .from(DeviceCountersRecord)
    .where('"at" < :cutoff', { cutoff })
    .andWhere(`"id" NOT IN (${latest})`)
    .execute();
  await m
    .createQueryBuilder()
    .delete()
    .from(MaintenanceSupplyRecord)
    .where('"at" < :cutoff', { cutoff })
    .andWhere(`"transactionId" NOT IN (SELECT "id" FROM "journal_transaction" WHERE "status" = 'open')`)
    .execute();
  return ids.length;
}

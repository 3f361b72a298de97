/**
 * What the journal's retention removes, in one database transaction: closed transactions that
 * ended before the cutoff (with their steps and personal data) except those with a host act still
 * owed (`owed-host-acts.ts`: what the boot's resumes would still send), device counters recorded before
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
import { owedActsAmong } from './unfinished-acts.js';

/**
 * The transactions among `ids` holding a host act a boot would still send: decided by each kind's
 * one definition (`owedActsAmong`), the one its resume reads, so a refusal that stands, a staff
 * verdict's card report or an act refused as conflicting or given up does not keep its transaction.
 */
export async function withOwedHostAct(m: EntityManager, ids: readonly string[]): Promise<Set<string>> {
  return new Set((await owedActsAmong(m, ids)).map((o) => o.transactionId));
}

/** The closed transactions that ended before `cutoff`, by id, in chunks of 500 (one `IN` list each). */
export async function closedBefore(m: EntityManager, cutoff: string): Promise<string[][]> {
  const old = await m.find(JournalTransaction, {
    select: { id: true },
    where: { status: 'closed', endedAt: LessThan(cutoff) },
    order: { id: 'ASC' },
  });
  const chunks: string[][] = [];
  for (let i = 0; i < old.length; i += 500) chunks.push(old.slice(i, i + 500).map((t) => t.id));
  return chunks;
}

/** The moment before which records go: `journal.retentionDays` before `now`. */
export function retentionCutoff(config: Pick<KioskConfig, 'journal'>, now: Date): string {
  // the bench passes a config without a journal section: keep the schema's default then
  const days = (config.journal as KioskConfig['journal'] | undefined)?.retentionDays ?? 1825;
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/**
 * Returns how many transactions went. `keep`: transactions to keep whatever their age (an act
 * given up and not yet told to the fleet, `given-up-told.ts`).
 */
export async function removeRecordsBefore(
  m: EntityManager,
  cutoff: string,
  keep: ReadonlySet<string> = new Set(),
): Promise<number> {
  const ids: string[] = [];
  for (const chunk of await closedBefore(m, cutoff)) {
    const owed = await withOwedHostAct(m, chunk);
    ids.push(...chunk.filter((id) => !owed.has(id) && !keep.has(id)));
  }
  await removeTransactions(m, ids);
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

/** Removes the transactions `ids` with their steps and sealed personal data. */
export async function removeTransactions(m: EntityManager, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await m.delete(JournalStep, { transactionId: In(chunk) });
    await m.delete(JournalPersonalData, { transactionId: In(chunk) });
    await m.delete(JournalTransaction, chunk);
  }
}

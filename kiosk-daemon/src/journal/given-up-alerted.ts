/**
 * A transaction whose act given up past the retention and its grace the fleet has heard of
 * (ADR 0025): once a monitor stored the alert (the fleet publisher's delivery, ADR 0011) and the
 * journal says it told, nothing keeps it any more, so it goes in the same run, as retention would
 * remove it, rather than at the next boot (retention runs at boot only). A restart before the
 * delivery leaves it to the next boot's retention, as before.
 */
import type { KioskConfig } from '@kiosk/config';
import type { EntityManager } from 'typeorm';
import { LessThan } from './typeorm-runtime.js';
import { untoldGivenUp } from './given-up-told.js';
import { JournalTransaction } from './journal-transaction.entity.js';
import { removeTransactions, retentionCutoff, withOwedHostAct } from './journal-retention.js';
import { giveUpCutoff, GivenUpActs } from './owed-acts-given-up.js';
import type { GivenUpAct } from './given-up-act.js';
import { outlivingItsJourney } from './late-writes.js';
import type { DataSource } from './typeorm-runtime.js';

/**
 * Removes `transactionId` when retention would: closed before the retention's cutoff, no host act
 * owed in it, and every act given up in it told (a told step the journal refused keeps it for the
 * next boot to tell). Answers whether it went.
 */
export async function removeOnceAlerted(
  m: EntityManager,
  transactionId: string,
  config: Pick<KioskConfig, 'journal'>,
  now: Date,
): Promise<boolean> {
  const where = {
    id: transactionId,
    status: 'closed' as const,
    endedAt: LessThan(retentionCutoff(config, now)),
  };
  if (!(await m.exists(JournalTransaction, { where }))) return false;
  if ((await withOwedHostAct(m, [transactionId])).size > 0) return false;
  const untold = await untoldGivenUp(m, giveUpCutoff(config, now));
  if (untold.some((a) => a.transactionId === transactionId)) return false;
  await removeTransactions(m, [transactionId]);
  return true;
}

/**
 * The journal's acts given up in this run (`JournalService.givenUp`): one told to the fleet is
 * journaled so (`recordTold`, a write outliving its journey), and its transaction removed once
 * retention would have removed it (`removeOnceAlerted`).
 */
export function journalGivenUpActs(
  db: Pick<DataSource, 'transaction'>,
  config: Pick<KioskConfig, 'journal'>,
  recordTold: (act: GivenUpAct) => Promise<void>,
): GivenUpActs {
  return new GivenUpActs(
    (act) => outlivingItsJourney('an act given up told to the fleet', () => recordTold(act)),
    (act) => db.transaction((m) => removeOnceAlerted(m, act.transactionId, config, new Date())),
  );
}

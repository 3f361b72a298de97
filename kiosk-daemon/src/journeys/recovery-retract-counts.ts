/**
 * The notes at the slot retracted by a withdrawal's settlement (boot recovery's decision,
 * `withdrawal-boot-settlement.ts`, or staff's verdict, `withdrawal-staff-settlement.ts`),
 * counted in the journal's dispenser counters once across a restart at any instant.
 *
 * A dispenser that counts nothing itself (a real LCDM) takes its bins back from the journal's last
 * counters record at boot: the retract used to be journaled done, then its bins recorded, so a
 * restart between the two lost the retracted notes from the retract (and reject) bin counts and
 * staff's cash reconciliation showed notes missing that were in the bin. Journal first, count
 * second: the `done` carries the bin counts the retract made (`retractBin`, `rejectBin`), those
 * before it (`retractBinBefore`, `rejectBinBefore`) and the last counters record before it
 * (`after`), then the counters record them by setting, once (`DeviceCountersService.recordCountsOnce`:
 * nothing when a record since `after` has them already or the bins moved since). A settlement
 * carried through after a restart between the step and its record catches the counts up from the
 * step (`catchUpRetractCounts`) before it decides anything, and hands the caught-up bins back to
 * the dispenser that counts nothing itself, which took the older ones at boot.
 */
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import type { DeviceCounters, MadeCounts } from '../journal/device-counters.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { detailCount, type JournaledStep } from '../journal/step-detail.js';
import { journaledAct, recordDeviceCounters } from './journey-tools.js';

export const RECOVERY_RETRACT_STEP = 'recovery.cash.retract';

/** The bins a retract can move (a retract bin, a reject bin where the device sends them). */
const BINS = ['retractBin', 'rejectBin'] as const;

interface RetractCounts {
  readonly counts: MadeCounts;
  readonly before: MadeCounts;
}

const countsOf = (dispenser: CashDispenserPort): DeviceCounters | undefined =>
  deviceCountersOf(dispenser.status(), dispenser.cassettes());

/** The bins that moved between `before` and `now`; undefined when none did (nothing retracted). */
function binsMoved(
  before: DeviceCounters | undefined,
  now: DeviceCounters | undefined,
): RetractCounts | undefined {
  const counts: Record<string, number> = {};
  const was: Record<string, number> = {};
  for (const bin of BINS) {
    const a = before?.[bin];
    const b = now?.[bin];
    if (a !== undefined && b !== undefined && a !== b) {
      counts[bin] = b;
      was[bin] = a;
    }
  }
  return Object.keys(counts).length > 0 ? { counts, before: was } : undefined;
}

/**
 * Retracts the notes at the slot for `transactionId`: journaled (intent, done with the bin counts
 * it made), then the dispenser's counters recorded, the bins set once.
 */
export async function retractCounted(
  journal: JournalService,
  dispenser: CashDispenserPort,
  transactionId: string,
): Promise<void> {
  // the record id first: a record written from here on is after it
  const after = await journal.counters.lastRecord();
  const before = countsOf(dispenser);
  let made: RetractCounts | undefined;
  await journaledAct(journal, transactionId, RECOVERY_RETRACT_STEP, () => dispenser.retract(), undefined, {
    doneDetail: () => {
      made = binsMoved(before, countsOf(dispenser));
      if (!made) return undefined;
      const detail: Record<string, number> = { after };
      for (const bin of BINS) {
        const to = made.counts[bin];
        const from = made.before[bin];
        if (to !== undefined && from !== undefined)
          Object.assign(detail, { [bin]: to, [`${bin}Before`]: from });
      }
      return detail;
    },
  });
  const device = countsOf(dispenser);
  if (made) await journal.counters.recordCountsOnce('cashDispenser', { ...made, after }, device);
  else await recordDeviceCounters(journal, dispenser.status(), dispenser.cassettes());
}

/**
 * The bin counts the last retract of these steps journaled, recorded once: a restart between its
 * `done` and its counters record is caught up. A dispenser that counts nothing itself gets the
 * caught-up bins back. Nothing when no retract with counts was journaled (none, or an older
 * release's: it recorded its counts before its settlement went on).
 */
export async function catchUpRetractCounts(
  journal: JournalService,
  dispenser: CashDispenserPort,
  steps: readonly JournaledStep[],
): Promise<void> {
  const done = steps.findLast((s) => s.step === RECOVERY_RETRACT_STEP && s.phase === 'done');
  const after = detailCount(done, 'after');
  if (after === undefined) return;
  const counts: Record<string, number> = {};
  const before: Record<string, number> = {};
  for (const bin of BINS) {
    const to = detailCount(done, bin);
    const from = detailCount(done, `${bin}Before`);
    if (to !== undefined && from !== undefined) {
      counts[bin] = to;
      before[bin] = from;
    }
  }
  if (Object.keys(counts).length === 0) return;
  if (!(await journal.counters.recordCountsOnce('cashDispenser', { counts, before, after }))) return;
  const kept = (await journal.counters.latestCounters()).cashDispenser?.counters;
  if (!dispenser.countsFromJournal || !dispenser.restoreCounts || !kept?.cassettes) return;
  dispenser.restoreCounts({
    cassettes: kept.cassettes,
    ...(kept.rejectBin !== undefined && { rejectBin: kept.rejectBin }),
    ...(kept.retractBin !== undefined && { retractBin: kept.retractBin }),
  });
}

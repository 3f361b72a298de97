/**
 * What a supply act makes besides its steps (ADR 0022): the journal's count of the supply where
 * only the journal keeps it (or the device's counts where the device keeps them), and the act's
 * `maintenance_supply` entry, each set once, whether the act finishes as it runs, at boot's
 * catch-up or by staff's answer (`supply-act-recovery.ts`, `supply-act-staff-verdict.ts`). The act is read from its steps
 * (`supply-act-steps.ts`).
 */
import type { DevicesService } from '../devices/devices.service.js';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import type { JournalService } from '../journal/journal.service.js';
import type { MadeCounts } from '../journal/made-counts.js';
import type { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import { recordDeviceCounters } from '../journeys/journey-tools.js';
import type { ReplenishableDevice } from './maintenance-supply-requests.js';
import type { SupplyActIntent, SupplyActOfSteps } from './supply-act-steps.js';

/** The journal's counter a supply is, as `MadeCounts` names it (cassettes by id). */
function madeCounts(supply: string, count: number): MadeCounts | undefined {
  if (supply.startsWith('cassette:')) return { cassettes: { [supply.slice('cassette:'.length)]: count } };
  const bins: Record<string, keyof MadeCounts> = {
    cardHopper: 'blanks',
    rejectBin: 'rejectBin',
    retractBin: 'retractBin',
    captureBin: 'captureBin',
  };
  const key = bins[supply];
  return key ? ({ [key]: count } as MadeCounts) : undefined;
}

/** The journal's count an act makes: from the count before, when the last record was `countsAfter`. */
export interface JournalCountMade {
  readonly journalBefore: number | null;
  readonly journalAfter: number | null;
  readonly countsAfter: number;
  /** a test dispense done: the journal's notes of the cassettes it took one from each, before it */
  readonly cassettesBefore?: Readonly<Record<string, number>> | null;
}

/** The cassettes' notes with one note taken from each (a test dispense), or nothing to add. */
function notesTaken(before: Readonly<Record<string, number>> | null | undefined) {
  if (!before) return { counts: {}, was: {} };
  const after = Object.fromEntries(Object.entries(before).map(([id, n]) => [id, n - 1]));
  return { counts: { cassettes: after }, was: { cassettes: before } };
}

/**
 * The counts of an act: where only the journal counts the supply, the count it makes (`made`, the
 * intent's by default; staff's count recorded first as the count before when the journal had
 * none), set once; where the device counts it, the device's counts as it reports them (not on a
 * catch-up: boot reconcile recorded them before recovery). A dispenser that counts from the
 * journal (an LCDM) is given the journal's counts back after a catch-up.
 */
export async function recordActCounts(
  journal: JournalService,
  devices: DevicesService,
  intent: SupplyActIntent,
  made: JournalCountMade = intent,
  catchUp = false,
): Promise<void> {
  const { device, supply } = intent;
  if (intent.countedBy !== 'journal' || made.journalAfter === null) {
    if (!catchUp && intent.countedBy === 'device') {
      const cassettes = device === 'cashDispenser' ? devices.cashDispenser.cassettes() : undefined;
      await recordDeviceCounters(journal, devices[device as ReplenishableDevice].status(), cassettes);
    }
    return;
  }
  const supplyCount = madeCounts(supply, made.journalAfter);
  if (!supplyCount) return;
  const taken = notesTaken(made.cassettesBefore);
  const counts = { ...supplyCount, ...taken.counts };
  const before = made.journalBefore ?? intent.countedByStaff;
  const after = made.countsAfter;
  const cassettes = device === 'cashDispenser' ? devices.cashDispenser.cassettes() : undefined;
  const now = deviceCountersOf(devices[device as ReplenishableDevice].status(), cassettes);
  if (made.journalBefore === null && before !== null) {
    const first = { counts: madeCounts(supply, before)!, before: {}, after };
    await journal.counters.recordCountsOnce(device, first, now);
  }
  const was = { ...(before === null ? {} : madeCounts(supply, before)!), ...taken.was };
  await journal.counters.recordCountsOnce(device, { counts, before: was, after }, now);
  const dispenser = devices.cashDispenser;
  if (catchUp && device === 'cashDispenser' && dispenser.countsFromJournal && dispenser.restoreCounts) {
    const kept = (await journal.counters.latestCounters()).cashDispenser?.counters;
    if (kept?.cassettes)
      dispenser.restoreCounts({
        cassettes: kept.cassettes,
        ...(kept.rejectBin !== undefined && { rejectBin: kept.rejectBin }),
      });
  }
}

/** An act left for staff where the journal had no count: staff's count before it made the journal's, once. */
export async function recordStaffCountBefore(
  journal: JournalService,
  devices: DevicesService,
  intent: SupplyActIntent,
): Promise<void> {
  if (intent.countedBy !== 'journal' || intent.journalBefore !== null || intent.countedByStaff === null)
    return;
  const counts = madeCounts(intent.supply, intent.countedByStaff);
  if (!counts) return;
  const now = deviceCountersOf(devices[intent.device as ReplenishableDevice].status(), undefined);
  await journal.counters.recordCountsOnce(
    intent.device,
    { counts, before: {}, after: intent.countsAfter },
    now,
  );
}

/** The `maintenance_supply` entry of an act, appended unless the transaction has it already. */
export async function appendActOnce(
  supplyLog: MaintenanceSupplyLog,
  transactionId: string,
  act: SupplyActOfSteps,
  entry: { quantity: number; deviceBefore: number | null; deviceAfter: number | null },
): Promise<boolean> {
  const { intent } = act;
  // a test dispense moves counts only: no refill or emptying to log
  if (intent.step === 'maintenance.testDispense') return false;
  const action = intent.step === 'maintenance.refill' ? 'refill' : 'empty';
  const logged = (await supplyLog.ofTransaction(transactionId)).filter(
    (r) => r.kind === intent.device && r.supply === intent.supply && r.action === action,
  );
  if (logged.length > act.index) return false;
  await supplyLog.append({
    transactionId,
    staffId: intent.staffId,
    kind: intent.device,
    supply: intent.supply,
    action,
    journalBefore: intent.journalBefore,
    countedByStaff: intent.countedByStaff,
    ...entry,
  });
  return true;
}

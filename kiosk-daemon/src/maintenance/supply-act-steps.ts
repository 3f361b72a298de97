/**
 * Field staff's supply acts (`maintenance.refill`, `maintenance.emptyBin`) as their steps journal
 * them, so that an act a restart cut off is finished from the journal alone, once
 * (`supply-act-recovery.ts`, ADR 0022). Each act's intent carries what it needs: who counts the
 * supply (`countedBy`: the device itself, only the journal, or nobody but staff), the device's
 * count before, the journal's count before and the count the act makes in the journal where the
 * journal keeps it (`journalAfter`, with the last counters record it was read after,
 * `countsAfter`). Its outcome (`done`, or `failed` after the device acted: `deviceAfter` in it)
 * comes right after the device act; the journal's count and the `maintenance_supply` entry follow,
 * each set once: the count by `recordCountsOnce`, the entry by the act's place among the
 * transaction's acts of that supply (entries are appended in the order of their acts).
 */
import type { DeviceKind } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { deviceCountersOf, journalKeptCounterOf } from '../journal/device-counters-of.js';
import { recordDeviceCounters } from '../journeys/journey-tools.js';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import type { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import type { MadeCounts } from '../journal/made-counts.js';
import { detailCount, detailText, stepDetail, type JournaledStep } from '../journal/step-detail.js';
import type { ReplenishableDevice } from './maintenance-supplies.service.js';

export const SUPPLY_ACT_STEPS = ['maintenance.refill', 'maintenance.emptyBin'] as const;
export type SupplyActStep = (typeof SUPPLY_ACT_STEPS)[number];

/** `recovery.needsStaff`'s reason for a supply act only staff can say happened or not. */
export const SUPPLY_ACT_UNDECIDED = 'supplyActUndecided';

/** Who knows the supply's count: the device itself, only the journal, or nobody but staff. */
export type SupplyCountedBy = 'device' | 'journal' | 'staff';

/** A supply act as its intent journaled it. */
export interface SupplyActIntent {
  readonly step: SupplyActStep;
  readonly device: DeviceKind;
  readonly supply: string;
  readonly staffId: string;
  /** units loaded, or taken out of the bin */
  readonly quantity: number;
  readonly countedBy: SupplyCountedBy;
  readonly journalBefore: number | null;
  readonly countedByStaff: number | null;
  readonly deviceBefore: number | null;
  /** a ribbon: a refill sets the count instead of adding to it */
  readonly replaces: boolean;
  /** the journal's count the act makes (countedBy `journal`), null when the journal has none to make */
  readonly journalAfter: number | null;
  /** the last counters record read before the intent */
  readonly countsAfter: number;
}

/** One act of a transaction: its intent, its outcome (none: cut off) and its place among the acts. */
export interface SupplyActOfSteps {
  readonly intent: SupplyActIntent;
  readonly outcome: JournaledStep | undefined;
  /** how many acts of the transaction before it, of the same device, supply and step, have their entry */
  readonly index: number;
}

const isActStep = (step: string): step is SupplyActStep =>
  (SUPPLY_ACT_STEPS as readonly string[]).includes(step);

const countOrNull = (s: JournaledStep, key: string): number | null => detailCount(s, key) ?? null;

/** What an act is, as `maintenance-supplies.service.ts` takes it. */
interface ActAsked {
  readonly action: 'refill' | 'emptyBin';
  readonly device: DeviceKind;
  readonly supply: string;
  readonly quantity: number;
  readonly countedByStaff: number | null;
}

/**
 * What an act's intent carries for boot to finish it: who counts the supply, the counts before,
 * and the journal's count it makes where only the journal counts it (a card hopper or reject bin
 * the printer does not count, the notes of a dispenser that counts from the journal): the
 * journal's count, else staff's, plus what was loaded (a ribbon: what was loaded); a bin emptied, 0.
 */
export function supplyActIntent(
  act: ActAsked,
  read: {
    readonly staffId: string;
    readonly spec: { readonly replaces?: boolean };
    readonly journalBefore: number | null;
    readonly deviceBefore: number | null;
    readonly countsAfter: number;
    readonly countsFromJournal: boolean;
  },
): SupplyActIntent {
  const { device, supply, quantity } = act;
  const { journalBefore, deviceBefore } = read;
  const fromJournal =
    read.countsFromJournal || (deviceBefore === null && journalKeptCounterOf(device, supply) !== undefined);
  const countedBy = fromJournal ? 'journal' : deviceBefore !== null ? 'device' : 'staff';
  const base = journalBefore ?? act.countedByStaff ?? (fromJournal ? deviceBefore : null);
  const replaces = read.spec.replaces === true;
  const journalAfter =
    countedBy !== 'journal' || base === null
      ? null
      : act.action === 'emptyBin'
        ? 0
        : replaces
          ? quantity
          : base + quantity;
  return {
    step: `maintenance.${act.action}`,
    device,
    supply,
    staffId: read.staffId,
    quantity,
    countedBy,
    journalBefore,
    countedByStaff: act.countedByStaff,
    deviceBefore,
    replaces,
    journalAfter,
    countsAfter: read.countsAfter,
  };
}

/**
 * What an act's intent journals beside what staff asked (its device, supply and the journal's
 * count before are there already): what `intentOf` reads back.
 */
export function intentDetail(intent: SupplyActIntent): StepDetail {
  const { step: _step, device: _device, supply: _supply, journalBefore: _journal, ...more } = intent;
  return more;
}

function intentOf(s: JournaledStep): SupplyActIntent | undefined {
  if (!isActStep(s.step) || s.phase !== 'intent') return undefined;
  const device = detailText(s, 'device') as DeviceKind | undefined;
  const supply = detailText(s, 'supply');
  const countedBy = detailText(s, 'countedBy');
  const quantity = detailCount(s, 'quantity');
  const countsAfter = detailCount(s, 'countsAfter');
  // an intent of a release before this shape: not finished by the journal alone
  if (!device || !supply || quantity === undefined || countsAfter === undefined) return undefined;
  if (countedBy !== 'device' && countedBy !== 'journal' && countedBy !== 'staff') return undefined;
  return {
    step: s.step,
    device,
    supply,
    staffId: detailText(s, 'staffId') ?? 'unknown',
    quantity,
    countedBy,
    journalBefore: countOrNull(s, 'journalBefore'),
    countedByStaff: countOrNull(s, 'countedByStaff'),
    deviceBefore: countOrNull(s, 'deviceBefore'),
    replaces: stepDetail(s)['replaces'] === true,
    journalAfter: countOrNull(s, 'journalAfter'),
    countsAfter,
  };
}

/**
 * Whether an act's outcome comes with a `maintenance_supply` entry: a done act, or a failed one
 * that says so (`logged`: the device acted and counted another number; staff said it was not done).
 */
export function logsEntry(outcome: JournaledStep | undefined): boolean {
  return outcome !== undefined && (outcome.phase === 'done' || stepDetail(outcome)['logged'] === true);
}

/**
 * The supply acts of a transaction's steps, in order. An act's outcome is its step's next done or
 * failed; a failed one naming the device is a refusal journaled before any intent (a count that
 * does not agree), no act's outcome. An intent that does not read (an earlier release's) keeps its
 * place, so its outcome and its entry are not taken for another act's, and is left out.
 */
export function supplyActsOf(steps: readonly JournaledStep[]): SupplyActOfSteps[] {
  type Read = { intent: SupplyActIntent | undefined; step: string; key: string } & {
    outcome: JournaledStep | undefined;
    index: number;
  };
  const acts: Read[] = [];
  for (const s of steps) {
    if (!isActStep(s.step)) continue;
    if (s.phase === 'intent') {
      const key = `${s.step}|${detailText(s, 'device') ?? ''}|${detailText(s, 'supply') ?? ''}`;
      acts.push({ intent: intentOf(s), step: s.step, key, outcome: undefined, index: 0 });
    } else if (s.phase === 'done' || (s.phase === 'failed' && !Object.hasOwn(stepDetail(s), 'device'))) {
      // named by its act (two supplies' acts run at once); an earlier release's by its step
      const of = detailText(s, 'ofAct');
      const open = acts.findLast(
        (a) => a.step === s.step && !a.outcome && (of === undefined || a.key === of),
      );
      if (open) open.outcome = s;
    }
  }
  const logged = new Map<string, number>();
  for (const act of acts) {
    act.index = logged.get(act.key) ?? 0;
    if (logsEntry(act.outcome)) logged.set(act.key, act.index + 1);
  }
  return acts.flatMap(({ intent, outcome, index }) => (intent ? [{ intent, outcome, index }] : []));
}

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
  const counts = madeCounts(supply, made.journalAfter);
  if (!counts) return;
  const before = made.journalBefore ?? intent.countedByStaff;
  const after = made.countsAfter;
  const cassettes = device === 'cashDispenser' ? devices.cashDispenser.cassettes() : undefined;
  const now = deviceCountersOf(devices[device as ReplenishableDevice].status(), cassettes);
  if (made.journalBefore === null && before !== null) {
    const first = { counts: madeCounts(supply, before)!, before: {}, after };
    await journal.counters.recordCountsOnce(device, first, now);
  }
  const was = before === null ? {} : madeCounts(supply, before)!;
  await journal.counters.recordCountsOnce(device, { counts, before: was, after }, now);
  const dispenser = devices.cashDispenser;
  if (catchUp && device === 'cashDispenser' && dispenser.countsFromJournal && dispenser.restoreCounts) {
    const kept = (await journal.counters.latestCounters()).cashDispenser?.counters;
    if (kept?.cassettes) dispenser.restoreCounts({ cassettes: kept.cassettes });
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

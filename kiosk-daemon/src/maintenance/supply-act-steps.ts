/**
 * Field staff's supply acts (`maintenance.refill`, `maintenance.emptyBin`, and the test dispense,
 * `maintenance.testDispense`: its notes into the dispenser's reject bin) as their steps journal
 * them, so that an act a restart cut off is finished from the journal alone, once
 * (`supply-act-recovery.ts`, ADR 0022). Each act's intent carries what it needs: who counts the
 * supply (`countedBy`: the device itself, only the journal, or nobody but staff), the device's
 * count before, the journal's count before and the count the act makes in the journal where the
 * journal keeps it (`journalAfter`, with the last counters record it was read after,
 * `countsAfter`). Its outcome (`done`, or `failed` after the device acted: `deviceAfter` in it)
 * comes right after the device act; the journal's count and the `maintenance_supply` entry follow,
 * each set once: the count by `recordCountsOnce`, the entry by the act's place among the
 * transaction's acts of that supply (entries are appended in the order of their acts:
 * `supply-act-counts.ts`).
 */
import type { DeviceKind } from '@kiosk/domain';
import { journalKeptCounterOf } from '../journal/device-counters-of.js';
import type { StepDetail } from '../journal/journal.service.js';
import { detailCount, detailText, stepDetail, type JournaledStep } from '../journal/step-detail.js';

export const SUPPLY_ACT_STEPS = [
  'maintenance.refill',
  'maintenance.emptyBin',
  'maintenance.testDispense',
] as const;
export type SupplyActStep = (typeof SUPPLY_ACT_STEPS)[number];

/** The act a step is, as staff and the fleet name it: a refill, a bin emptying or a test dispense. */
export const actionOfStep = (step: SupplyActStep) =>
  step.slice('maintenance.'.length) as 'refill' | 'emptyBin' | 'testDispense';

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
  /**
   * a test dispense (its supply the reject bin, `quantity` its notes): the journal's notes of each
   * cassette it takes one from, before it; null for a refill or emptying
   */
  readonly cassettesBefore: Readonly<Record<string, number>> | null;
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
    cassettesBefore: null,
  };
}

/** `upper=198,lower=200`: cassettes' notes as one journaled text (a step's detail is flat). */
export const cassettesText = (notes: Readonly<Record<string, number>>): string =>
  Object.entries(notes)
    .map(([id, n]) => `${id}=${n}`)
    .join(',');

/** The cassettes' notes `cassettesText` wrote; null when there is none or it does not read. */
export function cassettesOfText(text: string | undefined): Readonly<Record<string, number>> | null {
  if (!text) return null;
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [id, n] = part.split('=');
    if (!id || n === undefined || !/^\d+$/.test(n)) return null;
    out[id] = Number(n);
  }
  return out;
}

/**
 * What an act's intent journals beside what staff asked (its device, supply and the journal's
 * count before are there already): what `intentOf` reads back.
 */
export function intentDetail(intent: SupplyActIntent): StepDetail {
  const { step: _step, device: _device, supply: _supply, journalBefore: _journal, ...more } = intent;
  const { cassettesBefore, ...flat } = more;
  return cassettesBefore ? { ...flat, cassettesBefore: cassettesText(cassettesBefore) } : flat;
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
    cassettesBefore: cassettesOfText(detailText(s, 'cassettesBefore')),
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

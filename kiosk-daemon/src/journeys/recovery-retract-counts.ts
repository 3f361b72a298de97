/**
 * The notes at the slot retracted, counted in the journal's dispenser counters once across a
 * restart at any instant: the withdrawal journey's own retract (`cash.retract`: the notes not
 * taken, or those of a dispense whose outcome was unknown, `withdrawal-journey.ts`) and a
 * settlement's (`recovery.cash.retract`: boot recovery's decision, `withdrawal-boot-settlement.ts`,
 * or staff's verdict, `withdrawal-staff-settlement.ts`).
 *
 * A dispenser that counts nothing itself (a real LCDM) takes its counts back from the journal's last
 * counters record at boot: a retract used to be journaled done, then its counts recorded, so a
 * restart between the two lost the retracted notes from the retract (and reject) bin counts and
 * staff's cash reconciliation showed notes missing that were in the bin. After a dispense whose
 * outcome was unknown the retract also takes the notes out of the cassettes' counts (the dispenser
 * counts them only when it sees them): lost the same way, the cassettes read high again, the notes
 * counted twice (in the cassette and in the bin). Journal first, count second: the `done` carries
 * the counts the retract made (`retractBin`, `rejectBin`, and `cassettes` as `upper=198,lower=200`
 * when they moved), those before it (`retractBinBefore`, `rejectBinBefore`, `cassettesBefore`) and
 * the last counters record before it (`after`), then the counters record them by setting, once
 * (`DeviceCountersService.recordCountsOnce`: nothing when a record since `after` has them already
 * or they moved since). Recovery (at boot, or staff's verdict carried through) catches the counts
 * up from the steps (`catchUpRetractCounts`) before it decides anything, and hands the caught-up
 * counts back to the dispenser that counts nothing itself, which took the older ones at boot.
 */
import { countOf, type CashDispenserPort } from '@kiosk/device-drivers';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import type { DeviceCounters, MadeCounts } from '../journal/device-counters.service.js';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { detailCount, detailText, stepDetail, type JournaledStep } from '../journal/step-detail.js';
import { journaledAct, recordDeviceCounters, type JournaledActOptions } from './journey-tools.js';
import { atSlotDetail, BINS, NOTES_RETRACTED, RETRACTED_FEN, type NotesAtSlot } from './retracted-notes.js';
import { parseCounts } from './withdrawal-recovery.js';

export const RECOVERY_RETRACT_STEP = 'recovery.cash.retract';
/** the journey's own retract (`withdrawal-journey.ts`) */
export const JOURNEY_RETRACT_STEP = 'cash.retract';

interface RetractCounts {
  readonly counts: MadeCounts;
  readonly before: MadeCounts;
}

const countsOf = (dispenser: CashDispenserPort): DeviceCounters | undefined =>
  deviceCountersOf(dispenser.status(), dispenser.cassettes());

const notesOf = (counters: DeviceCounters | undefined): Record<string, number> =>
  Object.fromEntries((counters?.cassettes ?? []).map((c) => [c.cassette, c.notes]));

/** `upper=198,lower=200`, as the dispense intent journals the cassettes */
const cassettesText = (notes: Readonly<Record<string, number>>) =>
  Object.entries(notes)
    .map(([id, n]) => `${id}=${n}`)
    .join(',');

/**
 * The counts that moved between `before` and `now` (the bins; the cassettes, all of them, when one
 * moved); undefined when none did (nothing retracted).
 */
function countsMoved(
  before: DeviceCounters | undefined,
  now: DeviceCounters | undefined,
): RetractCounts | undefined {
  const counts: Record<string, unknown> = {};
  const was: Record<string, unknown> = {};
  for (const bin of BINS) {
    const a = before?.[bin];
    const b = now?.[bin];
    if (a !== undefined && b !== undefined && a !== b) {
      counts[bin] = b;
      was[bin] = a;
    }
  }
  const [a, b] = [notesOf(before), notesOf(now)];
  const ids = Object.keys(a).filter((id) => b[id] !== undefined);
  if (ids.some((id) => a[id] !== b[id])) {
    counts['cassettes'] = Object.fromEntries(ids.map((id) => [id, b[id]]));
    was['cassettes'] = Object.fromEntries(ids.map((id) => [id, a[id]]));
  }
  return Object.keys(counts).length > 0 ? { counts, before: was } : undefined;
}

/** The `done`'s detail: the counts made, those before, the last record before the retract. */
function doneDetailOf(made: RetractCounts, after: number): StepDetail {
  const detail: Record<string, number | string> = { after };
  for (const bin of BINS) {
    const to = made.counts[bin];
    const from = made.before[bin];
    if (to !== undefined && from !== undefined) Object.assign(detail, { [bin]: to, [`${bin}Before`]: from });
  }
  if (made.counts.cassettes && made.before.cassettes) {
    detail['cassettes'] = cassettesText(made.counts.cassettes);
    detail['cassettesBefore'] = cassettesText(made.before.cassettes);
  }
  return detail;
}

/** How one retract is journaled and counted: by a journey's tools or the journal itself. */
export interface RetractJournaling {
  /** journals the retract (intent, act, `done` with what `options.doneDetail` gives) */
  journaled<T>(act: () => Promise<T>, options: JournaledActOptions<T>): Promise<T>;
  /** the id of the device counters' last record now; undefined: the counts are not kept once */
  lastRecord(): Promise<number | undefined>;
  /** the counts a retract made, set once (`recordCountsOnce`) */
  recordOnce(
    made: RetractCounts & { readonly after: number },
    device: DeviceCounters | undefined,
  ): Promise<unknown>;
  /** the dispenser's counts as they are (nothing counted moved) */
  record(): Promise<void>;
}

/**
 * Retracts the notes at the slot: journaled (intent, done with the counts it made), then the
 * dispenser's counters recorded, the counts it made set once. Answers the retract's answer.
 */
export async function retractWithCounts<T extends { readonly retractedFen: number; readonly notes: number }>(
  journaling: RetractJournaling,
  dispenser: CashDispenserPort,
  retract: () => Promise<T>,
): Promise<T> {
  // the record id first: a record written from here on is after it
  const after = await journaling.lastRecord();
  const before = countsOf(dispenser);
  let made: RetractCounts | undefined;
  const result = await journaling.journaled(retract, {
    // the notes it took back too: a done that took back none is no retract, one that took back
    // fewer than were at the slot is a short one (`retracted-notes.ts`)
    doneDetail: (answer) => {
      made = countsMoved(before, countsOf(dispenser));
      const counts = made && after !== undefined ? doneDetailOf(made, after) : {};
      return { ...counts, [NOTES_RETRACTED]: answer.notes, [RETRACTED_FEN]: answer.retractedFen };
    },
  });
  if (made && after !== undefined) await journaling.recordOnce({ ...made, after }, countsOf(dispenser));
  else await journaling.record();
  return result;
}

/**
 * Whether the notes waiting in the presenter never came out of the cassettes' counts: on a
 * dispenser that counts nothing itself, its cassettes still hold what the transaction's dispense
 * intent journaled before a note moved. A restart cut that dispense off before the journal kept its
 * counts (the notes counted into the presenter, the journal never told; or told, its counters
 * record cut off): the new driver took the cassettes back from the journal's older record, so
 * retracted they would be counted twice, in the cassette and in the retract bin.
 */
function presenterUncounted(dispenser: CashDispenserPort, steps: readonly JournaledStep[]): boolean {
  if (!dispenser.countsFromJournal || !dispenser.presenterNotesUncounted) return false;
  if (dispenser.presenter().notes === 0) return false;
  const intent = steps.findLast((s) => s.step === 'cash.dispense' && s.phase === 'intent');
  const before = parseCounts(stepDetail(intent)['cassettesBefore']);
  if (!before) return false;
  const now = Object.fromEntries(dispenser.cassettes().map((c) => [c.id, c.count]));
  return Object.entries(before).every(([id, n]) => now[id] === n);
}

/**
 * Retracts the notes at the slot for `transactionId` (a settlement's `recovery.cash.retract`):
 * journaled (intent, done with the counts it made), then the dispenser's counters recorded, the
 * counts it made set once. Notes a restart left uncounted in the presenter (`steps`, the
 * transaction's: `presenterUncounted`) are taken out of the cassettes by the retract, journaled
 * with its intent (`uncountedDispense`) and its done's cassettes. What the presenter held when the
 * retract was decided (`atSlot`) goes with the intent: a restart after a done short of it finds the
 * retract short (`shortRetractOf`). Answers what the retract took back.
 */
export async function retractCounted(
  journal: JournalService,
  dispenser: CashDispenserPort,
  transactionId: string,
  steps: readonly JournaledStep[],
  atSlot?: NotesAtSlot,
): Promise<{ readonly retractedFen: number; readonly notes: number }> {
  const uncounted = presenterUncounted(dispenser, steps);
  if (uncounted) dispenser.presenterNotesUncounted?.();
  // the bin before it goes with what is at the slot: a restart before its done reads it short by them
  const binBefore = atSlot && { retractBinBefore: countOf(dispenser.status().supplies, 'retractBin') };
  const intent = { ...atSlotDetail(atSlot), ...binBefore, ...(uncounted && { uncountedDispense: true }) };
  return retractWithCounts(
    {
      journaled: (act, options) =>
        journaledAct(
          journal,
          transactionId,
          RECOVERY_RETRACT_STEP,
          act,
          Object.keys(intent).length > 0 ? intent : undefined,
          options,
        ),
      lastRecord: () => journal.counters.lastRecord(),
      recordOnce: (made, device) => journal.counters.recordCountsOnce('cashDispenser', made, device),
      record: () => recordDeviceCounters(journal, dispenser.status(), dispenser.cassettes()),
    },
    dispenser,
    () => dispenser.retract(),
  );
}

/** The counts a retract's `done` journaled; undefined when it carries none (an older release's). */
function journaledCounts(done: JournaledStep): (RetractCounts & { readonly after: number }) | undefined {
  const after = detailCount(done, 'after');
  if (after === undefined) return undefined;
  const counts: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  for (const bin of BINS) {
    const to = detailCount(done, bin);
    const from = detailCount(done, `${bin}Before`);
    if (to !== undefined && from !== undefined) {
      counts[bin] = to;
      before[bin] = from;
    }
  }
  const cassettes = parseCounts(detailText(done, 'cassettes'));
  const cassettesBefore = parseCounts(detailText(done, 'cassettesBefore'));
  if (cassettes && cassettesBefore) {
    counts['cassettes'] = cassettes;
    before['cassettes'] = cassettesBefore;
  }
  return Object.keys(counts).length > 0 ? { counts, before, after } : undefined;
}

/**
 * The counts every retract of these steps journaled done (the journey's, a settlement's), in
 * their order, recorded once: a restart between a `done` and its counters record is caught up. A
 * dispenser that counts nothing itself gets the caught-up counts back. Nothing when no retract
 * with counts was journaled (none, or an older release's: it recorded its counts before it went on).
 */
export async function catchUpRetractCounts(
  journal: JournalService,
  dispenser: CashDispenserPort,
  steps: readonly JournaledStep[],
): Promise<void> {
  let caughtUp = false;
  for (const step of steps) {
    if (step.phase !== 'done' || (step.step !== RECOVERY_RETRACT_STEP && step.step !== JOURNEY_RETRACT_STEP))
      continue;
    const made = journaledCounts(step);
    if (made && (await journal.counters.recordCountsOnce('cashDispenser', made))) caughtUp = true;
  }
  if (!caughtUp) return;
  const kept = (await journal.counters.latestCounters()).cashDispenser?.counters;
  if (!dispenser.countsFromJournal || !dispenser.restoreCounts || !kept?.cassettes) return;
  dispenser.restoreCounts({
    cassettes: kept.cassettes,
    ...(kept.rejectBin !== undefined && { rejectBin: kept.rejectBin }),
    ...(kept.retractBin !== undefined && { retractBin: kept.retractBin }),
  });
}

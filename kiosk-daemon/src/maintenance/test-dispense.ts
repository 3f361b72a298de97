/**
 * Field staff's test dispense (`MaintenanceDeviceChecksService.testDispense`): one note of each
 * cassette into the reject bin, as a supply act of that bin (ADR 0022, addendum): its intent
 * carries the notes it will move (`quantity`), the journal's counts before (the reject bin's, each
 * cassette's it takes from) and the last counters record read, so the counts it makes are set once
 * (`recordActCounts`) whether it finishes as it runs or at boot's catch-up. Cut off by a restart
 * before its outcome, a dispenser that counts its reject bin itself decides it by that count; one
 * whose counts are the journal's (an LCDM) cannot tell, so staff are asked whether the notes went
 * to the reject bin, as for a refill cut off.
 */
import { countOf } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { recordDeviceCounters } from '../journeys/journey-tools.js';
import type { StepDetail } from '../journal/journal.service.js';
import { detailCount, detailText, type JournaledStep } from '../journal/step-detail.js';
import { recordActCounts, type JournalCountMade } from './supply-act-counts.js';
import type { MaintenanceService } from './maintenance.service.js';
import { leaveActForStaff, leavingOf } from './supply-act-left-for-staff.js';
import { outcomeOf } from './supply-act-named.js';
import { cassettesOfText, cassettesText, intentDetail, type SupplyActIntent } from './supply-act-steps.js';
import { supplyCounts } from './supply-reconciliation.js';

const STEP = 'maintenance.testDispense';

/** The test dispense's intent: the notes it moves, who counts them, the journal's counts before. */
async function testDispenseIntent(
  journal: JournalService,
  devices: DevicesService,
  staffId: string,
): Promise<SupplyActIntent> {
  const dispenser = devices.cashDispenser;
  const countsAfter = await journal.counters.lastRecord();
  const latest = (await journal.counters.latestCounters()).cashDispenser;
  const kept = latest ? supplyCounts(latest.counters) : new Map<string, number>();
  // the cassettes the dispenser takes a note from: those with notes, as its driver picks them
  const from = dispenser.cassettes().filter((c) => c.count > 0);
  const journalBefore = kept.get('rejectBin') ?? null;
  const deviceBefore = countOf(dispenser.status().supplies, 'rejectBin');
  const fromJournal = dispenser.countsFromJournal === true;
  const cassettesBefore = Object.fromEntries(
    from.map((c) => [c.id, kept.get(`cassette:${c.id}`) ?? c.count] as const),
  );
  return {
    step: STEP,
    device: 'cashDispenser',
    supply: 'rejectBin',
    staffId,
    quantity: from.length,
    countedBy: fromJournal ? 'journal' : deviceBefore !== null ? 'device' : 'staff',
    journalBefore,
    countedByStaff: null,
    deviceBefore,
    replaces: false,
    journalAfter: fromJournal && journalBefore !== null ? journalBefore + from.length : null,
    countsAfter,
    cassettesBefore: fromJournal ? cassettesBefore : null,
  };
}

/**
 * The notes a test dispense moved before its fault, as its failed outcome carries them where only
 * the journal counts them (an LCDM): how many (`notes`), the bin's count they make
 * (`journalAfter`) and the journal's notes before of the cassettes they came from (`movedFrom`).
 * Nothing when none moved or the dispenser counts its own notes.
 */
function movedBeforeFault(
  intent: SupplyActIntent,
  held: ReadonlyMap<string, number>,
  now: readonly { readonly id: string; readonly count: number }[],
): StepDetail {
  const before = intent.cassettesBefore;
  if (!before) return {};
  const moved = now.filter((c) => Object.hasOwn(before, c.id) && c.count < (held.get(c.id) ?? c.count));
  if (moved.length === 0) return {};
  const journalAfter = intent.journalBefore === null ? null : intent.journalBefore + moved.length;
  const movedFrom = cassettesText(Object.fromEntries(moved.map((c) => [c.id, before[c.id]!] as const)));
  return { notes: moved.length, journalAfter, movedFrom };
}

/**
 * The counts a test dispense's failed outcome, or its leaving for staff, says the notes moved before
 * the fault made (`movedBeforeFault`), or none.
 */
export function countsMovedBeforeFault(
  intent: SupplyActIntent,
  outcome: JournaledStep,
): JournalCountMade | undefined {
  if (intent.step !== STEP || outcome.phase === 'done') return undefined;
  const movedFrom = cassettesOfText(detailText(outcome, 'movedFrom'));
  if (!movedFrom) return undefined;
  return {
    journalBefore: intent.journalBefore,
    journalAfter: detailCount(outcome, 'journalAfter') ?? null,
    countsAfter: intent.countsAfter,
    cassettesBefore: movedFrom,
  };
}

/** A test dispense left for staff as it ran: the notes known moved before it, counted once (at boot). */
export async function countMovedBeforeLeaving(
  deps: Pick<TestDispenseDeps, 'journal' | 'devices'>,
  steps: readonly JournaledStep[],
  intent: SupplyActIntent,
): Promise<void> {
  const leaving = leavingOf(steps, intent);
  const moved = leaving && countsMovedBeforeFault(intent, leaving);
  if (moved) await recordActCounts(deps.journal, deps.devices, intent, moved, true);
}

/**
 * The cassettes whose note's move is not known: a cassette's command that got no answer
 * (`outcomeUnknown`, the cassette named, else every cassette whose note is not known moved), where
 * only the journal counts the notes (an LCDM). A dispenser counting its own reject bin settles it by
 * its counts (the failed outcome's, as any fault); nothing unknown, none.
 */
function notesNotKnown(
  intent: SupplyActIntent,
  error: KioskError,
  now: readonly { readonly id: string; readonly count: number }[],
  held: ReadonlyMap<string, number>,
): string[] | undefined {
  const before = intent.cassettesBefore;
  if (!before || intent.countedBy !== 'journal' || error.details['outcomeUnknown'] !== true) return undefined;
  const named = error.details['cassette'];
  const moved = new Set(now.filter((c) => c.count < (held.get(c.id) ?? c.count)).map((c) => c.id));
  const ids = Object.keys(before).filter((id) => (typeof named === 'string' ? id === named : !moved.has(id)));
  return ids.length > 0 ? ids : undefined;
}

/**
 * A test dispense whose cassette's command got no answer, left for staff as one cut off by a
 * restart (ADR 0022), journal first: its `recovery.needsStaff` asks of the notes not known alone
 * (`inQuestion`) and carries those known moved before (`movedBeforeFault`, counted at once and caught
 * up at boot), the visit going on apart; refused MAINTENANCE_SUPPLY_ACT_TIMEOUT naming it.
 */
async function leaveUnanswered(
  deps: TestDispenseDeps,
  transactionId: string,
  intent: SupplyActIntent,
  cause: unknown,
  inQuestion: readonly string[],
  held: ReadonlyMap<string, number>,
): Promise<KioskError> {
  const { journal, devices } = deps;
  const dispenser = devices.cashDispenser;
  const moved = movedBeforeFault(intent, held, dispenser.cassettes());
  const code = KioskError.from(cause).code;
  const seen = { deviceNow: null, code, inQuestion: inQuestion.join(','), quantity: inQuestion.length };
  await leaveActForStaff(deps, transactionId, await journal.stepsOf(transactionId), intent, {
    ...seen,
    ...moved,
  });
  await recordDeviceCounters(journal, dispenser.status(), dispenser.cassettes());
  await deps.maintenance?.continueVisitApart(transactionId);
  return new KioskError(
    ErrorCode.MAINTENANCE_SUPPLY_ACT_TIMEOUT,
    'The dispenser did not answer the test dispense; whether its note went to the reject bin is not known. Look in the reject bin and confirm it in the list of acts cut off.',
    {
      device: intent.device,
      supply: intent.supply,
      unsettledTransactionId: transactionId,
      cassettes: seen.inQuestion,
    },
    { cause },
  );
}

/** What the test dispense needs: the journal, the devices, and the visit to go on apart from an act left. */
export interface TestDispenseDeps {
  readonly journal: JournalService;
  readonly devices: DevicesService;
  readonly maintenance?: Pick<MaintenanceService, 'continueVisitApart'>;
}

/**
 * The test dispense journaled first (its intent with what it moves), the dispenser told, its
 * outcome right after (`done` with its notes; `failed` with the code and the notes moved before
 * the fault), then the dispenser's counts as its driver keeps them.
 */
export async function runTestDispense(
  deps: TestDispenseDeps,
  transactionId: string,
  staffId: string,
): Promise<{ notes: number }> {
  const { journal, devices } = deps;
  const dispenser = devices.cashDispenser;
  const intent = await testDispenseIntent(journal, devices, staffId);
  const { device, supply, journalBefore } = intent;
  await journal.recordStep(transactionId, STEP, 'intent', {
    device,
    supply,
    journalBefore,
    ...intentDetail(intent),
  });
  const held = new Map(dispenser.cassettes().map((c) => [c.id, c.count] as const));
  let notes: number;
  try {
    const result = await dispenser.testDispense();
    notes = result.notes.reduce((sum, n) => sum + n.count, 0);
  } catch (e) {
    const unknown = notesNotKnown(intent, KioskError.from(e), dispenser.cassettes(), held);
    if (unknown) throw await leaveUnanswered(deps, transactionId, intent, e, unknown, held);
    // what moved before the fault journaled with it, before the counts: boot sets them once
    await journal.recordStep(transactionId, STEP, 'failed', {
      ...outcomeOf(intent),
      code: KioskError.from(e).code,
      ...movedBeforeFault(intent, held, dispenser.cassettes()),
    });
    await recordDeviceCounters(journal, dispenser.status(), dispenser.cassettes());
    throw e;
  }
  // the counts after the outcome: a restart between is caught up at boot from the intent, once
  await journal.recordStep(transactionId, STEP, 'done', { ...outcomeOf(intent), notes });
  await recordDeviceCounters(journal, dispenser.status(), dispenser.cassettes());
  return { notes };
}
